/**
 * Snapshots: what a harvest fetched, one JSON object per line, so that a run can be repeated
 * offline, diffed and shared (docs/harvest.md#snapshots). Line 1 is the header, then one line
 * per page as it was received (its body verbatim, so the offline lint is the online lint) or per
 * page that failed, and last the end line with the counts. The file is written as
 * `<file>.partial`, line by line, and renamed into place when the harvest ends; a harvest that
 * finds a `.partial` of the same URL resumes after its last whole line.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { DocumentPart } from '../loaders/index.js';
import type { HarvestRecord, HarvestStats, PortalKind } from './types.js';
import type { Resume } from './walk.js';
import { RESUME_OVERLAP } from './dcat-us-stream.js';
import { pageText } from './client.js';
import { pageLine } from './snapshot-line.js';

export const SNAPSHOT_VERSION = 1;

export interface SnapshotHeader {
  odlintSnapshot: number;
  url: string;
  kind: PortalKind;
  startedAt: string;
  /** odlint version and the options the harvest ran with (a resumed harvest must use the same). */
  tool: string;
  options: Record<string, string | number>;
}

export interface SnapshotEnd {
  end: true;
  finishedAt: string;
  announced?: number;
  harvested: number;
  pages: number;
  failedPages: number;
}

/** A line of a snapshot, read back. */
export type SnapshotLine = { line: number } & ({ type: 'header'; header: SnapshotHeader } | { type: 'record'; record: HarvestRecord; announced?: number; at: LineAt } | { type: 'end'; end: SnapshotEnd } | { type: 'bad'; message: string });

const isPart = (v: unknown): v is DocumentPart => {
  const p = v as Partial<DocumentPart> | undefined;
  return typeof p === 'object' && p !== null && typeof p.envelope === 'string' && typeof p.path === 'string' && [p.first, p.offset, p.line, p.column].every((n) => Number.isInteger(n)) && typeof p.end === 'boolean';
};

/** Whether a file's first bytes are a snapshot header. */
export function isSnapshotFile(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(64);
      const n = readSync(fd, buf, 0, 64, 0);
      return /^\s*\{\s*"odlintSnapshot"\s*:/.test(buf.subarray(0, n).toString('utf8'));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** A record as its line: the body last, so that `head -c` shows what a line is about. */
function recordLine(r: HarvestRecord, announced: number | undefined): string | Buffer[] {
  const { kind, page, url, fetchedAt, next } = r;
  const common = { page, url, fetchedAt, ...(announced !== undefined ? { announced } : {}), ...(next ? { next } : {}) };
  if (kind === 'error') return JSON.stringify({ ...common, error: { ...(r.ruleId ? { ruleId: r.ruleId } : {}), messageId: r.messageId, data: r.data } });
  const head = { ...common, contentType: r.contentType, datasets: r.datasets, ...(r.limit !== undefined ? { limit: r.limit } : {}), ...(r.part ? { part: r.part } : {}) };
  const body = typeof r.body === 'string' ? undefined : jsonStringOf(r.body);
  if (!body) return JSON.stringify({ ...head, body: typeof r.body === 'string' ? r.body : pageText(r.body) });
  // In pieces: a 7 MB body is not copied once more into one line.
  return [Buffer.from(`${JSON.stringify(head).slice(0, -1)},"body":`), body, Buffer.from('}')];
}

/** Escapes of the bytes below 0x20 as JSON.stringify writes them. */
const CONTROL = Array.from({ length: 32 }, (_, c) => Buffer.from(JSON.stringify(String.fromCharCode(c)).slice(1, -1)));

/**
 * A UTF-8 body as a JSON string, escaped from its bytes — the bytes JSON.stringify writes for its
 * decoded text, without decoding a 7 MB page in the main thread. Undefined for a body in UTF-16
 * or UTF-32 (by its byte order mark), which is decoded first.
 */
export function jsonStringOf(bytes: Uint8Array): Buffer | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) return undefined;
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x22 || c === 0x5c) extra++;
    else if (c < 0x20) extra += CONTROL[c]!.length - 1;
  }
  const out = Buffer.allocUnsafe(bytes.length + extra + 2);
  out[0] = 0x22;
  let o = 1;
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x22 && c !== 0x5c && c >= 0x20) continue;
    out.set(bytes.subarray(run, i), o);
    o += i - run;
    run = i + 1;
    if (c < 0x20) {
      out.set(CONTROL[c]!, o);
      o += CONTROL[c]!.length;
    } else {
      out[o++] = 0x5c;
      out[o++] = c;
    }
  }
  out.set(bytes.subarray(run), o);
  o += bytes.length - run;
  out[o] = 0x22;
  return out;
}

/** Where a line is in its file, to read it again: its number, its first byte, its length (no newline). */
export interface LineAt {
  line: number;
  offset: number;
  length: number;
}

/**
 * The lines of a file as bytes, read as they are asked for (readline reads ahead without bound,
 * which for a snapshot of 100 pages of 7 MB is the whole file in memory), each with where it is.
 * A line is a view into the reader's buffer, valid until the next line is asked for; the buffer
 * grows to the longest line and is reused.
 */
export async function* readLines(file: string, chunkBytes = 1 << 20): AsyncGenerator<{ bytes: Buffer; at: LineAt }> {
  const handle = await open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    // buf[start, end) holds the file's bytes from `base + start`; the line under way starts at `start`.
    let base = 0;
    let start = 0;
    let end = 0;
    let searched = 0;
    let line = 0;
    for (let eof = false; ; ) {
      const nl = buf.subarray(0, end).indexOf(10, searched);
      if (nl >= 0) {
        const cr = nl > start && buf[nl - 1] === 13 ? 1 : 0;
        yield { bytes: buf.subarray(start, nl - cr), at: { line: ++line, offset: base + start, length: nl - cr - start } };
        start = searched = nl + 1;
        continue;
      }
      if (eof) {
        if (start < end) yield { bytes: buf.subarray(start, end), at: { line: ++line, offset: base + start, length: end - start } };
        return;
      }
      // The line goes on: it moves to the front of the buffer (which doubles when it is full).
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        base += start;
        end -= start;
        start = 0;
      }
      if (end === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, end);
        buf = bigger;
      }
      searched = end;
      const { bytesRead } = await handle.read(buf, end, buf.length - end, null);
      end += bytesRead;
      eof = bytesRead === 0;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads a snapshot line by line (a page's body is one line: memory holds one page at a time). A
 * page's body is taken from the line's bytes (src/harvest/snapshot-line.ts): the bytes the
 * portal sent, never decoded here, ready to move to the worker that lints them — with
 * `escaped`, the body's JSON string as written, for that worker to parse (`PageRecord.escaped`).
 */
export async function* readSnapshot(file: string, escaped = false): AsyncGenerator<SnapshotLine> {
  for await (const { bytes, at } of readLines(file)) {
    const l = snapshotLine(bytes, at, escaped);
    if (l) yield l;
  }
}

/** One line of a snapshot again, its body read here (a page whose worker died, or whose JSON string was not one, is linted in the main thread from it). */
export async function readSnapshotLine(file: string, at: LineAt): Promise<SnapshotLine | undefined> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(at.length);
    const { bytesRead } = await handle.read(bytes, 0, at.length, at.offset);
    return snapshotLine(bytes.subarray(0, bytesRead), at);
  } finally {
    await handle.close();
  }
}

/** What a line says; undefined for a blank line. */
function snapshotLine(bytes: Buffer, at: LineAt, escaped = false): SnapshotLine | undefined {
  const n = at.line;
  // A page's line: its fields parsed, its body as bytes; anything else (or a line that is not JSON, for its message) the whole line parsed.
  let page = n > 1 ? pageLine(bytes, escaped) : undefined;
  // A part of a document is cut and joined as text here: its body is read now.
  if (page?.escaped && page.fields.part !== undefined) page = pageLine(bytes);
  let v: Record<string, unknown>;
  if (page && typeof page.fields.page === 'number') v = { ...page.fields, body: page.body };
  else {
    const text = bytes.toString('utf8');
    if (text.trim() === '') return undefined;
    try {
      v = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      return { line: n, type: 'bad', message: `line ${n} is not JSON (${(e as Error).message})` };
    }
  }
  if (n === 1 && typeof v.odlintSnapshot === 'number') return { line: n, type: 'header', header: v as unknown as SnapshotHeader };
  if (v.end === true) return { line: n, type: 'end', end: v as unknown as SnapshotEnd };
  if (typeof v.page === 'number' && typeof v.url === 'string') {
    const announced = typeof v.announced === 'number' ? v.announced : undefined;
    const base = { page: v.page, url: v.url, fetchedAt: String(v.fetchedAt ?? ''), ...(typeof v.next === 'string' ? { next: v.next } : {}) };
    const error = v.error as { ruleId?: string; messageId?: string; data?: Record<string, string | number> } | undefined;
    if (error && typeof error.messageId === 'string') return { line: n, at, type: 'record', announced, record: { kind: 'error', ...base, ...(typeof error.ruleId === 'string' ? { ruleId: error.ruleId } : {}), messageId: error.messageId, data: error.data ?? {} } };
    if (typeof v.body === 'string' || v.body instanceof Uint8Array) {
      // A part of a document is text (its parts are cut and joined as text).
      const part = isPart(v.part) ? v.part : undefined;
      const body = part && typeof v.body !== 'string' ? Buffer.from(v.body.buffer, v.body.byteOffset, v.body.byteLength).toString('utf8') : v.body;
      return { line: n, at, type: 'record', announced, record: { kind: 'page', ...base, contentType: String(v.contentType ?? ''), body, datasets: Number(v.datasets) || 0, ...(typeof v.limit === 'number' ? { limit: v.limit } : {}), ...(part ? { part } : {}), ...(page?.escaped ? { escaped: true as const } : {}) } };
    }
    return { line: n, type: 'bad', message: `line ${n} is a page without a body or an error` };
  }
  return { line: n, type: 'bad', message: `line ${n} is not a snapshot record` };
}

/**
 * Where a partial snapshot leaves off: the page after its last whole line, with its counts. A
 * last line cut in the middle (the harvest was killed while writing it) is dropped. Undefined
 * when there is nothing to resume (no header, another URL or options, a chain that broke).
 */
export async function resumeState(partial: string, header: Pick<SnapshotHeader, 'url' | 'options'>): Promise<(Resume & { pages: number; failedPages: number; wholeBytes: number }) | undefined> {
  let first: SnapshotHeader | undefined;
  let last: HarvestRecord | undefined;
  let harvested = 0;
  let pages = 0;
  let failedPages = 0;
  let announced: number | undefined;
  const visited: string[] = [];
  // The parts of a document harvested as it downloads: the bytes they hold (to ask for the rest).
  const digest = createHash('sha256');
  let bytes = 0;
  let tail = Buffer.alloc(0);
  for await (const l of readSnapshot(partial)) {
    if (l.type === 'header') first = l.header;
    else if (l.type === 'bad' || l.type === 'end') break;
    else if (l.record.page < 2 ** 31) {
      last = l.record;
      visited.push(l.record.url);
      announced = l.announced ?? announced;
      if (l.record.kind === 'page') {
        pages++;
        harvested += l.record.limit ?? l.record.datasets;
        if (l.record.part) {
          const text = Buffer.from(pageText(l.record.body));
          digest.update(text);
          bytes += text.length;
          tail = Buffer.concat([tail, text.subarray(-RESUME_OVERLAP)]).subarray(-RESUME_OVERLAP);
        }
      } else failedPages++;
    }
  }
  if (!first || first.url !== header.url || JSON.stringify(first.options) !== JSON.stringify(header.options)) return undefined;
  const common = { page: (last?.page ?? 0) + 1, harvested, visited, pages, failedPages, wholeBytes: wholeLinesBytes(partial), ...(announced !== undefined ? { announced } : {}) };
  // A document cut between two of its parts: its download goes on after the last one.
  if (last?.kind === 'page' && last.part && !last.part.end && failedPages === 0) {
    const { part, body } = last;
    const text = pageText(body);
    const lines = text.split('\n').length - 1;
    const after = { offset: part.offset + text.length, line: part.line + lines, column: lines ? text.length - text.lastIndexOf('\n') : part.column + text.length };
    return { ...common, next: last.url, document: { bytes, tail, digest: digest.digest('hex'), envelope: part.envelope, path: part.path, from: { page: last.page + 1, first: part.first + last.datasets, ...after } } };
  }
  if (!last?.next) return undefined;
  return { ...common, next: last.next };
}

/** The length of a file up to its last newline. */
function wholeLinesBytes(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buf.length);
      const n = readSync(fd, buf, 0, end - start, start);
      const at = buf.subarray(0, n).lastIndexOf(10);
      if (at >= 0) return start + at + 1;
      end = start;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/** Writes a snapshot as `<file>.partial`, line by line, renamed to `file` by `finish`. */
export class SnapshotWriter {
  private fd: number;
  readonly partial: string;

  /** A fresh snapshot (header first), or the partial one cut to its whole lines (`resumeAt`). */
  constructor(
    readonly file: string,
    header: SnapshotHeader,
    resumeAt?: number,
  ) {
    this.partial = `${file}.partial`;
    if (statOrUndefined(file)?.isDirectory()) throw new Error(`${file} is a folder`);
    if (resumeAt !== undefined) {
      this.fd = openSync(this.partial, 'r+');
      ftruncateSync(this.fd, resumeAt);
      this.fd = reopenAppend(this.fd, this.partial);
    } else {
      this.fd = openSync(this.partial, 'w');
      this.line(JSON.stringify(header));
    }
  }

  record(r: HarvestRecord, announced: number | undefined): void {
    this.line(recordLine(r, announced));
  }

  /** The end line, then the file is synced and renamed into place. */
  finish(stats: HarvestStats): void {
    const end: SnapshotEnd = { end: true, finishedAt: new Date().toISOString(), ...(stats.announced !== undefined ? { announced: stats.announced } : {}), harvested: stats.harvested, pages: stats.pages, failedPages: stats.failedPages };
    this.line(JSON.stringify(end));
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.partial, this.file);
  }

  /** Stops writing, leaving the partial snapshot to resume from. */
  close(): void {
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }

  private line(text: string | Buffer[]): void {
    for (const bytes of typeof text === 'string' ? [Buffer.from(text + '\n')] : [...text, Buffer.from('\n')]) {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    }
  }
}

function reopenAppend(fd: number, file: string): number {
  closeSync(fd);
  return openSync(file, 'a');
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
