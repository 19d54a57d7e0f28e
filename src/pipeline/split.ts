/**
 * One big JSON or JSON Lines descriptor (a `package_search` dump, a DCAT-US `data.json` of
 * 100,000 datasets, a JSON Lines export) on all the workers. The main thread scans the file once
 * for its records' ends (no parse of the records: src/loaders/json-stream.ts) and cuts it into
 * parts of about 1 MiB between two records, where a batch of the file ends; each part goes to a
 * worker as a unit whose records load at their places in the whole file (`loadDocumentPart`),
 * read in the same batches by the loader the file's first batch chose. Their events come back
 * in order and are put together as the one unit's: datasets numbered on, the file's own
 * findings and its inventory entry once at the end — the bytes of reading the file in one thread.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import type { LintPlan, LintRequest, LintUnit } from '../engine/lint.js';
import { documentPartFormat, isStreamedFile, streamBatchChars, type LoadIssue } from '../loaders/index.js';
import { batchEnds, findRecords, jsonLines, readHead, scanRecords } from '../loaders/json-stream.js';
import { JSON_LINES_EXTENSIONS, parseJsonLines } from '../loaders/jsonl.js';
import { extensionOf } from '../loaders/paths.js';
import type { Limits } from '../model/index.js';
import { maskPersonalData } from '../knowledge/personal-data/mask-text.js';
import { sortFindings } from '../reporters/build-report.js';
import { displayPath } from '../util/paths.js';
import { pageText } from '../harvest/client.js';
import type { UnitEvent } from './unit.js';

/**
 * Characters of records per part: about a CKAN page of 150 packages or a DCAT-US one of 800
 * datasets. Smaller parts keep less waiting in memory (the reports of the parts after the one
 * being written); each costs a message, small beside its checks.
 */
export const PART_CHARS = 1 << 20;

/** Tests only: `ODLINT_PART_CHARS` cuts small files into small parts. */
export const partChars = (): number => {
  const n = Number(process.env.ODLINT_PART_CHARS);
  return Number.isInteger(n) && n > 0 ? n : PART_CHARS;
};

export type DescriptorUnit = Extract<LintUnit, { kind: 'descriptor' }>;
export type PartUnit = Extract<LintUnit, { kind: 'fetched' }>;

/** Whether a unit may be split: a local JSON or JSON Lines descriptor that the loader reads record by record (`size`: its bytes, when known). */
export function splittable(unit: LintUnit, size?: number): unit is DescriptorUnit {
  if (unit.kind !== 'descriptor') return false;
  try {
    return isStreamedFile(unit.file, size ?? statSync(unit.file).size);
  } catch {
    return false;
  }
}

/**
 * How many units a run counts when it chooses between linting in this thread and the pool
 * (`AUTO_POOL_UNITS`): a file that may be split counts as at least `enough` (its parts go to the
 * workers). Only looked at when the run has fewer units than that.
 */
export function unitsWithParts(plan: LintPlan, units: number, enough: number): number {
  if (units >= enough) return units;
  return plan.descriptors.some((u) => splittable(u)) ? Math.max(units, enough) : units;
}

/** A part as cut: its text (or UTF-8 bytes) and where it is in the file. */
interface Cut {
  text: string | Uint8Array;
  first: number;
  offset: number;
  line: number;
  column: number;
  problems: LoadIssue[];
}

interface Sizes {
  part: number;
  batch: number;
}

/**
 * The parts of a JSON file's list of records (the list `findRecords` finds in its head): cut
 * after a record that ends a batch once the part holds `sizes.part` characters. A part is never
 * cut after a bare number or literal (its end is only known at the next character). The last
 * part ends at the last whole record and carries what the scan found wrong (an unclosed list,
 * text that is not a comma, a record past the size limit), said where the file's own scan says it.
 */
async function* jsonListCuts(file: string, start: number, limits: Limits, sizes: Sizes, from?: Place): AsyncGenerator<Cut> {
  const decoder = new TextDecoder('utf-8');
  let raw = ''; // the text read since the last cut
  let rawAt = from?.offset ?? 0; // its offset in the document
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, start: from?.byte ?? 0 })) {
      const t = decoder.decode(chunk as Buffer, { stream: true });
      raw += t;
      yield t;
    }
    const t = decoder.decode();
    raw += t;
    yield t;
  }
  const problems: LoadIssue[] = [];
  const ends = batchEnds(sizes.batch);
  let at = from ? { offset: from.offset, line: from.line, column: from.column } : { offset: 0, line: 1, column: 1 };
  let first = from?.records ?? 0;
  let records = first;
  let lastEnd = rawAt;
  const cut = (end: number): Cut => {
    const part = { text: raw.slice(0, end - rawAt), first, ...at, problems: [] };
    raw = raw.slice(end - rawAt);
    rawAt = end;
    return part;
  };
  for await (const r of scanRecords(text(), file, from ? at : { listAt: start }, limits, problems)) {
    records++;
    lastEnd = r.end;
    const c = r.text.charCodeAt(0);
    if (ends(r.text.length) && (c === 123 || c === 91 || c === 34) && r.end - at.offset >= sizes.part) {
      yield cut(r.end);
      at = { offset: r.end, line: r.endLine, column: r.endColumn };
      first = records;
    }
  }
  if (records > first || problems.length) yield { ...cut(Math.max(lastEnd, rawAt)), problems };
}

/** A place between two records: its byte, its character offset (UTF-16 units, BOM left out), line and column, and the records before it. */
interface Place {
  byte: number;
  offset: number;
  line: number;
  column: number;
  records: number;
}

/**
 * The parts of a JSON file's list: cut from its bytes (no text made, nothing for the main
 * thread's heap to collect) while the list is plain — records that are objects, lists or strings,
 * commas, UTF-8 that is valid. From the first thing that is not (the list's end, a missing comma,
 * a bare number, a record past the size limit, invalid UTF-8: each part's bytes are checked),
 * the rest is cut from its text by `jsonListCuts` from the last cut on, whose scan says where
 * the problem is, as reading the file in one thread does.
 */
async function* jsonListParts(file: string, head: string, start: number, limits: Limits, sizes: Sizes): AsyncGenerator<Cut> {
  const envelope = Buffer.from(head.slice(0, start));
  const last = yield* byteCuts(file, envelope, limits, sizes);
  yield* jsonListCuts(file, start, limits, sizes, last);
}

/** The happy path of `jsonListParts`: yields the parts it could cut, returns where it stopped (the last cut; undefined: none). */
async function* byteCuts(file: string, envelope: Buffer, limits: Limits, sizes: Sizes): AsyncGenerator<Cut, Place | undefined> {
  if (!isUtf8(envelope)) return undefined;
  const ends = batchEnds(sizes.batch);
  const held: Buffer[] = []; // the chunks read since the one of the last cut
  let heldByte = 0; // the file's byte the first held chunk starts at
  let cutAt: Place | undefined; // the last cut
  let byte = 0; // the file's byte at the chunk's start
  let bom = -1;
  let listByte = -1;
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let records = 0;
  let state = 0; // 0 before the list, 1 expecting a record, 2 in a record, 3 after a record
  let depth = 0;
  let inString = false;
  let escaped = false;
  let recordByte = 0;
  let recordOffset = 0;
  let partStart = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (bom < 0) {
        bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
        listByte = bom + envelope.length;
      }
      held.push(chunk);
      for (let i = byte < bom ? bom - byte : 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        // UTF-16 units: one per character, two for a 4-byte sequence (valid UTF-8: checked per part).
        if ((c & 0xc0) !== 0x80) offset++;
        if (c >= 0xf0) offset++;
        if (escaped) {
          escaped = false; // skipped as the text scan skips it: not even a line end counts
          continue;
        }
        if (c === 10) {
          line++;
          lineStart = offset;
        }
        if (state === 2) {
          if (inString) {
            if (c === 92) escaped = true;
            else if (c === 34) {
              inString = false;
              if (depth === 0) state = 3;
            }
          } else if (c === 34) inString = true;
          else if (c === 123 || c === 91) depth++;
          else if (c === 125 || c === 93) {
            if (--depth === 0) state = 3;
          }
          if (state === 3) {
            records++;
            const end = byte + i + 1;
            if (ends(offset - recordOffset) && offset - partStart >= sizes.part) {
              const bytes = Buffer.from(bytesBetween(held, heldByte, cutAt?.byte ?? 0, end));
              if (!isUtf8(bytes)) return cutAt;
              yield { text: bytes, first: cutAt?.records ?? 0, offset: cutAt?.offset ?? 0, line: cutAt?.line ?? 1, column: cutAt?.column ?? 1, problems: [] };
              cutAt = { byte: end, offset, line, column: offset - lineStart + 1, records };
              held.splice(0, held.length - 1);
              heldByte = byte;
              partStart = offset;
            }
          } else if (byte + i - recordByte >= limits.descriptorBytes) return cutAt;
        } else if (state === 0) {
          if (byte + i === listByte) state = 1;
        } else if (c === 32 || c === 10 || c === 13 || c === 9) continue;
        else if (state === 3) {
          if (c !== 44) return cutAt; // the list's end, or a missing comma
          state = 1;
        } else {
          if (c !== 123 && c !== 91 && c !== 34) return cutAt; // a bare value, or the list's end
          state = 2;
          depth = c === 34 ? 0 : 1;
          inString = c === 34;
          recordByte = byte + i;
          recordOffset = offset - 1;
        }
      }
      byte += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  return cutAt;
}

/** The file's bytes from `a` to `b` out of the chunks held, the first of which starts at the file's byte `heldByte`. */
function bytesBetween(held: Buffer[], heldByte: number, a: number, b: number): Buffer {
  const parts: Buffer[] = [];
  let at = heldByte;
  for (const chunk of held) {
    const from = Math.max(a - at, 0);
    const to = Math.min(b - at, chunk.length);
    if (to > from) parts.push(chunk.subarray(from, to));
    at += chunk.length;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * The parts of a JSON Lines file: whole batches of lines. A part's first record number counts
 * the records of the parts before — the lines that parse as objects, as the loader counts them —
 * so each batch is parsed here too (JSON Lines numbers its records, not its lines).
 */
async function* jsonLinesCuts(file: string, limits: Limits, sizes: Sizes, from?: Place): AsyncGenerator<Cut> {
  const problems: LoadIssue[] = [];
  const ends = batchEnds(sizes.batch);
  let batch: { text: string; line: number }[] = [];
  let part: string[] = [];
  let chars = 0;
  let first = from?.records ?? 0;
  let records = first;
  let line = from?.line ?? 1;
  const cut = (): Cut => ({ text: part.join('\n'), first, offset: 0, line, column: 1, problems: [] });
  for await (const l of jsonLines(file, limits, problems, from)) {
    batch.push(l);
    if (!ends(l.text.length)) continue;
    const texts = batch.map((b) => b.text);
    records += (parseJsonLines(file, texts.join('\n'), limits, batch[0]!.line).doc.data as unknown[]).length;
    for (const t of texts) part.push(t);
    chars += texts.reduce((n, t) => n + t.length, 0);
    batch = [];
    if (chars >= sizes.part) {
      yield cut();
      first = records;
      line = l.line + 1;
      part = [];
      chars = 0;
    }
  }
  for (const b of batch) part.push(b.text);
  if (part.length || problems.length) yield { ...cut(), problems };
}

/**
 * The parts of a JSON Lines file: cut from its bytes at line ends while its lines are plain
 * (valid UTF-8 — checked per part —, within the size limit), each line decoded and parsed alone
 * to count the records (short strings the young generation collects, where a batch's text would
 * wait for a major GC); the tail after the last cut (and all from the first line that is not
 * plain) by `jsonLinesCuts`, whose reading says what is wrong where one thread's does.
 */
async function* jsonLinesParts(file: string, limits: Limits, sizes: Sizes): AsyncGenerator<Cut> {
  const last = yield* lineByteCuts(file, limits, sizes);
  yield* jsonLinesCuts(file, limits, sizes, last);
}

async function* lineByteCuts(file: string, limits: Limits, sizes: Sizes): AsyncGenerator<Cut, Place | undefined> {
  const ends = batchEnds(sizes.batch);
  const decoder = new TextDecoder('utf-8');
  const held: Buffer[] = []; // the chunks read since the one of the last cut
  let heldByte = 0; // the file's byte the first held chunk starts at
  let cutAt: Place | undefined;
  let byte = 0; // the file's byte at the chunk's start
  let line = 1;
  let lineStart = -1; // the byte the current line starts at (-1: the BOM is not looked at yet)
  let records = 0;
  let batchProblems = 0; // a batch stops counting at limits.parseErrors bad lines, as parseJsonLines does
  let partChars = 0;
  let partLine = 1;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (lineStart < 0) lineStart = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
      held.push(chunk);
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, nl + 1)) {
        const end = byte + nl;
        if (end - lineStart > limits.descriptorBytes) return cutAt;
        const text = decoder.decode(bytesBetween(held, heldByte, lineStart, end));
        if (batchProblems < limits.parseErrors) {
          const { doc, problems } = parseJsonLines(file, text, limits, line);
          records += (doc.data as unknown[]).length;
          batchProblems += problems.length;
        }
        partChars += text.length;
        line++;
        lineStart = end + 1;
        if (!ends(text.length)) continue;
        batchProblems = 0;
        if (partChars < sizes.part) continue;
        const bytes = Buffer.from(bytesBetween(held, heldByte, cutAt?.byte ?? 0, end));
        if (!isUtf8(bytes)) return cutAt;
        yield { text: bytes, first: cutAt?.records ?? 0, offset: 0, line: partLine, column: 1, problems: [] };
        cutAt = { byte: end + 1, offset: 0, line, column: 1, records };
        held.splice(0, held.length - 1);
        heldByte = byte;
        partChars = 0;
        partLine = line;
      }
      byte += chunk.length;
      if (byte - lineStart > limits.descriptorBytes) return cutAt;
    }
  } finally {
    stream.destroy();
  }
  return cutAt;
}

/**
 * The part units of a big file, or undefined when it is not split: not a list of records any
 * loader claims (read whole, as in one thread), or a single part. Parts are scanned as they are
 * asked for: the main thread holds the part being cut, not the file.
 */
export async function fileParts(unit: DescriptorUnit, req: Pick<LintRequest, 'config' | 'allowedRoots'>): Promise<AsyncGenerator<PartUnit> | undefined> {
  const { file } = unit;
  const limits = req.config.limits;
  const sizes = { part: partChars(), batch: streamBatchChars() };
  const lines = JSON_LINES_EXTENSIONS.includes(extensionOf(file));
  let envelope = '';
  let path = '';
  let cuts: AsyncGenerator<Cut>;
  if (lines) cuts = jsonLinesParts(file, limits, sizes);
  else {
    const head = await readHead(file);
    const found = head === undefined ? undefined : findRecords(head);
    if (!found) return undefined;
    envelope = head!.slice(0, found.start);
    path = found.shape.path;
    cuts = jsonListParts(file, head!, found.start, limits, sizes);
  }
  const one = await cuts.next();
  const two = one.done ? one : await cuts.next();
  if (one.done || two.done) return undefined;
  const meta = { envelope, path, local: { batchChars: sizes.batch, lines, problems: [] } };
  // The loader the file's first batch chooses, as reading it in one thread does (the first part begins with that batch).
  const format = await documentPartFormat(file, pageText(one.value.text), { ...meta, first: 0, offset: 0, line: 1, column: 1, end: false }, limits, { allowedRoots: req.allowedRoots });
  if (!format) {
    await cuts.return(undefined);
    return undefined;
  }
  const toUnit = (c: Cut): PartUnit => ({
    kind: 'fetched',
    index: unit.index,
    url: file,
    body: c.text,
    format: unit.format,
    byDataset: true,
    part: { envelope, path, first: c.first, offset: c.offset, line: c.line, column: c.column, end: false, local: { format, batchChars: sizes.batch, lines, problems: c.problems } },
  });
  return (async function* () {
    yield toUnit(one.value);
    yield toUnit(two.value);
    for await (const c of cuts) yield toUnit(c);
  })();
}

/**
 * The parts' events put together as the events of the whole file's unit: each dataset numbered
 * after the datasets of the parts before (its place in the report, and the id of a dataset that
 * has none), the parts' own findings as one file report and one inventory entry after the last
 * dataset. Returns the file's dataset count (0: nothing was said of the file yet; the caller
 * lints it whole, as one thread does, for what a file without datasets reports).
 */
export async function* joinParts(unit: DescriptorUnit, events: AsyncIterable<UnitEvent>, cwd: string): AsyncGenerator<UnitEvent, number> {
  let before = 0; // datasets (checked here or by another shard) of the parts done
  let format = '';
  let fileName: string | undefined;
  const findings: Extract<UnitEvent, { kind: 'file' }>['report']['findings'] = [];
  for await (const e of events) {
    if (e.kind === 'dataset') {
      const k = e.seq[1]; // in a part, datasets come first: item k is its k-th dataset
      const report = e.unnamed ? { ...e.report, id: maskPersonalData(`${displayPath(cwd, unit.file)}#${before + k}`) } : e.report;
      yield { kind: 'dataset', seq: [unit.index, before + k], report };
    } else if (e.kind === 'file') {
      fileName = e.report.file;
      for (const f of e.report.findings) findings.push(f);
    } else if (e.kind === 'inventory') {
      before += e.datasets;
      format = e.format;
    } else yield e;
  }
  if (before === 0) return 0;
  if (fileName !== undefined) yield { kind: 'file', seq: [unit.index, before], report: { file: fileName, findings: sortFindings(findings) } };
  yield { kind: 'inventory', status: 'loaded', file: unit.file, format, datasets: before };
  return before;
}
