import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { visit as visitJson } from 'jsonc-parser';
import { LimitExceeded, pointer, pointerTokens, type Limits, type PositionResolver } from '../model/index.js';
import { parseJson, SyntaxProblem } from './parse.js';
import { parseJsonLines } from './jsonl.js';
import { descriptorDir } from './paths.js';
import type { LoadIssue, ParsedDocument } from './types.js';

/**
 * Big single descriptor files — a 500 MB CKAN `package_search` dump, a DCAT-US `data.json` of
 * 100,000 datasets, a JSON Lines export — read record by record: a hand-written scanner finds
 * the list of records (`/result/results`, `/dataset`, `/data`…, or the lines) and cuts each
 * record's text out of the stream; each record is parsed alone (`JSON.parse` + the compact
 * position index of parse.ts), so memory holds one batch of records, never the file.
 *
 * Why no library: measured on a 100 MB `package_search` page (14,000 packages), CPU time to get
 * every package as a value — `JSON.parse` of the whole text 0.86 s (283 MiB RSS), this scanner
 * + `JSON.parse` per record 1.16 s (117 MiB), @streamparser/json 0.0.26 2.5 s (77 MiB),
 * stream-json 3.8 6.5 s (100 MiB; and its README says it is not meant for untrusted input).
 * Neither library gives line and column, which every finding needs.
 */

/** A record cut out of the stream: its text and where it starts in the file (1-based). */
export interface StreamedRecord {
  text: string;
  line: number;
  column: number;
}

/** A record with where it ends: the character offset after it, and that place's line and column. */
export interface ScannedRecord extends StreamedRecord {
  end: number;
  endLine: number;
  endColumn: number;
}

/**
 * Where a scan starts: at the document's start, looking for the list at `listAt` (the offset of
 * its `[`), or inside the list just after a record (a part of a document cut between records:
 * `offset`, `line` and `column` are the part's place in the document).
 */
export type ScanStart = { listAt: number } | { offset: number; line: number; column: number };

/** Where the records are and what surrounds them: the text before the list, closed (`[]` in place of the list). */
export interface RecordsShape {
  /** JSON pointer of the list ('' = the whole document is the list; JSON Lines: ''). */
  path: string;
  /** The document with an empty list in place of the records (what loaders need to recognise it). */
  envelope: unknown;
  /** Resolves pointers outside the records (the envelope before the list). */
  envelopePosition: PositionResolver;
  lines: boolean;
}

/** Lists that hold a catalogue's records, by pointer: CKAN package_search / list actions, DCAT-US, udata. */
const RECORD_LISTS = new Set(['', '/result/results', '/results', '/result', '/dataset', '/data', '/datasets']);

/** Only this much of the head is searched for the list (an envelope is small). */
const HEAD_CHARS = 1 << 20;

const CHUNK = 1 << 20;

/** The first HEAD_CHARS characters of a UTF-8 file (a UTF-16 or UTF-32 one: undefined, it is read whole). */
export async function readHead(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(HEAD_CHARS);
    const { bytesRead } = await handle.read(bytes, 0, HEAD_CHARS, 0);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0)) return undefined;
    return new TextDecoder('utf-8').decode(bytes.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

/** A problem met while streaming, at its place in the file: the records before it are kept. */
export type StreamProblem = LoadIssue;

/**
 * The records list of a JSON text's head, or undefined (not a catalogue shape: the file is read
 * whole). Stops at the first list whose pointer is a records list and whose first item is an object.
 */
export function findRecords(head: string): { start: number; shape: RecordsShape } | undefined {
  const STOP = Symbol('stop');
  let found: { start: number; path: string } | undefined;
  try {
    visitJson(
      head,
      {
        onArrayBegin: (offset, _length, _line, _column, pathSupplier) => {
          const path = pointer('', ...pathSupplier().map(String));
          if (!RECORD_LISTS.has(path)) return;
          const next = /\S/.exec(head.slice(offset + 1, offset + 4097));
          if (next?.[0] === '{') {
            found = { start: offset, path };
            throw STOP;
          }
        },
      },
      { allowTrailingComma: false, disallowComments: true },
    );
  } catch (e) {
    if (e !== STOP) throw e;
  }
  if (!found) return undefined;
  const shape = recordsShape(head.slice(0, found.start), found.path);
  return shape && { start: found.start, shape };
}

/** The shape of a document whose list at `path` starts right after `prefix` (the text before its `[`). */
export function recordsShape(prefix: string, path: string): RecordsShape | undefined {
  const closed = `${prefix}[]${'}'.repeat(pointerTokens(path).length)}`;
  try {
    const { data, position } = parseJson(closed);
    return { path, envelope: data, envelopePosition: position, lines: false };
  } catch {
    return undefined;
  }
}

/**
 * Reads the items of a JSON file's list (found by `findRecords`) one by one, each with the line
 * and column it starts at. Text between items that is not a comma, an item past
 * `limits.descriptorBytes` or a list that is not closed end the stream with a problem at their
 * place; the items before stay loaded.
 */
export function jsonRecords(file: string, startOffset: number, limits: Limits, problems: StreamProblem[]): AsyncGenerator<ScannedRecord> {
  return scanRecords(createReadStream(file, { highWaterMark: CHUNK }), file, { listAt: startOffset }, limits, problems);
}

/**
 * The records of a list read from chunks of text or UTF-8 bytes (a file, an HTTP body, a part of
 * a document). `open`: the chunks stop inside the list (a part that is not the document's last):
 * no problem that the list is not closed.
 */
export async function* scanRecords(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, file: string, start: ScanStart, limits: Limits, problems: StreamProblem[], open = false): AsyncGenerator<ScannedRecord> {
  const decoder = new TextDecoder('utf-8');
  const inside = 'offset' in start;
  const startOffset = inside ? -1 : start.listAt;
  let buf = '';
  let base = inside ? start.offset : 0; // the document's character offset of buf[0]
  let line = inside ? start.line : 1;
  let lineStart = inside ? start.offset - start.column + 1 : 0; // the offset the current line starts at
  let pos = 0;
  type State = 'before-list' | 'item' | 'after-item' | 'done';
  // Closures change it too: read through `now()` where TypeScript would narrow it.
  let state = (inside ? 'after-item' : 'before-list') as State;
  const now = () => state;
  let record = -1; // where the current item starts in buf
  let recordAt = { line: 1, column: 1 };
  let depth = 0; // 0 inside an item: a string or a scalar
  let inString = false;
  const column = (at: number) => base + at - lineStart + 1;
  const problem = (message: string, at: number) => {
    problems.push({ ruleId: 'core/parse-error', messageId: 'syntax', data: { message: `invalid JSON: ${message}` }, location: { file, line, column: column(at) } });
    state = 'done';
  };
  const endItem = (end: number): ScannedRecord => {
    const r = { ...recordAt, text: buf.slice(record, end), end: base + end, endLine: line, endColumn: column(end) };
    record = -1;
    state = 'after-item';
    return r;
  };
  for await (const chunk of chunks) {
    buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    while (pos < buf.length && state !== 'done') {
      const c = buf.charCodeAt(pos);
      if (c === 10) {
        line++;
        lineStart = base + pos + 1;
      }
      if (state === 'before-list') {
        if (base + pos === startOffset) state = 'item';
        pos++;
      } else if (record >= 0) {
        // Inside an item: strings skipped, brackets counted (the item's own parse checks the rest).
        if (inString) {
          if (c === 92) pos++;
          else if (c === 34) {
            inString = false;
            if (depth === 0) {
              yield endItem(pos + 1);
              pos++;
              continue;
            }
          }
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if ((c === 125 || c === 93) && depth > 0) {
          if (--depth === 0) {
            yield endItem(pos + 1);
            pos++;
            continue;
          }
        } else if (depth === 0 && (c === 44 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9)) {
          yield endItem(pos); // a number or a literal ends at its delimiter, read next
          continue;
        }
        pos++;
        if (record >= 0 && pos - record > limits.descriptorBytes) {
          const e = new LimitExceeded('descriptorBytes', limits.descriptorBytes, recordAt, {});
          problems.push({ ruleId: 'core/limit-exceeded', messageId: e.limit, data: e.data, location: { file, ...e.where } });
          state = 'done';
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else if (now() === 'after-item') {
        if (c === 44) state = 'item';
        else if (c === 93) state = 'done';
        else problem("',' expected", pos);
        pos++;
      } else if (c === 93) {
        state = 'done'; // an empty list, or a trailing comma (the envelope's parse says so)
        pos++;
      } else {
        record = pos;
        recordAt = { line, column: column(pos) };
        depth = c === 123 || c === 91 ? 1 : 0;
        inString = c === 34;
        pos++;
      }
    }
    // Keep only the current item's text for the next chunk.
    const keep = Math.min(record >= 0 ? record : pos, buf.length);
    if (keep > 0) {
      buf = buf.slice(keep);
      base += keep;
      pos -= keep;
      if (record >= 0) record = 0;
    }
    if (state === 'done') break;
  }
  if (!open && (now() === 'after-item' || now() === 'item')) problem('the list of records is not closed', pos);
}

/** The lines of a JSON Lines file (from the line at byte `from.byte` on), with their numbers (a line past `limits.descriptorBytes` ends the stream with a problem). */
export async function* jsonLines(file: string, limits: Limits, problems: StreamProblem[], from?: { byte: number; line: number }): AsyncGenerator<{ text: string; line: number }> {
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let line = from?.line ?? 1;
  // From a line's start (a split file's tail), read in the chunks of the whole file: where they end decides the size check.
  const start = from ? from.byte - (from.byte % CHUNK) : 0;
  let skip = from ? from.byte - start : 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK, start })) {
    buf += decoder.decode(skip ? (chunk as Buffer).subarray(skip) : (chunk as Buffer), { stream: true });
    skip = 0;
    let from = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', from)) {
      yield { text: buf.slice(from, nl), line: line++ };
      from = nl + 1;
    }
    buf = buf.slice(from);
    if (buf.length > limits.descriptorBytes) {
      const e = new LimitExceeded('descriptorBytes', limits.descriptorBytes, { line, column: 1 }, {});
      problems.push({ ruleId: 'core/limit-exceeded', messageId: e.limit, data: e.data, location: { file, ...e.where } });
      return;
    }
  }
  buf += decoder.decode();
  if (buf !== '') yield { text: buf, line };
}

/**
 * A batch of records as a document of its own: the envelope around the batch's records. While
 * a loader reads it, its pointers are the batch's (`<list>/<k>`); `settle` turns every pointer
 * of what was loaded into the file's (`<list>/<first + k>`) and makes the position resolver
 * answer those, with the records' places in the file.
 */
export interface Batch {
  doc: ParsedDocument;
  /** The index of the batch's first record in the whole list. */
  first: number;
  count: number;
  /** Records that did not parse, at their place in the file. */
  problems: LoadIssue[];
  settle(loaded: unknown): void;
}

/** A position resolver for batch-local pointers first, the file's once settled. */
function batchResolver(listPath: string, first: number, record: (k: number, rest: string) => ReturnType<PositionResolver>, envelope: PositionResolver) {
  const listTokens = pointerTokens(listPath);
  let offset = 0;
  const position: PositionResolver = (ptr) => {
    const tokens = pointerTokens(ptr);
    const inList = tokens.length > listTokens.length && listTokens.every((t, i) => tokens[i] === t);
    if (!inList) return envelope(ptr);
    return record(Number(tokens[listTokens.length]) - offset, pointer('', ...tokens.slice(listTokens.length + 1)));
  };
  return { position, settle: () => (offset = first) };
}

/**
 * Where batches end: after the item that brings its batch to `maxChars` characters. A file split
 * over the workers is cut where its batches end (src/pipeline/split.ts), so that each part is
 * read in the batches the whole file is.
 */
export function batchEnds(maxChars: number): (itemChars: number) => boolean {
  let chars = 0;
  return (itemChars) => {
    chars += itemChars;
    if (chars < maxChars) return false;
    chars = 0;
    return true;
  };
}

/** Texts in groups of about `maxChars` characters, each made into a batch by `make(texts, first)`; the first is record `from`. */
async function* grouped<T extends { text: string }>(items: AsyncIterable<T>, maxChars: number, make: (group: T[], first: number) => Batch, from = 0): AsyncGenerator<Batch> {
  let group: T[] = [];
  let first = from;
  const ends = batchEnds(maxChars);
  const flush = () => {
    const batch = make(group, first);
    first += batch.count;
    group = [];
    return batch;
  };
  for await (const item of items) {
    group.push(item);
    if (ends(item.text.length)) yield flush();
  }
  if (group.length || first === from) yield flush();
}

/** A batch whose loaded pointers `settle` rebases (see `Batch`). */
function batchOf(doc: ParsedDocument, listPath: string, first: number, count: number, problems: LoadIssue[], resolver: ReturnType<typeof batchResolver>): Batch {
  return {
    doc: { ...doc, position: resolver.position },
    first,
    count,
    problems,
    settle: (loaded) => {
      rebasePointers(loaded, doc.file, listPath, first);
      resolver.settle();
    },
  };
}

/** Groups the records of a JSON list into batches of about `maxChars` characters (see `Batch`); the first record is number `from` of the list. */
export function jsonBatches(file: string, shape: RecordsShape, records: AsyncIterable<StreamedRecord>, limits: Limits, maxChars = 1 << 19, from = 0): AsyncGenerator<Batch> {
  return grouped(records, maxChars, (texts, first) => {
    const items: unknown[] = [];
    const positions: (PositionResolver | undefined)[] = [];
    const problems: LoadIssue[] = [];
    for (const r of texts) {
      try {
        const { data, position } = parseJson(r.text, limits);
        items.push(data);
        positions.push((ptr) => shift(position(ptr), r));
      } catch (e) {
        // A record that does not parse is a problem at its place; the list goes on.
        if (!(e instanceof SyntaxProblem || e instanceof LimitExceeded)) throw e;
        const where = shift(e instanceof SyntaxProblem ? { line: e.line, column: e.column } : e.where, r) ?? { line: r.line, column: r.column };
        if (e instanceof LimitExceeded) problems.push({ ruleId: 'core/limit-exceeded', messageId: e.limit, data: e.data, location: { file, ...where } });
        else problems.push({ ruleId: 'core/parse-error', messageId: 'syntax', data: { message: e.message }, location: { file, ...where } });
        items.push(null);
        positions.push(undefined);
      }
    }
    const resolver = batchResolver(shape.path, first, (k, rest) => positions[k]?.(rest), shape.envelopePosition);
    const doc: ParsedDocument = { file, dir: descriptorDir(file), syntax: 'json', data: withList(shape.envelope, pointerTokens(shape.path), items), position: resolver.position, limits };
    return batchOf(doc, shape.path, first, texts.length, problems, resolver);
  }, from);
}

/** Batches of a JSON Lines file: each parsed as JSON Lines text of its own, numbered from its first line; the first record is number `from`. */
export function jsonLinesBatches(file: string, lines: AsyncIterable<{ text: string; line: number }>, limits: Limits, maxChars = 1 << 19, from = 0): AsyncGenerator<Batch> {
  return grouped(lines, maxChars, (group, first) => {
    const { doc, problems } = parseJsonLines(file, group.map((l) => l.text).join('\n'), limits, group[0]?.line ?? 1);
    const local = doc.position;
    const resolver = batchResolver('', first, (k, rest) => local(pointer('', String(k)) + rest), () => undefined);
    return batchOf(doc, '', first, (doc.data as unknown[]).length, problems, resolver);
  }, from);
}

function shift(pos: { line?: number; column?: number } | undefined, r: { line: number; column: number }): { line: number; column: number } | undefined {
  if (!pos || pos.line === undefined) return undefined;
  return pos.line === 1 ? { line: r.line, column: r.column + (pos.column ?? 1) - 1 } : { line: r.line + pos.line - 1, column: pos.column ?? 1 };
}

/** A copy of the envelope with `items` as the list at `tokens`. */
function withList(envelope: unknown, tokens: string[], items: unknown[]): unknown {
  if (tokens.length === 0) return items;
  const [head, ...rest] = tokens;
  const obj = envelope as Record<string, unknown>;
  const copy = { ...obj };
  Object.defineProperty(copy, head!, { value: withList(obj[head!], rest, items), enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Turns the batch-local pointers a loader made (`<list>/<k>…`) into the file's
 * (`<list>/<first + k>…`), in every location of the loaded datasets and issues.
 */
export function rebasePointers(root: unknown, file: string, listPath: string, first: number): void {
  if (first === 0) return;
  const prefix = `${listPath}/`;
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.pointer === 'string' && o.file === file && o.pointer.startsWith(prefix)) {
      const rest = o.pointer.slice(prefix.length);
      const slash = rest.indexOf('/');
      const k = Number(slash < 0 ? rest : rest.slice(0, slash));
      if (Number.isInteger(k)) o.pointer = `${prefix}${first + k}${slash < 0 ? '' : rest.slice(slash)}`;
    }
    for (const key in o) {
      const x = o[key];
      if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
}
