import type { Dataset, DescriptorFormat, Limits, PositionResolver, RdfDocument, SourceLocation } from '../model/index.js';

/** A descriptor file parsed as JSON or YAML, with a way back from JSON pointers to lines. */
export interface ParsedDocument {
  /** Path as given (absolute or relative to the working directory). */
  file: string;
  /** Absolute folder of the file: data paths are resolved against it and must stay inside it. */
  dir: string;
  /** Other folders files it references may really be in, through symlinks (`--allow-root`). */
  allowedRoots?: readonly string[];
  syntax: 'json' | 'yaml';
  data: unknown;
  position: PositionResolver;
  /** The run's limits (docs/limits.md), for loaders that parse further (JSON-LD, linked schemas). */
  limits?: Limits;
}

/**
 * Something a loader noticed that is not a dataset value: an API error envelope, a schema
 * violation, an unsafe data path. Reported under a `core/*` rule; attached to `dataset` when
 * given, otherwise to the file.
 */
export interface LoadIssue {
  ruleId: string;
  messageId: string;
  data?: Record<string, string | number>;
  location: SourceLocation;
  dataset?: Dataset;
}

export interface LoadResult {
  datasets: Dataset[];
  issues: LoadIssue[];
  /** Set when the datasets came in one page of a harvesting protocol's response. */
  paging?: EnvelopePaging;
  /** RDF inputs: the file's graph as the SHACL rules read it (also with no dataset in it). */
  rdf?: RdfDocument;
}

/**
 * Paging state of a CSW `GetRecords` or OAI-PMH `ListRecords` response the descriptors were
 * unwrapped from (what a harvester needs to ask for the next page), as the response wrote it.
 */
export interface EnvelopePaging {
  protocol: 'csw' | 'oai-pmh';
  /** CSW `SearchResults`: records matching the query, records in this response, position of the next one (0: none). */
  numberOfRecordsMatched?: number;
  numberOfRecordsReturned?: number;
  nextRecord?: number;
  /** OAI-PMH `resumptionToken` (empty on the last page), with its `completeListSize` and `cursor`. */
  resumptionToken?: string;
  completeListSize?: number;
  cursor?: number;
}

export interface Loader {
  format: DescriptorFormat;
  /**
   * How sure the loader is that the document is its format, from content (0 = not mine, 1 =
   * certain); the file name may raise confidence but must never be the only signal.
   */
  detect(doc: ParsedDocument): number;
  load(doc: ParsedDocument): LoadResult;
  /**
   * A document that is a list of records, loaded one record at a time (`RecordLoader`): a
   * 1,000-package page then never holds 1,000 models at once. Loaders whose documents are such
   * lists (CKAN, udata, DCAT-US) have it; `load` gives the same datasets and issues in one go.
   * Undefined for a document of the format that is no such list (it is loaded whole).
   */
  records?(doc: ParsedDocument): RecordLoader | undefined;
  /** The keys `detect` weighs as evidence (src/loaders/detect.ts); the detection tests take each away in turn. */
  keys(): string[];
}

/**
 * A list of records loaded one by one: `count` datasets, the document's own issues (an API
 * error envelope) and `load(i)`, the i-th dataset with its issues. Each record is loaded once,
 * in order; the loader may let go of a record's parsed value once it is loaded.
 */
export interface RecordLoader {
  count: number;
  issues: LoadIssue[];
  load(i: number): LoadResult;
}

/** Records from a list of items, each loaded by `loadOne` once and then let go; `issues`: the document's own. */
export function recordsOf<T>(items: T[], loadOne: (item: T, issues: LoadIssue[]) => Dataset, issues: LoadIssue[] = []): RecordLoader {
  const left: (T | undefined)[] = items;
  return {
    count: items.length,
    issues,
    load: (i) => {
      const own: LoadIssue[] = [];
      const dataset = loadOne(left[i]!, own);
      left[i] = undefined;
      return { datasets: [dataset], issues: own };
    },
  };
}

/** Every record at once: what `Loader.load` gives for a loader that has `records`. */
export function loadAllRecords(records: RecordLoader): LoadResult {
  const datasets: Dataset[] = [];
  const issues = [...records.issues];
  for (let i = 0; i < records.count; i++) {
    const one = records.load(i);
    datasets.push(...one.datasets);
    issues.push(...one.issues);
  }
  return { datasets, issues };
}
