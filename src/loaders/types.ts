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
  /** The keys `detect` weighs as evidence (src/loaders/detect.ts); the detection tests take each away in turn. */
  keys(): string[];
}
