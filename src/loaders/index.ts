import { open } from 'node:fs/promises';
import { DEFAULT_LIMITS, LimitExceeded, type Dataset, type DescriptorFormat, type LimitName, type Limits } from '../model/index.js';
import type { RdfDocument } from '../model/index.js';
import { parseDocumentText, SyntaxProblem } from './parse.js';
import type { EnvelopePaging, Loader, LoadIssue, LoadResult, ParsedDocument, RecordLoader } from './types.js';
import { normaliseDatasets } from './normalise.js';
import { extensionOf } from './paths.js';
import { systemErrorMessage } from '../util/system-error.js';
import { decodeDescriptor } from './decode.js';
import { ckanLoader } from './ckan.js';
import { udataLoader } from './udata.js';
import { frictionlessLoader } from './frictionless.js';
import { odlintLoader } from './odlint.js';
import { dcatUsLoader } from './dcat-us.js';
import { loadJsonLd, loadRdfText } from './dcat-ap.js';
import { envelopeOf } from './rdf-envelope.js';
import { isJsonLd } from './rdf-jsonld.js';
import type { RdfSyntax } from './rdf-parse.js';
import { JSON_LINES_EXTENSIONS, looksLikeJsonLines, parseJsonLines } from './jsonl.js';
import { decide } from './detect.js';
import { findRecords, jsonBatches, jsonLines, jsonLinesBatches, jsonRecords, readHead, recordsShape, scanRecords, type Batch } from './json-stream.js';
import { extended } from '../util/objects.js';

export * from './types.js';

/**
 * Loaders for JSON/YAML descriptors, asked in turn; the most confident one wins. RDF (Turtle,
 * N-Triples, RDF/XML) and JSON-LD that none of them claims go to the DCAT-AP loader.
 */
export const LOADERS: Loader[] = [odlintLoader, frictionlessLoader, ckanLoader, udataLoader, dcatUsLoader];

/** Extensions of files that may be descriptors (content decides). */
export const DESCRIPTOR_EXTENSIONS = ['.json', '.yaml', '.yml', '.jsonld', '.ttl', '.rdf', '.nt', '.xml', ...JSON_LINES_EXTENSIONS];
const RDF_EXTENSIONS: Record<string, RdfSyntax> = { '.ttl': 'turtle', '.n3': 'n3', '.nt': 'n-triples', '.rdf': 'rdfxml', '.owl': 'rdfxml', '.xml': 'rdfxml' };

/** A JSON loader at least this sure of a JSON-LD document wins over the DCAT-AP reading (POD data.json). */
const JSON_LOADER_OVER_JSONLD = 0.5;

/** Datasets and issues of one part of a big file read record by record. */
export interface LoadedBatch {
  datasets: Dataset[];
  issues: LoadIssue[];
}

export type LoadOutcome =
  /**
   * `more`: the batches after the first (`datasets`, `issues`) — of a big file read record by
   * record, or of a document's records loaded one by one (`LoadOptions.oneByOne`): then `count`
   * says up front how many datasets they hold.
   */
  | { kind: 'loaded'; format: DescriptorFormat; datasets: Dataset[]; issues: LoadIssue[]; paging?: EnvelopePaging; more?: AsyncIterable<LoadedBatch>; count?: number; rdf?: RdfDocument }
  | { kind: 'parse-error'; message: string; line: number; column: number }
  | { kind: 'unreadable'; message: string }
  | { kind: 'limit-exceeded'; error: LimitExceeded }
  | { kind: 'not-a-descriptor'; reason: string };

export interface LoadOptions {
  /** Folders a referenced file (a Table Schema) may really be in besides the descriptor's. */
  allowedRoots?: readonly string[];
  /** JSON and JSON Lines files of at least this many bytes are read record by record (default STREAM_FROM_BYTES). */
  streamFrom?: number;
  /** Characters of records per batch of a streamed file (tests make it small). */
  streamBatchChars?: number;
  /**
   * A parsed document that is a list of records gives its datasets one at a time in `more`
   * (with `count`), not all in `datasets`: the lint stream checks each as it is loaded.
   */
  oneByOne?: boolean;
}

/**
 * From this size on, a JSON descriptor whose records are in a list (`package_search` pages and
 * dumps, DCAT-US catalogs, udata pages, JSON Lines) is read record by record: memory holds a
 * batch, not the file, and `limits.descriptorBytes` bounds each record instead of the file.
 */
export const STREAM_FROM_BYTES = 16 * 1024 * 1024;

/**
 * Tests and benchmarks only: `ODLINT_STREAM_FROM_BYTES` and `ODLINT_STREAM_BATCH_CHARS` make small
 * files stream in small batches in a whole run (the CLI, its workers, --jobs 1 and N alike).
 */
const fromEnv = (name: string): number | undefined => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
export const streamFromBytes = (): number => fromEnv('ODLINT_STREAM_FROM_BYTES') ?? STREAM_FROM_BYTES;
export const streamBatchChars = (): number => fromEnv('ODLINT_STREAM_BATCH_CHARS') ?? 1 << 19;

/** Whether `loadDescriptor` reads a file of this size record by record (when its records are in a list). */
export const isStreamedFile = (file: string, size: number, streamFrom = streamFromBytes()): boolean => size >= streamFrom && STREAMED_EXTENSIONS.includes(extensionOf(file));

/** Reads, parses and loads one descriptor file. Never throws for bad input. */
export async function loadDescriptor(file: string, limits: Limits = DEFAULT_LIMITS, options: LoadOptions = {}): Promise<LoadOutcome> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (isStreamedFile(file, size, options.streamFrom)) {
        const streamed = await loadStreamed(file, limits, options);
        if (streamed) return streamed;
      }
      if (size > limits.descriptorBytes) return { kind: 'limit-exceeded', error: new LimitExceeded('descriptorBytes', limits.descriptorBytes, {}, { found: size }) };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { kind: 'unreadable', message: (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder' : systemErrorMessage(e) };
  }
  return loadDescriptorText(file, decodeDescriptor(bytes), limits, options);
}

/**
 * Parses and loads a descriptor's text; `file` names it (a path, or the URL it was fetched from —
 * then every data reference in it is remote).
 */
export async function loadDescriptorText(file: string, text: string, limits: Limits = DEFAULT_LIMITS, options: LoadOptions = {}): Promise<LoadOutcome> {
  if (text.length > limits.descriptorBytes) return { kind: 'limit-exceeded', error: new LimitExceeded('descriptorBytes', limits.descriptorBytes, {}, { found: Buffer.byteLength(text) }) };
  if (text.trim() === '') return { kind: 'not-a-descriptor', reason: 'the file is empty' };
  if (JSON_LINES_EXTENSIONS.includes(extensionOf(file))) return loadJsonLines(file, text, limits);
  const rdf = rdfSyntax(file, text);
  if (rdf === 'xml') return { kind: 'not-a-descriptor', reason: 'XML that is not RDF' };
  let doc: ParsedDocument;
  try {
    if (rdf) return loaded('dcat-ap', await loadRdfText(file, text, rdf, limits));
    doc = extended(parseDocumentText(file, text, limits), { allowedRoots: options.allowedRoots });
  } catch (e) {
    // JSON Lines saved as `.json`: one whole object per line does not parse as one document.
    if (e instanceof SyntaxProblem && !rdf && looksLikeJsonLines(text)) return loadJsonLines(file, text, limits);
    if (e instanceof SyntaxProblem) return { kind: 'parse-error', message: e.message, line: e.line, column: e.column };
    if (e instanceof LimitExceeded) return { kind: 'limit-exceeded', error: e };
    throw e;
  }
  return loadParsed(doc, limits, options);
}

const STREAMED_EXTENSIONS = ['.json', ...JSON_LINES_EXTENSIONS];

/**
 * A big JSON or JSON Lines file read batch by batch (src/loaders/json-stream.ts): the loader
 * is chosen on the first batch and reads every batch; undefined when the file is no list of
 * records a loader claims (JSON-LD, a single huge object): it is then read whole.
 */
async function loadStreamed(file: string, limits: Limits, options: LoadOptions): Promise<LoadOutcome | undefined> {
  const problems: LoadIssue[] = [];
  let batches: AsyncGenerator<Batch>;
  let listPath = '';
  const batchChars = options.streamBatchChars ?? streamBatchChars();
  if (JSON_LINES_EXTENSIONS.includes(extensionOf(file))) batches = jsonLinesBatches(file, jsonLines(file, limits, problems), limits, batchChars);
  else {
    const head = await readHead(file);
    const found = head === undefined ? undefined : findRecords(head);
    if (!found) return undefined;
    listPath = found.shape.path;
    batches = jsonBatches(file, found.shape, jsonRecords(file, found.start, limits, problems), limits, batchChars);
  }
  return loadBatches(batches, listPath, problems, options);
}

/**
 * A part of a big JSON document fetched record by record (a DCAT-US data.json harvested in
 * parts, src/harvest/dcat-us-stream.ts): the part's text, cut between two records, read as the
 * records of the document's list from number `first` on, at their places in the whole document.
 * The document's envelope (the text before its list) says what the records are.
 */
export interface DocumentPart {
  /** The document's text before its list's `[`. */
  envelope: string;
  /** JSON pointer of the list (`/dataset`). */
  path: string;
  /** The number of the part's first record in the list. */
  first: number;
  /** Where the part starts in the document: character offset, line and column (part 0: the document's start). */
  offset: number;
  line: number;
  column: number;
  /** The document ends in this part (its list is closed here). */
  end: boolean;
  /**
   * A part of a local file split over the workers (src/pipeline/split.ts): its records are read
   * by the loader of `format` (chosen on the file's first batch), in batches of `batchChars` as
   * the whole file's are; `lines`: JSON Lines, `line` is the part's first line. The stream's own
   * problems (an unclosed list, a missing comma), found by the run's scan, come with the last part.
   */
  local?: { format?: DescriptorFormat; batchChars: number; lines: boolean; problems: LoadIssue[] };
}

export async function loadDocumentPart(name: string, text: string, part: DocumentPart, limits: Limits = DEFAULT_LIMITS, options: LoadOptions = {}): Promise<LoadOutcome> {
  const read = partBatches(name, text, part, limits, options);
  if ('kind' in read) return read;
  const outcome = await loadBatches(read.batches, read.listPath, read.problems, options, read.envelopeIssues, part.local?.format);
  return outcome ?? { kind: 'not-a-descriptor', reason: 'no loader knows the records of the document' };
}

/** The format whose loader a part's first batch chooses, without loading it (a split file's is chosen once: src/pipeline/split.ts); undefined when none claims it. */
export async function documentPartFormat(name: string, text: string, part: DocumentPart, limits: Limits = DEFAULT_LIMITS, options: LoadOptions = {}): Promise<DescriptorFormat | undefined> {
  const read = partBatches(name, text, part, limits, options);
  if ('kind' in read) return undefined;
  const first = (await read.batches.next()).value as Batch | undefined;
  await read.batches.return(undefined);
  return first && chooseLoader(first, options)?.format;
}

/** A part's records in batches (see `DocumentPart`), or the parse error of its envelope. */
function partBatches(name: string, text: string, part: DocumentPart, limits: Limits, options: LoadOptions): { batches: AsyncGenerator<Batch>; listPath: string; problems: LoadIssue[]; envelopeIssues: boolean } | LoadOutcome {
  const local = part.local;
  const batchChars = local?.batchChars ?? options.streamBatchChars ?? streamBatchChars();
  const problems: LoadIssue[] = [];
  // The run's scan found the stream's problems: they are said after the part's last record.
  const thenProblems = async function* <T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
    yield* items;
    if (local) problems.push(...local.problems);
  };
  if (local?.lines) {
    const lines = text.split('\n').map((t, i) => ({ text: t, line: part.line + i }));
    return { batches: jsonLinesBatches(name, thenProblems(lines), limits, batchChars, part.first), listPath: '', problems, envelopeIssues: part.line === 1 };
  }
  const shape = recordsShape(part.envelope, part.path);
  if (!shape) return { kind: 'parse-error', message: 'the text before the list of records is not JSON', line: 1, column: 1 };
  const start = part.offset === 0 ? { listAt: part.envelope.length } : { offset: part.offset, line: part.line, column: part.column };
  const records = thenProblems(scanRecords([text], name, start, limits, problems, !part.end));
  return { batches: jsonBatches(name, shape, records, limits, batchChars, part.first), listPath: shape.path, problems, envelopeIssues: part.offset === 0 };
}

/** The loader of a document read in batches: `format`'s (a part of a split file), or the one most confident of the first batch; undefined when none claims it. */
function chooseLoader(first: Batch, options: LoadOptions, format?: DescriptorFormat): Loader | undefined {
  const chosen = format === undefined ? undefined : LOADERS.find((l) => l.format === format);
  if (chosen) return chosen;
  const doc = { ...first.doc, allowedRoots: options.allowedRoots };
  const { loader, score } = decide(doc, LOADERS);
  return !loader || (isJsonLd(doc.data) && score < JSON_LOADER_OVER_JSONLD) ? undefined : loader;
}

/** Loads batch by batch: the loader is chosen on the first batch; undefined when none claims it. */
async function loadBatches(batches: AsyncGenerator<Batch>, listPath: string, problems: LoadIssue[], options: LoadOptions, envelopeIssues = true, format?: DescriptorFormat): Promise<LoadOutcome | undefined> {
  const first = (await batches.next()).value as Batch | undefined;
  if (!first) return undefined;
  const loader = chooseLoader(first, options, format);
  if (!loader) {
    await batches.return(undefined);
    return undefined;
  }
  const load = (b: Batch, isFirst: boolean): LoadedBatch => {
    const result = loader.load({ ...b.doc, allowedRoots: options.allowedRoots });
    normaliseDatasets(result.datasets);
    // What the loader says about the envelope is said once, with the first batch (of the document's first part).
    const issues = isFirst && envelopeIssues ? result.issues : result.issues.filter((i) => i.dataset || i.location.pointer?.startsWith(`${listPath}/`));
    b.settle([result.datasets, issues]);
    return { datasets: result.datasets, issues: [...b.problems, ...issues] };
  };
  const head = load(first, true);
  async function* more(): AsyncGenerator<LoadedBatch> {
    for await (const b of batches) yield load(b, false);
    // The stream's own problems (a missing comma, an unclosed list) are known at its end.
    if (problems.length) yield { datasets: [], issues: problems };
  }
  return { kind: 'loaded', format: loader.format, datasets: head.datasets, issues: head.issues, more: more() };
}

/** The RDF syntax of a file, from its extension then its first lines; `xml` = XML that is not RDF. */
function rdfSyntax(file: string, text: string): RdfSyntax | 'xml' | undefined {
  const head = text.slice(0, 5000);
  const byExtension = RDF_EXTENSIONS[extensionOf(file)];
  const xml = /^\s*<(\?xml|rdf:RDF)/i.test(head);
  if (byExtension === 'rdfxml' || xml) {
    // `.xml` is also POD's legacy catalog and any other XML: only RDF/XML is a descriptor.
    // A CSW or OAI-PMH response may start its first RDF record further down.
    const rdf = /<rdf:RDF\b|xmlns(:\w+)?\s*=\s*["']http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#/;
    return rdf.test(head) || (envelopeOf(head) && rdf.test(text)) ? 'rdfxml' : 'xml';
  }
  if (byExtension) return byExtension;
  return /^\s*(@prefix|@base|prefix\s+[\w-]*:|base\s+<)/im.test(head) ? 'turtle' : undefined;
}

/** JSON Lines: the records load as one list; a bad line is an issue at its line, not the end of the file. */
async function loadJsonLines(file: string, text: string, limits: Limits): Promise<LoadOutcome> {
  const { doc, problems } = parseJsonLines(file, text, limits);
  const first = problems[0];
  const limit = problems.find((p) => p.ruleId === 'core/limit-exceeded');
  if ((doc.data as unknown[]).length === 0 && limit) {
    const { max, ...extra } = limit.data ?? {};
    return { kind: 'limit-exceeded', error: new LimitExceeded(limit.messageId as LimitName, Number(max), { line: limit.location.line, column: limit.location.column }, extra) };
  }
  if ((doc.data as unknown[]).length === 0 && first) {
    return { kind: 'parse-error', message: String(first.data?.message), line: first.location.line ?? 1, column: first.location.column ?? 1 };
  }
  const outcome = await loadParsed(doc, limits);
  return outcome.kind === 'loaded' ? { ...outcome, issues: [...problems, ...outcome.issues] } : outcome;
}

function loaded(format: DescriptorFormat, result: LoadResult): LoadOutcome {
  normaliseDatasets(result.datasets);
  return { kind: 'loaded', format, datasets: result.datasets, issues: result.issues, ...(result.paging ? { paging: result.paging } : {}), ...(result.rdf ? { rdf: result.rdf } : {}) };
}

/** Loads a parsed JSON/YAML document: the most confident loader wins; unclaimed JSON-LD is DCAT-AP. */
export async function loadParsed(doc: ParsedDocument, limits: Limits = DEFAULT_LIMITS, options: LoadOptions = {}): Promise<LoadOutcome> {
  const { loader: best, score: bestScore } = decide(doc, LOADERS);
  if (isJsonLd(doc.data) && bestScore < JSON_LOADER_OVER_JSONLD) {
    try {
      return loaded('dcat-ap', await loadJsonLd(doc, limits));
    } catch (e) {
      if (e instanceof SyntaxProblem) return { kind: 'parse-error', message: e.message, line: e.line, column: e.column };
      if (e instanceof LimitExceeded) return { kind: 'limit-exceeded', error: e };
      throw e;
    }
  }
  if (!best) return { kind: 'not-a-descriptor', reason: describeShape(doc.data) };
  const records = options.oneByOne ? best.records?.(doc) : undefined;
  return records ? oneByOne(best.format, records) : loaded(best.format, best.load(doc));
}

/** A document's records loaded as they are asked for: no more than one model at a time is alive here. */
function oneByOne(format: DescriptorFormat, records: RecordLoader): LoadOutcome {
  return { kind: 'loaded', format, datasets: [], issues: records.issues, count: records.count, more: eachRecord(records) };
}

/**
 * The records loaded as they are asked for. Module-level: a generator function made per document
 * gives its generators a new hidden class per document, and the unit's optimised code that
 * iterates them was thrown away at every page of a catalogue.
 */
async function* eachRecord(records: RecordLoader): AsyncGenerator<LoadedBatch> {
  for (let i = 0; i < records.count; i++) {
    const { datasets, issues } = records.load(i);
    normaliseDatasets(datasets);
    yield { datasets, issues };
  }
}

function describeShape(data: unknown): string {
  if (Array.isArray(data)) return 'a list that is not a list of datasets';
  if (typeof data !== 'object' || data === null) return `a bare ${data === null ? 'null' : typeof data}`;
  const keys = Object.keys(data).slice(0, 5);
  return `no CKAN, udata, Frictionless, DCAT or odlint dataset found (top-level keys: ${keys.join(', ') || 'none'})`;
}
