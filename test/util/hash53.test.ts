/**
 * `hash53` is its definition (below, written out with BigInt over the joined text): XXH64's
 * single-lane steps over the UTF-16 units of `cells.join(',')` four a 64-bit word (the even words
 * and the odd words in two lanes, then one stepped into the other), then the number of cells and
 * units, then a chain of XXH64 rounds over the cells' lengths, the avalanche, the top
 * 53 bits. The WebAssembly module computes it (src/util/row-hash.wat) from a record's cells laid
 * out in its memory: from strings (`hash53`: one span, commas between) and from the CSV
 * tokenizer's copy of its text (`RowUnits.hash`: runs of cells one comma apart read as one span
 * when the delimiter is a comma, quoted cells and other delimiters cell by cell, a unit waiting
 * across spans) — the same number on generated records (laid out as the tokenizer copies them)
 * and on every CSV fixture.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { hash53, rowHashPlain, RowUnits } from '../../src/util/hash53.js';
import { readCsv } from '../../src/readers/csv.js';
import type { RowContext } from '../../src/model/index.js';
import { csvFixtureFiles } from '../helpers/csv-fixture-tables.js';
import { memorySource } from '../helpers/memory-source.js';
import { pick } from '../helpers/record-units.js';
import { prng } from '../helpers/prng.js';

const M64 = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;
/** XXH64's round. */
const round = (acc: bigint, w: bigint) => (rotl((acc + w * P2) & M64, 31n) * P1) & M64;
/** XXH64's step for one of an input's last 8-byte words. */
const step = (h: bigint, w: bigint) => ((rotl(h ^ round(0n, w), 27n) * P1 + P4) & M64);

/** The definition: the joined text's units four a word, the cells' and units' number, the lengths' chain. */
function definition(cells: readonly string[]): number {
  const text = cells.join(',');
  // The even words' lane and the odd words'.
  const lanes = [P5, P5 + 1n];
  for (let i = 0; i < text.length; i += 4) {
    let w = 0n;
    for (let k = 0; k < 4 && i + k < text.length; k++) w |= BigInt(text.charCodeAt(i + k)) << BigInt(16 * k);
    lanes[(i / 4) % 2] = step(lanes[(i / 4) % 2]!, w);
  }
  let h = step(lanes[0]!, lanes[1]!);
  h = step(h, (BigInt(cells.length) << 32n) | BigInt(text.length));
  let lengths = P1;
  for (const c of cells) lengths = round(lengths, BigInt(c.length));
  h = step(h, lengths);
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return Number(h >> 11n);
}

/**
 * `cells` laid out in `r` as the tokenizer copies a record (random units before, between and
 * after the cells; a quoted cell between quotes, then the delimiter): its cells' places set.
 */
function layOut(r: RowUnits, cells: readonly string[], quoted: (p: number) => boolean, delimiter: number, rand: () => number): void {
  r.reserve(cells.length, 8 + cells.reduce((n, c) => n + c.length + 3, 0) + 8);
  const { units, starts, ends } = r;
  let at = Math.floor(rand() * 8);
  for (let k = 0; k < at; k++) units[k] = 48 + Math.floor(rand() * 10);
  cells.forEach((c, p) => {
    const q = quoted(p);
    if (q) units[at++] = 34;
    starts[p] = at;
    for (let k = 0; k < c.length; k++) units[at++] = c.charCodeAt(k);
    ends[p] = at;
    if (q) units[at++] = 34;
    units[at++] = delimiter;
  });
  for (; at < units.length; at++) units[at] = 48 + Math.floor(rand() * 10);
}

const PIECES = ['', 'a', 'ab', 'abc', ',', 'a,b', '"', 'é', 'ü,', '😀', '\ud83d', '\0', '\x1f', ' ', '12345', 'x'.repeat(40)];

function cellOf(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) s += pick(rand, PIECES);
  return s;
}

describe('hash53', () => {
  it('is its definition over the joined text, for generated rows', () => {
    const rand = prng(5301);
    for (let k = 0; k < 3000; k++) {
      const cells = Array.from({ length: Math.floor(rand() * 40) }, () => cellOf(rand));
      expect(hash53(cells), JSON.stringify(cells)).toBe(definition(cells));
    }
  });

  it('tells apart rows whose cells join to the same text (a comma moved between cells, an empty cell added)', () => {
    const rows = [[], [''], ['', ''], [','], ['a,b', 'c'], ['a', 'b,c'], ['a', 'b', 'c'], ['a,b,c'], ['a,', 'b', 'c'], ['a', '', 'b', 'c'], ['ab', 'c'], ['a', 'bc']];
    expect(new Set(rows.map(hash53)).size).toBe(rows.length);
  });

  it('gives the same number from a record laid out as the tokenizer copies it, quoted cells and wide records included', () => {
    const rand = prng(5302);
    const r = new RowUnits(4, 16);
    for (let k = 0; k < 4000; k++) {
      const cells = Array.from({ length: 1 + Math.floor(rand() * (rand() < 0.1 ? 80 : 12)) }, () => cellOf(rand));
      const quotedAt = cells.map((c) => c.includes(',') || c.includes('"') || rand() < 0.2);
      // Commas between the cells: runs of unquoted cells read as spans; any other delimiter: cell by cell.
      for (const [delimiter, commas] of [
        [44, true],
        [44, false],
        [59, false],
        [9, false],
      ] as const) {
        const quoted = (p: number) => (delimiter === 44 ? quotedAt[p]! : quotedAt[p]! && rand() < 0.5);
        layOut(r, cells, quoted, delimiter, rand);
        expect(r.hash(cells.length, commas), `${JSON.stringify(cells)} ${delimiter} ${commas}`).toBe(definition(cells));
      }
    }
  });

  it('gives the definition from JavaScript where no WebAssembly memory can be had (rowHashPlain), on the same layouts', () => {
    const rand = prng(5304);
    const r = new RowUnits(4, 16);
    for (let k = 0; k < 2000; k++) {
      const cells = Array.from({ length: Math.floor(rand() * (rand() < 0.1 ? 80 : 12)) }, () => cellOf(rand));
      for (const delimiter of [44, 59]) {
        layOut(r, cells, () => rand() < 0.3, delimiter, rand);
        expect(rowHashPlain(cells.length, r.starts, r.ends, r.units), `${JSON.stringify(cells)} ${delimiter}`).toBe(definition(cells));
      }
    }
  });

  it('keeps a record laid out before it grows', () => {
    const r = new RowUnits(2, 4);
    const cells = ['ab', 'c', 'défg'];
    layOut(r, cells.slice(0, 2), () => false, 44, prng(5303));
    // Three cells and more units: the first two's places and units are copied over.
    expect(r.reserve(3, 64)).toBe(true);
    const at = r.ends[1]! + 1;
    r.starts[2] = at;
    for (let k = 0; k < 4; k++) r.units[at + k] = cells[2]!.charCodeAt(k);
    r.ends[2] = at + 4;
    expect(r.hash(3, true)).toBe(definition(cells));
    expect(r.reserve(3, 64)).toBe(false);
  });

  it('gives the definition for every record the CSV reader reads from the fixtures, in small and large chunks', async () => {
    const files = csvFixtureFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    let told = 0;
    for (const file of files) {
      for (const chunk of [7, 64 * 1024]) {
        const wrong: string[][] = [];
        const sink = {
          table: () => {},
          row: (cells: string[], ctx: RowContext) => {
            if (!ctx.record) return;
            told++;
            if (ctx.record.hash53() !== definition(cells)) wrong.push([...cells]);
          },
          end: () => {},
        };
        try {
          await readCsv(memorySource(readFileSync(file), chunk), file, sink, { file, rows: true });
        } catch {
          // Files the reader refuses: their records before that were checked.
        }
        expect(wrong, file).toEqual([]);
      }
    }
    expect(told).toBeGreaterThan(1000);
  });
});

describe('where no WebAssembly memory can be reserved', () => {
  it('reads the data files as anywhere else under an address-space limit (ulimit -v): same report bytes', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const args = ['bin/odlint.js', 'fixtures/data/rows', 'fixtures/data/values', '-p', 'strict', '-f', 'json', '--fail-on', 'never'];
    // V8 reserves ~10 GiB of address space for any WebAssembly memory: under 6 GB there is none.
    const limited = (cmd: string) => execa('bash', ['-c', `ulimit -v 6000000 && exec ${cmd}`], { cwd: root, reject: false, env: { NO_COLOR: '1' } });
    const refused = await limited('node -e "new WebAssembly.Memory({ initial: 1 })"');
    expect(refused.stderr).toContain('could not allocate memory');
    const plain = await execa('node', args, { cwd: root, reject: false, env: { NO_COLOR: '1' } });
    const underLimit = await limited(`node ${args.join(' ')}`);
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toContain('"ruleId": "data/duplicate-rows"');
    expect(underLimit.exitCode).toBe(0);
    expect(underLimit.stdout).toBe(plain.stdout);
  }, 60_000);
});
