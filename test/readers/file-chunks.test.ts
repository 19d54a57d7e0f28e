/**
 * The CSV reader's file chunks (src/readers/file-chunks.ts) against their definition,
 * `createReadStream(file, { start, highWaterMark })`: the same chunks, byte for byte and at the same
 * boundaries, for files of every size around the chunk size and every start; recycled buffers
 * never overwrite a chunk handed out once `recycle()` said no; errors as the stream gives them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileChunks } from '../../src/readers/file-chunks.js';
import { fileSource, readCsv, type ByteSource } from '../../src/readers/csv.js';
import type { RowContext } from '../../src/model/index.js';
import { memorySource } from '../helpers/memory-source.js';
import { csvFixtureFiles } from '../helpers/csv-fixture-tables.js';
import { prng } from '../helpers/prng.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-chunks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each chunk as the stream gives it (copied: the stream's buffers are its own). */
async function streamed(file: string, start: number, size: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of createReadStream(file, { start, highWaterMark: size })) out.push(Buffer.from(chunk as Buffer));
  return out;
}

/** Each chunk `fileChunks` gives, copied before the next is asked for (what a recycling consumer may rely on). */
async function chunked(file: string, start: number, size: number, recycle: () => boolean): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of fileChunks(file, start, size, recycle)) out.push(Buffer.from(chunk));
  return out;
}

/** Chunk lengths, and whether every chunk holds the same bytes (vitest's deep equality walks a buffer byte by byte). */
function sameChunks(got: Buffer[], want: Buffer[]): { lengths: number[]; equal: boolean } {
  const equal = got.length === want.length && got.every((c, i) => c.equals(want[i]!));
  expect(got.map((c) => c.length)).toEqual(want.map((c) => c.length));
  return { lengths: got.map((c) => c.length), equal };
}

function randomBytes(n: number, seed: number): Buffer {
  const next = prng(seed);
  const buf = Buffer.alloc(n);
  for (let i = 0; i < n; i++) buf[i] = Math.floor(next() * 256);
  return buf;
}

describe('fileChunks', () => {
  it('gives the stream’s chunks for files around the chunk size, from every start, recycling or not', async () => {
    const size = 64;
    for (const n of [0, 1, 63, 64, 65, 127, 128, 129, 200, 640, 1000]) {
      const file = path.join(dir, `bytes-${n}.bin`);
      writeFileSync(file, randomBytes(n, n + 1));
      for (const start of [0, 1, 3, 63, 64, 65, 500, n, n + 5]) {
        const want = await streamed(file, start, size);
        expect(await chunked(file, start, size, () => true)).toEqual(want);
        expect(await chunked(file, start, size, () => false)).toEqual(want);
        // Recycling, then not (as the reader when csv-parse takes over).
        let asked = 0;
        expect(await chunked(file, start, size, () => asked++ < 3)).toEqual(want);
      }
    }
  });

  it('gives every CSV fixture as the stream does, in the reader’s chunk size and in small ones', async () => {
    for (const file of csvFixtureFiles('fixtures')) {
      for (const size of statSync(file).size < 20_000 ? [61, 4096, 256 * 1024] : [4096, 256 * 1024]) {
        expect(sameChunks(await chunked(file, 0, size, () => true), await streamed(file, 0, size)).equal).toBe(true);
      }
    }
  });

  it('never reads into a chunk handed out after recycle() said no', async () => {
    const file = path.join(dir, 'switch.bin');
    const bytes = randomBytes(64 * 40 + 17, 7);
    writeFileSync(file, bytes);
    for (const switchAt of [0, 1, 2, 5, 39, 40]) {
      let handed = 0;
      const kept: Buffer[] = [];
      // Chunks before the switch are copied and dropped; from the switch on they are kept as views.
      for await (const chunk of fileChunks(file, 0, 64, () => handed <= switchAt)) {
        if (handed >= switchAt) kept.push(chunk);
        handed++;
        // Give the read ahead time to land before the views are checked.
        await new Promise((r) => setImmediate(r));
      }
      expect(Buffer.concat(kept)).toEqual(bytes.subarray(64 * switchAt));
    }
  });

  it('hands out a new view each time, even for a full buffer used again', async () => {
    const file = path.join(dir, 'views.bin');
    writeFileSync(file, randomBytes(64 * 6, 3));
    const seen = new Set<Buffer>();
    for await (const chunk of fileChunks(file, 0, 64, () => true)) {
      expect(seen.has(chunk)).toBe(false);
      seen.add(chunk);
    }
    expect(seen.size).toBe(6);
  });

  it('stops early and closes the file (destroy, or leaving the loop)', async () => {
    const file = path.join(dir, 'early.bin');
    writeFileSync(file, randomBytes(64 * 10, 5));
    const chunks = fileChunks(file, 0, 64, () => true);
    for await (const chunk of chunks) {
      expect(chunk.length).toBe(64);
      break;
    }
    chunks.destroy();
    const never = fileChunks(file, 0, 64);
    never.destroy();
    const twice = fileChunks(file, 0, 64, () => true);
    const it1 = twice[Symbol.asyncIterator]();
    expect((await it1.next()).value).toEqual((await streamed(file, 0, 64))[0]);
    twice.destroy();
    expect((await it1.next()).done).toBe(true);
  });

  it('fails as the stream does for a file that cannot be read', async () => {
    const missing = path.join(dir, 'missing.csv');
    const message = async (chunks: AsyncIterable<unknown>) => {
      try {
        for await (const _ of chunks) void _;
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(await message(fileChunks(missing, 0, 64))).toBe(await message(createReadStream(missing, { highWaterMark: 64 })));
    expect(await message(fileChunks(dir, 0, 64))).toBe(await message(createReadStream(dir, { highWaterMark: 64 })));
  });
});

/** Everything a sink gets from the CSV reader (cells, row, line, the record's hash and mask, tables, the summary), as JSON. */
async function readAll(source: ByteSource, name: string): Promise<string> {
  const out: unknown[] = [];
  const sink = {
    table: (t: unknown) => out.push(['table', structuredClone(t)]),
    row: (cells: string[], ctx: RowContext) => out.push([cells, ctx.row, ctx.line, ctx.record?.hash53(), ctx.record?.nonAscii()]),
    end: (summary: unknown) => out.push(['end', structuredClone(summary)]),
  };
  try {
    await readCsv(source, name, sink, { file: name, rows: true });
  } catch (err) {
    out.push(['error', (err as Error).message]);
  }
  return JSON.stringify(out);
}

/**
 * A file's bytes in chunks of 256 KiB, each in a buffer of its own, and a chunk the consumer said
 * it was done with (`recycle()` true when the next is handed out) written over with bytes that are
 * no CSV: what a read into it would do, at once (a real one races with the consumer).
 */
function scribblingSource(bytes: Buffer): ByteSource {
  return {
    head: async (n) => bytes.subarray(0, n),
    stream: (start, recycle = () => false) => {
      const it = (async function* () {
        let handed: Buffer | undefined;
        for (let i = start; i < bytes.length; i += 256 * 1024) {
          const chunk = Buffer.from(bytes.subarray(i, Math.min(bytes.length, i + 256 * 1024)));
          if (handed && recycle()) handed.fill(0xfe);
          handed = chunk;
          yield chunk;
        }
      })();
      return Object.assign(it, { destroy: () => {} });
    },
  };
}

/** A CSV of `rows` records over several 256 KiB chunks: accents, quoted values with doubled quotes and line breaks. */
function generatedCsv(rows: number, seed: number, extra: (row: number) => string = () => ''): Buffer {
  const next = prng(seed);
  const words = ['école', 'crèche', 'Liège', 'a "b" c', 'x,y', 'two\nlines', 'plain', '', '12.5', 'Œuvre'];
  const cell = () => {
    const w = words[Math.floor(next() * words.length)]!;
    return /[",\n]/.test(w) ? `"${w.replaceAll('"', '""')}"` : w;
  };
  const lines = ['id,name,kind,note'];
  for (let r = 1; r <= rows; r++) lines.push(`${r},${cell()},${cell()},${cell()}${extra(r)}`);
  return Buffer.from(lines.join('\n') + '\n');
}

/** `csv` with a line break at each of `ends` (a record of `z`s put before it, after the line break before it). */
function breaksAt(csv: Buffer, ends: number[]): Buffer {
  let out = csv;
  for (const end of ends) {
    const before = out.lastIndexOf(10, end - 1);
    const filler = Buffer.from('z'.repeat(end - before - 1) + '\n');
    out = Buffer.concat([out.subarray(0, before + 1), filler, out.subarray(before + 1)]);
    expect(out[end]).toBe(10);
  }
  return out;
}

/**
 * `csv` with a record whose quoted value has a doubled quote cut between its two quotes at each of
 * `ends` (csv-parse holds the first one back until the next chunk comes).
 */
function doubledQuotesAt(csv: Buffer, ends: number[]): Buffer {
  let out = csv;
  for (const end of ends) {
    let before = out.lastIndexOf(10, end - 1);
    if (end - before - 4 < 0) before = out.lastIndexOf(10, before - 1);
    const record = Buffer.from('z'.repeat(end - before - 4) + ',"a""b"\n');
    out = Buffer.concat([out.subarray(0, before + 1), record, out.subarray(before + 1)]);
    expect(out.subarray(end, end + 2).toString()).toBe('""');
  }
  return out;
}

describe('the CSV reader on recycled chunks', () => {
  it('reads every CSV fixture as from memory', async () => {
    for (const file of csvFixtureFiles('fixtures')) {
      const bytes = readFileSync(file);
      expect(await readAll(fileSource(file), file), file).toBe(await readAll(memorySource(bytes, 256 * 1024), file));
    }
  });

  it('reads files of several chunks as from memory, also where csv-parse takes over or the bytes are not UTF-8', async () => {
    const plain = generatedCsv(40_000, 1);
    // csv-parse reads from row 15,000 on (text after a closing quote), keeping bytes of a chunk until the next.
    const strayAt = doubledQuotesAt(generatedCsv(40_000, 2, (r) => (r === 15_000 ? ',"a"b' : '')), [2, 3].map((k) => k * 256 * 1024 - 1));
    const invalidAt = Buffer.concat([generatedCsv(15_000, 3), Buffer.from([0xff, 0x2c, 0x0a]), generatedCsv(20_000, 4)]);
    const latin1 = Buffer.from(generatedCsv(40_000, 5).toString('utf8').replaceAll('Œ', 'O'), 'latin1');
    const crlfTail = Buffer.concat([generatedCsv(30_000, 6), Buffer.from('\r\n\n\n')]);
    const breaksAtChunkEnds = breaksAt(generatedCsv(40_000, 7), [1, 2, 3, 4].map((k) => k * 256 * 1024 - 1));
    for (const [name, bytes] of Object.entries({ plain, strayAt, invalidAt, latin1, crlfTail, breaksAtChunkEnds })) {
      expect(bytes.length, name).toBeGreaterThan(3 * 256 * 1024);
      const file = path.join(dir, `${name}.csv`);
      writeFileSync(file, bytes);
      const expected = await readAll(memorySource(bytes, 256 * 1024), file);
      expect(await readAll(fileSource(file), file), name).toBe(expected);
      expect(await readAll(scribblingSource(bytes), file), `${name}, chunks written over once done with`).toBe(expected)
    }
  });
});
