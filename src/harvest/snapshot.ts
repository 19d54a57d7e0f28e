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
import { StringDecoder } from 'node:string_decoder';
import type { DocumentPart } from '../loaders/index.js';
import type { HarvestRecord, HarvestStats, PortalKind } from './types.js';
import type { Resume } from './walk.js';

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
export type SnapshotLine = { line: number } & ({ type: 'header'; header: SnapshotHeader } | { type: 'record'; record: HarvestRecord; announced?: number } | { type: 'end'; end: SnapshotEnd } | { type: 'bad'; message: string });

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
function recordLine(r: HarvestRecord, announced: number | undefined): string {
  const { kind, page, url, fetchedAt, next } = r;
  const common = { page, url, fetchedAt, ...(announced !== undefined ? { announced } : {}), ...(next ? { next } : {}) };
  if (kind === 'error') return JSON.stringify({ ...common, error: { ...(r.ruleId ? { ruleId: r.ruleId } : {}), messageId: r.messageId, data: r.data } });
  return JSON.stringify({ ...common, contentType: r.contentType, datasets: r.datasets, ...(r.limit !== undefined ? { limit: r.limit } : {}), ...(r.part ? { part: r.part } : {}), body: r.body });
}

/**
 * The lines of a file, read as they are asked for: readline reads ahead without bound, which for
 * a snapshot of 100 pages of 7 MB is the whole file in memory.
 */
export async function* readLines(file: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  const handle = await open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(chunkBytes);
    let parts: string[] = [];
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      const text = bytesRead ? decoder.write(buffer.subarray(0, bytesRead)) : decoder.end();
      let from = 0;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
        parts.push(text.slice(from, at));
        const line = parts.join('');
        parts = [];
        yield line.endsWith('\r') ? line.slice(0, -1) : line;
        from = at + 1;
      }
      if (from < text.length) parts.push(text.slice(from));
      if (!bytesRead) break;
    }
    if (parts.length) yield parts.join('');
  } finally {
    await handle.close();
  }
}

/** Reads a snapshot line by line (a page's body is one line: memory holds one page at a time). */
export async function* readSnapshot(file: string): AsyncGenerator<SnapshotLine> {
  let n = 0;
  for await (const text of readLines(file)) {
    n++;
    if (text.trim() === '') continue;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      yield { line: n, type: 'bad', message: `line ${n} is not JSON (${(e as Error).message})` };
      continue;
    }
    if (n === 1 && typeof v.odlintSnapshot === 'number') yield { line: n, type: 'header', header: v as unknown as SnapshotHeader };
    else if (v.end === true) yield { line: n, type: 'end', end: v as unknown as SnapshotEnd };
    else if (typeof v.page === 'number' && typeof v.url === 'string') {
      const announced = typeof v.announced === 'number' ? v.announced : undefined;
      const base = { page: v.page, url: v.url, fetchedAt: String(v.fetchedAt ?? ''), ...(typeof v.next === 'string' ? { next: v.next } : {}) };
      const error = v.error as { ruleId?: string; messageId?: string; data?: Record<string, string | number> } | undefined;
      if (error && typeof error.messageId === 'string') yield { line: n, type: 'record', announced, record: { kind: 'error', ...base, ...(typeof error.ruleId === 'string' ? { ruleId: error.ruleId } : {}), messageId: error.messageId, data: error.data ?? {} } };
      else if (typeof v.body === 'string')
        yield { line: n, type: 'record', announced, record: { kind: 'page', ...base, contentType: String(v.contentType ?? ''), body: v.body, datasets: Number(v.datasets) || 0, ...(typeof v.limit === 'number' ? { limit: v.limit } : {}), ...(isPart(v.part) ? { part: v.part } : {}) } };
      else yield { line: n, type: 'bad', message: `line ${n} is a page without a body or an error` };
    } else yield { line: n, type: 'bad', message: `line ${n} is not a snapshot record` };
  }
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
      } else failedPages++;
    }
  }
  if (!first || first.url !== header.url || JSON.stringify(first.options) !== JSON.stringify(header.options)) return undefined;
  if (!last?.next) return undefined;
  return { page: last.page + 1, next: last.next, harvested, visited, pages, failedPages, wholeBytes: wholeLinesBytes(partial), ...(announced !== undefined ? { announced } : {}) };
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

  private line(text: string): void {
    const bytes = Buffer.from(text + '\n');
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
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
