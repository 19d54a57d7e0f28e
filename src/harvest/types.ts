import type { Shard } from '../pipeline/shard.js';
import type { DocumentPart } from '../loaders/index.js';

/** The kinds of catalogue odlint pages through (docs/harvest.md). */
export type PortalKind = 'ckan' | 'udata' | 'hydra' | 'csw' | 'dcat-us' | 'document';

export interface HarvestOptions {
  /** Stop once this many datasets are harvested (the last page is cut). */
  maxDatasets?: number;
  /** Only datasets modified on or after this day (YYYY-MM-DD): a filter (CKAN, CSW) or, for udata, newest first up to that day. */
  since?: string;
  /** Search query: CKAN `q` (Solr syntax, `organization:xyz`), udata `q` (or `organization:<id>`). */
  query?: string;
  /** Datasets asked per page (default per protocol: CKAN 1000, udata 100, CSW 100). */
  pageSize?: number;
  /** Harvest only part k of n: whole pages (page number mod n). */
  shard?: Shard;
  /** Stop after this many pages in a row failed (default 3): the portal is down. */
  maxConsecutiveFailures?: number;
}

/** What went wrong with one page, as `core/harvest-error` reports it. */
export interface PageProblem {
  /** `core/harvest-error` unless said (an answer past limits.descriptorBytes is `core/limit-exceeded`). */
  ruleId?: string;
  /** `http`, `network`, `notData`, `apiError`, `loop`, `countMismatch`, `gaveUp` (docs: rules/core/harvest-error.md). */
  messageId: string;
  data: Record<string, string | number>;
}

/** A page fetched: the body as received, so a snapshot replays to the same report. */
export interface PageRecord {
  kind: 'page';
  /** The page's place in the harvest (0-based): orders the report, splits shards. */
  page: number;
  url: string;
  fetchedAt: string;
  contentType: string;
  /** The body as received: its bytes (a page fetched: decoded where it is linted), or its text (read from a snapshot, a part of a document). */
  body: string | Uint8Array;
  /** Datasets the harvester counted in the page. */
  datasets: number;
  /** Lint only the first `limit` datasets of the page (--max-datasets cut it). */
  limit?: number;
  /** Where the harvest goes on from (a resumed harvest starts there). */
  next?: string;
  /** A part of a document harvested as it downloads (DCAT-US): where the body is in the document. */
  part?: DocumentPart;
  /** Read from a snapshot: the body is its JSON string as written, parsed where the page is linted (`literalText`). */
  escaped?: true;
}

/** A page that could not be had (after its retries), or a finding about the harvest as a whole. */
export interface ErrorRecord extends PageProblem {
  kind: 'error';
  page: number;
  url: string;
  fetchedAt: string;
  next?: string;
}

export type HarvestRecord = PageRecord | ErrorRecord;

/** The harvest's counts, for the summary (`summary.harvest`) and the progress line. */
export interface HarvestStats {
  url: string;
  kind: PortalKind;
  /** Datasets the portal said it has (CKAN `count`, udata `total`, CSW `numberOfRecordsMatched`, Hydra `totalItems`). */
  announced?: number;
  /** Datasets in the pages harvested. */
  harvested: number;
  /** Datasets asked per page, when the protocol pages by size. */
  pageSize?: number;
  /** Pages expected when nothing is announced yet (a document harvested in parts: from its length). */
  expectedPages?: number;
  pages: number;
  failedPages: number;
  /** Datasets linted from these pages (set by the run). */
  linted: number;
}
