import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { columnName, DEFAULT_LIMITS, isBlankRow, LimitExceeded, type FileClock, type Limits, type CsvSummaryFacts, type CsvTableFacts, type MalformedRecord, type PreambleRow, type TableDialect, type TableInfo } from '../model/index.js';
import { countBoms, detectEncoding, Utf8Checker } from './encoding.js';
import { declaredHeader, declaresHeader, detectHeader, HEADER_SAMPLE, type BufferedRecord } from './header.js';
import { LineEndingCounter } from './line-endings.js';
import { TableProfiler } from './profile.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { StrayQuoteScanner } from './quotes.js';
import { DataFileError, type Reader, type TableSink, type ReadOptions } from './types.js';
import { fileChunks } from './file-chunks.js';

export const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
const MAX_MALFORMED = 100;

/**
 * The delimiter that splits the sample's lines most consistently: for each candidate, the
 * number of fields per line (quotes respected) should be the same and greater than one.
 */
export function sniffDelimiter(sample: string, fallback = ','): string {
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 50);
  if (lines.length > 1) lines.pop(); // the last line of a sample may be cut
  let best = fallback;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
    const score = modeCount * 1000 + mode; // consistency first, then number of fields
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/** Occurrences of `d` in a line outside double quotes. */
export function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * Where a CSV pass reads its bytes: a file on disk, or an entry of an archive streamed out of it
 * (src/readers/zip-entries.ts) — never extracted to disk.
 */
export interface ByteSource {
  /** The first `bytes` bytes (fewer when the content is shorter). */
  head(bytes: number): Promise<Buffer>;
  /**
   * The content from byte `start` on, in chunks. `recycle()` true: the consumer keeps nothing of
   * the chunks it was handed, so their memory may be read into again (see file-chunks.ts).
   */
  stream(start: number, recycle?: () => boolean): AsyncIterable<Buffer> & { destroy(): void };
}

export function fileSource(file: string): ByteSource {
  return { head: (bytes) => readHead(file, bytes), stream: (start, recycle) => fileChunks(file, start, CHUNK_BYTES, recycle) };
}

export async function readHead(file: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export interface Dialect {
  bomCount: number;
  encoding: string;
  delimiter: string;
  delimiterSource: 'extension' | 'sniffed' | 'dialect';
  /** Line breaks that end records: the one the sample uses, or all three when it mixes them. */
  recordDelimiters: string[];
}

const ALL_LINE_BREAKS = ['\r\n', '\n', '\r'];

/**
 * The record delimiter from the sample's line endings. One kind: only that one, as csv-parse's
 * own detection (and most tools) would read the file — matching any of three costs csv-parse
 * 5% of its speed. Mixed kinds in the sample: all three. (data/inconsistent-line-endings
 * counts every line break of the whole file either way.)
 */
function recordDelimiters(sample: Buffer): string[] {
  const counter = new LineEndingCounter();
  counter.scan(sample.subarray(0, Math.max(0, sample.length - 1))); // a CR may be cut from its LF
  const { crlf, lf, cr } = counter.finish();
  const kinds = [crlf && '\r\n', lf && '\n', cr && '\r'].filter((k): k is string => !!k);
  return kinds.length === 1 ? kinds : ALL_LINE_BREAKS;
}

/** Encoding, BOMs, delimiter and record delimiter, from the first 64 KiB; a declared delimiter wins. */
export function detectDialect(head: Buffer, file: string, declared?: TableDialect): Dialect {
  const bomCount = countBoms(head);
  const body = head.subarray(bomCount * 3);
  const encoding = detectEncoding(body);
  const records = recordDelimiters(body);
  if (declared?.delimiter) return { bomCount, encoding, delimiter: declared.delimiter, delimiterSource: 'dialect', recordDelimiters: records };
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return { bomCount, encoding, delimiter: '\t', delimiterSource: 'extension', recordDelimiters: records };
  return { bomCount, encoding, delimiter: sniffDelimiter(iconv.decode(body, encoding)), delimiterSource: 'sniffed', recordDelimiters: records };
}

/** csv-parse's synchronous core: records are pushed while `parse` runs, with the line count at that moment. */
interface ParserCore {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  info: { lines: number; records: number };
  state: { expectedRecordLength: number };
}

/**
 * The streaming Parser wraps a synchronous core (its `api`, which csv-parse's own sync entry
 * point also drives). Feeding it directly gives each record with its exact end line (the
 * stream's `info` option costs a third of the throughput) and lets the pass stop at will.
 */
function parserCore(delimiter: string, recordDelimiters: string[], maxRecordChars: number, onSkip: (err: CsvError) => void, declared: TableDialect = {}): ParserCore {
  const quote = declared.quoteChar ?? '"';
  const parser = parse({
    delimiter,
    quote,
    // Frictionless: quotes are doubled unless `doubleQuote: false`; then `escapeChar` (or nothing) escapes them.
    escape: declared.escapeChar ?? (declared.doubleQuote === false ? null : quote),
    ltrim: declared.skipInitialSpace === true,
    record_delimiter: recordDelimiters,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    // A longer record is an unclosed quote swallowing the file, not data (limits.recordChars).
    max_record_size: maxRecordChars,
    bom: false,
    on_skip: (err) => {
      if (err) onSkip(err);
      return undefined;
    },
  });
  const core = (parser as unknown as { api?: ParserCore }).api;
  if (!core || typeof core.parse !== 'function') throw new Error('unsupported csv-parse version: no synchronous core');
  return core;
}

const noop = () => {};

/** The `cells` of a row whose consumers read `ctx.record` instead (`TableSink.wantsCells`). */
const NO_CELLS = Object.freeze([]) as unknown as string[];

/** Line breaks of `tail` rewritten as `kind` (so that the parser ends the record there). */
function normaliseBreaks(tail: Buffer | string, kind: string): Buffer | string {
  if (typeof tail === 'string') return tail.replace(/\r\n|\r|\n/g, kind);
  return Buffer.from(tail.toString('latin1').replace(/\r\n|\r|\n/g, kind), 'latin1');
}

/** Length of `text` without its trailing line breaks. */
function withoutTrailingBreaks(text: Buffer | string): number {
  let end = text.length;
  if (typeof text === 'string') while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  else while (end > 0 && (text[end - 1] === 10 || text[end - 1] === 13)) end--;
  return end;
}

/** One pass over one file: header decision, rows to the sink, profile and byte-level facts. */
class CsvPass {
  private rows = 0;
  private lastLine = 0;
  private pending: BufferedRecord[] | null = [];
  private profiler: TableProfiler | undefined;
  private stopped = false;
  private invalidUtf8: CsvSummaryFacts['invalidUtf8'];
  private readonly lineEndings = new LineEndingCounter();
  /** Quotes the relaxed parser takes literally (csv-parse runs with `relax_quotes`). */
  private readonly quotes: StrayQuoteScanner | undefined;
  private readonly malformed: MalformedRecord[] = [];
  /** The fast tokenizer while it can read the file (see csv-tokenizer.ts), then csv-parse. */
  private tokenizer: CsvTokenizer | undefined;
  private core: ParserCore | undefined;
  /** Comment records (declared by the dialect) seen before the header decision. */
  private readonly comments: PreambleRow[] = [];
  private readonly isComment: ((cells: string[], row: number) => boolean) | undefined;
  /** Records buffered before deciding: enough to reach the last declared header row. */
  private readonly sampleSize: number;
  /** Line breaks at the end of the last chunk, held back until the next one (see `feedChunk`). */
  private tail: Buffer | string | undefined;
  /** Whether the sink reads the rows' cells arrays (`TableSink.wantsCells`), known once the table is out. */
  private wantsCells = true;

  constructor(
    private readonly info: TableInfo,
    private readonly sink: TableSink,
    /** Rows wanted at all, and the profile's distinct values (see ReadOptions). */
    private readonly wants: { rows: boolean; distinctValues: boolean; cellLengths: boolean },
    private readonly recordDelimiters: string[],
    private readonly limits: Limits,
    private readonly clock?: FileClock,
    private readonly dialect?: TableDialect,
    parser: CsvParser = 'auto',
  ) {
    const quote = dialect?.quoteChar ?? '"';
    const plainQuotes = dialect?.escapeChar === undefined && dialect?.doubleQuote !== false && dialect?.skipInitialSpace !== true;
    if (parser === 'auto' && plainQuotes && recordDelimiters.length === 1) {
      this.tokenizer = CsvTokenizer.for({ delimiter: info.delimiter!, quote, recordDelimiter: recordDelimiters[0]!, maxRecordBytes: limits.recordChars }, this.onToken);
    }
    if (!this.tokenizer) this.core = this.newParser();
    this.quotes = StrayQuoteScanner.for(info.delimiter!, quote, dialect?.escapeChar ?? (dialect?.doubleQuote === false ? null : quote), dialect?.skipInitialSpace === true);
    const { commentChar, commentRows } = dialect ?? {};
    if (commentChar || commentRows?.length) {
      this.isComment = (cells, row) => (!!commentChar && !!cells[0]?.startsWith(commentChar)) || !!commentRows?.includes(row);
    }
    this.sampleSize = Math.max(HEADER_SAMPLE, ...(dialect?.headerRows ?? []));
  }

  private newParser(): ParserCore {
    return parserCore(this.info.delimiter!, this.recordDelimiters, this.limits.recordChars, this.onSkip, this.dialect);
  }

  /** A record from csv-parse. */
  private readonly onRecord = (cells: string[]): void => {
    if (this.stopped) return;
    const line = this.lastLine + 1;
    // csv-parse counts a CRLF inside a quoted cell as two lines: a record that spans lines is
    // measured by the line breaks in its cells instead (the only place a record can hold one).
    const lines = this.core!.info.lines;
    this.lastLine = lines > line ? line + lineBreaksIn(cells) : lines;
    this.record(cells, line);
  };

  /**
   * A record from the tokenizer, which counts the line breaks in its quoted values. Its cells
   * are cut out as strings only when something reads them as an array: the header decision, a
   * comment test, or the sink (`wantsCells`).
   */
  private readonly onToken = (breaks: number): void => {
    if (this.stopped) return;
    const line = this.lastLine + 1;
    this.lastLine = line + breaks;
    const t = this.tokenizer!;
    this.record(this.pending === null && !this.isComment && !this.wantsCells ? undefined : t.cells(), line, t);
  };

  /** `plain`: the tokenizer, which answers for the record (see RowContext.record); `cells` undefined: not cut (it has them). */
  private record(cells: string[] | undefined, line: number, plain?: CsvTokenizer): void {
    const row = ++this.rows;
    const width = cells === undefined ? plain!.width : cells.length;
    if (width > this.limits.cellsPerRow) throw new LimitExceeded('cellsPerRow', this.limits.cellsPerRow, { row, line }, { found: width });
    if (cells === undefined) {
      this.emit(undefined, row, line, plain);
      return;
    }
    if (this.isComment?.(cells, row)) {
      if (this.pending) this.comments.push({ row, kind: 'comment' });
      return;
    }
    if (this.pending) {
      this.pending.push({ cells, row, line });
      if (this.pending.length >= this.sampleSize) this.decide();
    } else {
      this.emit(cells, row, line, plain);
    }
  }

  private readonly onSkip = (err: CsvError): void => {
    const row = ++this.rows;
    const line = this.lastLine + 1;
    this.lastLine = Math.max(line, this.core!.info.lines);
    const kind = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed-quote' : err.code === 'CSV_MAX_RECORD_SIZE' ? 'too-large' : 'other';
    if (this.malformed.length < MAX_MALFORMED) this.malformed.push({ row, line, kind, message: err.message.replace(/^[\w ]+: /, '') });
    // Past an oversized record the parser is lost in the middle of it: what follows is not rows.
    if (kind === 'too-large') this.stopped = true;
  };

  /**
   * `plain`: the tokenizer, when it read the record just now (it answers RowContext.record's
   * questions); `cells` undefined: the record's cells, not cut out (only with `plain`).
   */
  private emit(cells: string[] | undefined, row: number, line: number, plain?: CsvTokenizer): void {
    const blank = cells === undefined ? plain!.blank() : isBlankRow(cells);
    const units = plain && !blank ? plain.units() : undefined;
    if (cells === undefined) this.profiler!.addRecord(plain!, row, blank, units, plain!.bmp);
    else this.profiler!.add(cells, row, blank, units, plain?.bmp ?? false);
    // One shape for every row (false, undefined: not known).
    this.sink.row(cells ?? NO_CELLS, { row, line, table: this.info, ascii: plain?.ascii ?? false, bmp: plain?.bmp ?? false, record: plain, profiled: this.profiler!.record });
  }

  /** Header and preamble from the buffered records, then the table goes out and the buffer is replayed. */
  private decide(): void {
    const records = this.pending!;
    this.pending = null;
    const declared = declaresHeader(this.dialect);
    const d = declared ? declaredHeader(records, this.dialect!) : detectHeader(records);
    const header = d.headerIndex >= 0 ? records[d.headerIndex]! : undefined;
    const data = records.slice(d.dataStart);
    const width = header ? header.cells.length : Math.max(0, ...data.map((r) => r.cells.length));
    // Every column gets a profile: a header of a million cells would hold a million of them.
    if (width > this.limits.columns) {
      const at = header ?? data[0]!;
      throw new LimitExceeded('columns', this.limits.columns, { row: at.row, line: at.line }, { found: width });
    }
    this.info.header = d.headerCells ?? header?.cells ?? [];
    this.info.headerRow = header?.row ?? 0;
    if (header) this.info.headerLine = header.line;
    // Declared comment records above the header are preamble too; those below are skipped.
    const above = this.comments.filter((c) => !header || c.row < header.row);
    const preamble = above.length ? [...d.preamble, ...above].sort((a, b) => a.row - b.row) : d.preamble;
    const facts: CsvTableFacts = {
      header: d.status,
      headerEvidence: d.evidence,
      preamble,
      delimiterSource: this.info.facts.delimiterSource as CsvTableFacts['delimiterSource'],
      headerSource: declared ? 'dialect' : 'detected',
      ...(this.wants.rows && this.wants.cellLengths ? { cellLengths: width } : {}),
    };
    this.info.facts = { ...facts };
    this.sink.table(this.info);
    this.wantsCells = this.sink.wantsCells?.() ?? true;
    if (!this.wants.rows) {
      this.stopped = true;
      if (this.tokenizer) this.tokenizer.stopped = true;
      return;
    }
    this.profiler = new TableProfiler(
      Array.from({ length: width }, (_, i) => columnName(this.info, i)),
      this.wants.distinctValues,
      this.wants.cellLengths,
    );
    for (const r of data) this.emit(r.cells, r.row, r.line);
  }

  /**
   * Feeds a chunk, holding back its trailing line breaks until more comes: the file's last
   * line break may be of another kind than the record delimiter (a CRLF file whose last line
   * ends in LF), and would then stay in the last cell. At the end it is rewritten (`finish`).
   */
  private feedChunk(text: Buffer | string): void {
    if (this.tail) {
      this.feed(this.tail, false);
      this.tail = undefined;
    }
    const end = withoutTrailingBreaks(text);
    // A copy: the chunk's memory may be read into again before the tail is fed (see `run`).
    if (end < text.length) this.tail = typeof text === 'string' ? text.slice(end) : Buffer.from(text.subarray(end));
    if (end > 0) this.feed(end === text.length ? text : typeof text === 'string' ? text.slice(0, end) : text.subarray(0, end), false);
  }

  private finish(): void {
    if (this.tail) this.feed(this.recordDelimiters.length === 1 ? normaliseBreaks(this.tail, this.recordDelimiters[0]!) : this.tail, false);
    this.tail = undefined;
    this.feed(undefined, true);
  }

  private feed(text: Buffer | string | undefined, end: boolean): void {
    if (this.tokenizer) {
      if (this.tokenizer.push(text, end)) return;
      text = this.leaveTokenizer();
    }
    const err = this.core!.parse(typeof text === 'string' ? Buffer.from(text) : text, end, this.onRecord, noop);
    if (err) throw new DataFileError(`cannot parse as CSV: ${err.message.replace(/^[\w ]+: /, '')}`, { line: this.lastLine + 1 });
  }

  /** csv-parse reads on from the record the tokenizer stopped at; returns the bytes from there. */
  private leaveTokenizer(): Buffer {
    const rest = this.tokenizer!.rest();
    this.core = this.newParser();
    // csv-parse's line count (in its messages, and above) is 1 + the CR and LF characters before.
    this.core.info.lines = 1 + this.tokenizer!.breakChars;
    // It measures each record against the file's first: a fresh parser would measure against
    // the record it starts at, and build an error object (with its stack) for every other width.
    if (this.tokenizer!.records > 0) {
      this.core.info.records = this.tokenizer!.records;
      this.core.state.expectedRecordLength = this.tokenizer!.firstWidth;
    }
    this.tokenizer = undefined;
    return rest;
  }

  async run(source: ByteSource, start: number, encoding: string, onBytes?: (chunk: Uint8Array) => void): Promise<number> {
    const decoder = encoding === 'UTF-8' ? undefined : iconv.getDecoder(encoding);
    // While the tokenizer reads UTF-8, nothing keeps a chunk past its turn (the tokenizer copies
    // what it carries over, the digest and the scanners keep no view): the source may read the
    // next chunks into the same memory. csv-parse keeps a view of the last chunk's last bytes; a
    // decoder may keep bytes; once either reads, never again (the tokenizer does not come back).
    const stream = source.stream(start, () => this.tokenizer !== undefined && decoder === undefined);
    let bytesRead = 0;
    // The byte-order marks skipped by `start` are EF BB BF each.
    if (onBytes && start) onBytes(Buffer.from('\ufeff'.repeat(start / 3)));
    const utf8 = decoder ? undefined : new Utf8Checker();
    try {
      for await (const chunk of stream) {
        bytesRead += chunk.length;
        const bad = utf8 ? utf8.check(chunk) : -1;
        if (bad >= 0) {
          this.invalidUtf8 = { byteOffset: start + utf8!.firstInvalid!, line: this.lineEndings.lines + LineEndingCounter.countBefore(chunk, bad) + 1 };
          // Invalid bytes are csv-parse's to decode, cell by cell, as before.
          if (this.tokenizer) this.feed(this.leaveTokenizer(), false);
        }
        onBytes?.(chunk);
        const linesBefore = this.lineEndings.lines;
        this.lineEndings.scan(chunk);
        const decoded = decoder?.write(chunk);
        const text = decoded === undefined ? chunk : Buffer.from(decoded);
        this.quotes?.scan(text, linesBefore);
        // The tokenizer takes decoded text as it is; csv-parse takes UTF-8 bytes.
        this.feedChunk(decoded !== undefined && this.tokenizer ? decoded : text);
        if (this.stopped) break;
        this.clock?.check({ line: this.lastLine + 1 });
      }
    } catch (err) {
      if (err instanceof DataFileError || err instanceof LimitExceeded) throw err;
      throw new DataFileError(`cannot read: ${(err as Error).message}`);
    } finally {
      stream.destroy();
    }
    if (!this.stopped) {
      const tail = decoder?.end();
      if (tail) {
        this.quotes?.scan(Buffer.from(tail), this.lineEndings.lines);
        this.feedChunk(Buffer.from(tail));
      }
      this.finish();
      utf8?.finish();
      if (utf8?.firstInvalid !== undefined && !this.invalidUtf8) this.invalidUtf8 = { byteOffset: start + utf8.firstInvalid, line: this.lineEndings.lines + 1 };
    }
    if (this.pending) this.decide();
    return start + bytesRead;
  }

  summaryFacts(): Record<string, unknown> {
    if (!this.profiler) return {};
    const facts: CsvSummaryFacts = { profile: this.profiler.result(), lineEndings: this.lineEndings.finish(), malformed: this.malformed };
    if (this.profiler.lengths) facts.cellLengths = this.profiler.lengths;
    if (this.invalidUtf8) facts.invalidUtf8 = this.invalidUtf8;
    if (this.quotes) facts.strayQuotes = this.quotes.result();
    return { ...facts };
  }

  get records(): number {
    return this.rows;
  }
}

/** Streaming CSV/TSV reader: one pass, bounded memory, rows handed to the sink as they come. */
export const csvReader: Reader = {
  name: 'csv',
  extensions: ['.csv', '.tsv', '.tab'],
  formats: ['csv', 'tsv'],
  read(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
    return readCsv(fileSource(file), file, sink, options);
  },
};

/** `auto`: the fast tokenizer where it can read the file, csv-parse from where it cannot; `csv-parse` alone (tests compare the two). */
export type CsvParser = 'auto' | 'csv-parse';

/** One CSV pass over a source; `file` is the path tables and findings name (an archive entry's `a.zip!/x.csv`). */
export async function readCsv(source: ByteSource, file: string, sink: TableSink, options: ReadOptions, parser: CsvParser = 'auto'): Promise<void> {
  const dialect = detectDialect(await source.head(SAMPLE_BYTES), file, options.dialect);
  const info: TableInfo = {
    path: file,
    file: options.file,
    reader: 'csv',
    encoding: dialect.encoding,
    bomCount: dialect.bomCount,
    delimiter: dialect.delimiter,
    header: [],
    headerRow: 0,
    facts: { delimiterSource: dialect.delimiterSource },
  };
  const pass = new CsvPass(info, sink, { rows: options.rows, distinctValues: options.distinctValues ?? true, cellLengths: options.cellLengths ?? false }, dialect.recordDelimiters, options.limits ?? DEFAULT_LIMITS, options.clock, options.dialect, parser);
  const bytes = await pass.run(source, dialect.bomCount * 3, dialect.encoding, options.onBytes);
  sink.end({ rows: pass.records, bytes, facts: pass.summaryFacts() });
}

/** Line breaks (CRLF, LF or CR, each one) in a record's cells. */
function lineBreaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.includes('\n') || cell.includes('\r')) n += cell.match(/\r\n|\r|\n/g)!.length;
  return n;
}
