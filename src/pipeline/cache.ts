import { closeSync, fstatSync, openSync, readSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AtomicFileWriter } from '../util/write-atomic.js';
import { systemErrorMessage } from '../util/system-error.js';
import type { LintUnit } from '../engine/lint.js';
import type { Seq, UnitEvent } from './unit.js';
import type { DatasetReport } from '../model/index.js';
import { datasetTally, type DatasetTally } from '../reporters/build-report.js';

/**
 * `--cache` (ESLint's semantics): what a unit (a descriptor file, or a data file linted alone)
 * produced is kept, and reused by a later run when nothing it depends on changed — the
 * descriptor's bytes (always compared by hash), the files its datasets read (data files, Table
 * Schema and dialect files: size + mtime, or their hash with `--cache-strategy content`), and
 * the run's key (odlint version, resolved config, working directory, --no-data, shard…).
 *
 * One file holds the cache: a first line with the run's key, then one entry per unit — a JSON
 * header line `{"unit", "deps", "bytes"}` followed by `bytes` bytes of the unit's events, one
 * JSON per line; a dataset's report is the line after its event's (`{"kind":"dataset","seq",
 * "tally"}`), as its JSON text, so that a run whose outputs write that text as it is (jsonl)
 * replays it without parsing it (a packed dataset, src/pipeline/unit.ts). Reading the cache only
 * indexes the headers; an entry's events are read when its unit comes. The new cache is written
 * beside the old one as the run goes (reused entries copied over) and renamed over it at the
 * end: it holds this run's units only, so it never outgrows a run's report, and past `maxBytes`
 * no more entries are written. A run that reused every entry of the old cache and linted
 * nothing leaves it as it is.
 */
export type CacheStrategy = 'metadata' | 'content';

/** A file a unit depends on: its path, and its size+mtime or content hash; null when absent. */
type Dep = [file: string, state: string | null];

interface Entry {
  deps: Dep[];
  offset: number;
  bytes: number;
}

/** What to do with a unit: replay its events, or run it and record them. */
export type CacheVerdict = { kind: 'hit'; events: UnitEvent[] } | { kind: 'miss'; recorder: CacheRecorder };

/** The cache format's version: a change makes every older cache a cold start. */
const FORMAT = 2;
/** The cache file never grows past this (a run of about half a million datasets' findings). */
export const CACHE_MAX_BYTES = 2 ** 31;

export interface CacheOptions {
  file: string;
  strategy: CacheStrategy;
  /** Everything the whole run's results depend on besides the files (version, config…). */
  runKey: unknown;
  warn: (message: string) => void;
  maxBytes?: number;
  /** The run's outputs write a dataset's JSON text as it is (jsonl): hits replay datasets packed. */
  packed?: boolean;
}

export class LintCache {
  private readonly key: string;
  private readonly index = new Map<string, Entry>();
  private oldFd: number | undefined;
  private writer: AtomicFileWriter | undefined;
  private written = 0;
  private skipped = 0;
  /** Reused entries not yet copied into the new cache: while nothing was linted, it may not be needed. */
  private readonly reused: { id: string; entry: Entry }[] = [];
  private failed = false;
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly o: CacheOptions) {
    this.key = createHash('sha256').update(JSON.stringify([FORMAT, o.strategy, o.runKey])).digest('hex');
    this.readIndex();
  }

  get file(): string {
    return this.o.file;
  }

  /** Looks a unit up: its events when every file it depends on is unchanged, else a recorder (undefined: not cacheable). */
  consult(unit: LintUnit): CacheVerdict | undefined {
    const id = unitId(unit);
    if (!id) return undefined;
    const file = unit.kind === 'descriptor' || unit.kind === 'data-file' ? unit.file : '';
    // The descriptor is compared by its bytes; a data file linted alone by the strategy.
    const self: Dep = [file, unit.kind === 'descriptor' ? contentState(file) : this.state(file)];
    const entry = this.index.get(id);
    if (entry && entry.deps[0]?.[1] === self[1] && self[1] !== null && entry.deps.slice(1).every(([f, s]) => this.state(f) === s)) {
      const events = this.replay(unit, entry);
      if (events) {
        this.stats.hits++;
        return { kind: 'hit', events };
      }
    }
    this.stats.misses++;
    return { kind: 'miss', recorder: new CacheRecorder(this, id, self) };
  }

  /** Writes the new cache over the old one (the run went through). */
  commit(): void {
    if (this.failed) return this.close();
    // Every entry of the old cache reused, nothing linted: the new cache would be the old one.
    if (this.oldFd !== undefined && !this.writer && this.stats.misses === 0 && this.stats.hits === this.index.size) return this.close();
    try {
      this.copyReused();
      this.open().commit();
    } catch (e) {
      this.o.warn(`cannot write the cache ${this.o.file}: ${systemErrorMessage(e)}`);
    }
    const max = this.o.maxBytes ?? CACHE_MAX_BYTES;
    if (this.skipped) this.o.warn(`the cache ${this.o.file} is full (${max >= 2 ** 20 ? `${Math.round(max / 2 ** 20)} MiB` : `${max} bytes`}): ${this.skipped} file(s) were not cached`);
    this.close();
  }

  /** Leaves the old cache as it was (the run failed or stopped). */
  close(): void {
    this.writer?.abort();
    this.writer = undefined;
    if (this.oldFd !== undefined) closeSync(this.oldFd);
    this.oldFd = undefined;
  }

  /** The size+mtime (metadata) or hash (content) of a file the unit read; null when it is absent. */
  state(file: string): string | null {
    return this.o.strategy === 'content' ? contentState(file) : metadataState(file);
  }

  /** Adds an entry to the new cache (unless that would pass the size bound). */
  write(id: string, deps: Dep[], payload: Buffer): void {
    if (this.failed) return;
    this.copyReused();
    this.append(id, deps, payload);
  }

  /**
   * The reused entries so far, copied from the old cache into the new one, in the run's order:
   * read again, not kept since their replay (until a miss that could be the whole cache).
   */
  private copyReused(): void {
    for (const { id, entry } of this.reused.splice(0)) {
      if (this.failed) return;
      const bytes = Buffer.alloc(entry.bytes);
      if (readSync(this.oldFd!, bytes, 0, entry.bytes, entry.offset) === entry.bytes) this.append(id, entry.deps, bytes);
    }
  }

  private append(id: string, deps: Dep[], payload: Buffer): void {
    const header = Buffer.from(`${JSON.stringify({ unit: id, deps, bytes: payload.length })}\n`);
    try {
      const w = this.open();
      if (this.written + header.length + payload.length > (this.o.maxBytes ?? CACHE_MAX_BYTES)) {
        this.skipped++;
        return;
      }
      w.write(header);
      w.write(payload);
      this.written += header.length + payload.length;
    } catch (e) {
      // A cache that cannot be written (read-only folder, full disk) costs speed, never the run.
      this.failed = true;
      this.o.warn(`cannot write the cache ${this.o.file}: ${systemErrorMessage(e)}`);
      this.writer?.abort();
      this.writer = undefined;
    }
  }

  private open(): AtomicFileWriter {
    if (!this.writer) {
      this.writer = new AtomicFileWriter(this.o.file);
      const first = `${JSON.stringify({ odlintCache: FORMAT, key: this.key })}\n`;
      this.writer.write(first);
      this.written = first.length;
    }
    return this.writer;
  }

  /** The entry's events with this run's unit index; undefined (and a warning) when it cannot be read. */
  private replay(unit: LintUnit, entry: Entry): UnitEvent[] | undefined {
    try {
      const bytes = Buffer.alloc(entry.bytes);
      if (readSync(this.oldFd!, bytes, 0, entry.bytes, entry.offset) !== entry.bytes) throw new Error('it ends early');
      const events: UnitEvent[] = [];
      const lines = linesOf(bytes);
      for (let line = lines.next(); !line.done; line = lines.next()) {
        if (!line.value) continue;
        const e = JSON.parse(line.value) as UnitEvent & { seq?: unknown };
        if ('seq' in e) (e as { seq: [number, number] }).seq = [unit.index, e.seq as number];
        if (e.kind === 'dataset') {
          // The report's JSON text is the next line: packed as it is, or parsed.
          const { seq, unnamed, tally } = e as unknown as { seq: Seq; unnamed?: true; tally: DatasetTally };
          const json = lines.next().value;
          if (!json) throw new Error('a dataset has no report');
          events.push(this.o.packed && !unnamed ? { kind: 'packed', seq, json, tally } : { kind: 'dataset', seq, report: JSON.parse(json) as DatasetReport, ...(unnamed ? { unnamed } : {}) });
        } else events.push(e);
      }
      if (this.writer) this.append(unitId(unit)!, entry.deps, bytes);
      else this.reused.push({ id: unitId(unit)!, entry });
      return events;
    } catch (e) {
      this.o.warn(`the cache ${this.o.file} has an unreadable entry (${systemErrorMessage(e)}): that file is linted again`);
      return undefined;
    }
  }

  /** Indexes the old cache's entries (headers only); a cache that cannot be read is a warning and a cold run. */
  private readIndex(): void {
    if (!existsSync(this.o.file)) return;
    let fd: number | undefined;
    try {
      fd = openSync(this.o.file, 'r');
      const size = fstatSync(fd).size;
      const lines = new LineReader(fd);
      const first = lines.next(0);
      if (!first) throw new Error('it is empty or not an odlint cache');
      const head = JSON.parse(first.text) as { odlintCache?: unknown; key?: unknown };
      if (head.odlintCache !== FORMAT && head.odlintCache !== undefined) return closeSync(fd); // another format: a cold start
      if (head.odlintCache === undefined) throw new Error('it is not an odlint cache');
      if (head.key !== this.key) return closeSync(fd); // another version, config or settings: a cold start
      let at = first.end;
      while (at < size) {
        const line = lines.next(at);
        if (!line) throw new Error(`an entry at byte ${at} has no end`);
        const h = JSON.parse(line.text) as { unit?: unknown; deps?: unknown; bytes?: unknown };
        if (typeof h.unit !== 'string' || !Array.isArray(h.deps) || !Number.isInteger(h.bytes) || (h.bytes as number) < 0) throw new Error(`the entry at byte ${at} is malformed`);
        const end = line.end + (h.bytes as number);
        if (end > size) throw new Error('it ends early');
        this.index.set(h.unit, { deps: h.deps as Dep[], offset: line.end, bytes: h.bytes as number });
        at = end;
      }
      this.oldFd = fd;
    } catch (e) {
      if (fd !== undefined) closeSync(fd);
      this.index.clear();
      this.o.warn(`the cache ${this.o.file} cannot be used (${e instanceof SyntaxError ? 'not valid JSON' : systemErrorMessage(e)}): linting without it, and writing a new one`);
    }
  }
}

/** A missed unit's events, gathered as they come and written as an entry when the unit is done. */
export class CacheRecorder {
  private readonly lines: string[] = [];
  private readonly reads = new Set<string>();

  constructor(
    private readonly cache: LintCache,
    private readonly id: string,
    private readonly self: Dep,
  ) {}

  add(e: UnitEvent): void {
    if (e.kind === 'references' || e.kind === 'reads') for (const p of e.paths) this.reads.add(p);
    // The unit's place in the plan changes between runs: only the item's place is kept.
    if (e.kind === 'dataset') {
      this.lines.push(JSON.stringify({ kind: 'dataset', seq: e.seq[1], ...(e.unnamed ? { unnamed: true } : {}), tally: datasetTally(e.report) }), JSON.stringify(e.report));
    } else if (e.kind === 'packed') {
      this.lines.push(JSON.stringify({ kind: 'dataset', seq: e.seq[1], tally: e.tally }), e.json);
    } else this.lines.push(JSON.stringify('seq' in e ? { ...e, seq: e.seq[1] } : e));
  }

  /** The unit ran to its end: its entry goes into the new cache. */
  done(): void {
    if (this.self[1] === null) return;
    const deps: Dep[] = [this.self, ...[...this.reads].filter((f) => f !== this.self[0]).map((f): Dep => [f, this.cache.state(f)])];
    this.lines.push('');
    this.cache.write(this.id, deps, Buffer.from(this.lines.join('\n')));
  }
}

/**
 * The `\n`-separated lines of an entry's bytes, each decoded on its own: a whole entry decoded at
 * once is one string of two-byte characters when any report holds a non-ASCII character, ~3×
 * slower to make and to write out again than lines that are mostly ASCII.
 */
function* linesOf(bytes: Buffer): Generator<string, void> {
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(10, start);
    const end = nl < 0 ? bytes.length : nl;
    yield bytes.toString('utf8', start, end);
    start = end + 1;
  }
}

/** A unit's identity in the cache: only descriptor files and data files are cached (URLs depend on the network). */
function unitId(unit: LintUnit): string | undefined {
  if (unit.kind === 'descriptor') return `descriptor ${unit.format} ${unit.explicit ? 'named' : 'found'} ${unit.file}`;
  if (unit.kind === 'data-file') return `data-file ${unit.file}`;
  return undefined;
}

function metadataState(file: string): string | null {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.isFile() ? 'file' : 'other'} ${st.size} ${st.mtimeNs}`;
  } catch {
    return null;
  }
}

/** The file's SHA-256, read in 1 MiB pieces (a 500 MB dump is never whole in memory). */
function contentState(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (!fstatSync(fd).isFile()) return 'other';
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
    return hash.digest('base64');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads `\n`-ended lines at byte offsets of a file (entry headers may be long: many data files). */
class LineReader {
  private buf = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly fd: number) {}

  next(at: number): { text: string; end: number } | undefined {
    let filled = 0;
    for (;;) {
      const n = readSync(this.fd, this.buf, filled, this.buf.length - filled, at + filled);
      const nl = this.buf.indexOf(10, filled);
      filled += n;
      if (nl >= 0 && nl < filled) return { text: this.buf.toString('utf8', 0, nl), end: at + nl + 1 };
      if (n === 0) return undefined;
      if (filled === this.buf.length) {
        const bigger = Buffer.allocUnsafe(this.buf.length * 2);
        this.buf.copy(bigger);
        this.buf = bigger;
      }
    }
  }
}

/** Where `--cache-location` points: a file, or a folder (existing, or written with a trailing `/`) holding `.cache_<hash of cwd>`. */
export function cacheFile(cwd: string, location: string | undefined): string {
  const given = path.resolve(cwd, location ?? '.odlintcache');
  let folder = location !== undefined && /[\\/]$/.test(location);
  try {
    folder ||= statSync(given).isDirectory();
  } catch {
    /* a new file */
  }
  return folder ? path.join(given, `.cache_${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}`) : given;
}
