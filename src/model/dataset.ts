import type { SourceLocation, PositionResolver } from './location.js';

/** Text in one or more languages: `{en: "Population", fr: "Population"}`; `""` = untagged. */
export type Texts = Record<string, string>;

/** The descriptor formats odlint loads. `data-file` = a data file linted without any descriptor. */
export type DescriptorFormat =
  | 'odlint'
  | 'ckan'
  | 'udata'
  | 'frictionless'
  | 'dcat-ap'
  | 'dcat-us'
  | 'data-file';

export type Openness = 'open' | 'not-open' | 'unknown';

/**
 * A licence as written by the publisher, and (once normalised) what it is.
 * Loaders fill `raw`/`title`/`url`; the licence normaliser fills the rest.
 */
export interface Licence {
  /** The value as written: an id, a title, a URL or an SPDX expression. */
  raw: string;
  title?: string;
  url?: string;
  /** SPDX id or expression, when one exists. */
  spdx?: string;
  /** CKAN / Open Definition licence id (e.g. `cc-by`, `odc-odbl`). */
  ckanId?: string;
  /** EU licence NAL URI (http://publications.europa.eu/resource/authority/licence/...). */
  euUri?: string;
  openness?: Openness;
  /** Why the openness is what it is (e.g. "non-commercial clause"). */
  opennessReason?: string;
}

/** A publisher, contact point or creator. */
export interface Agent {
  name?: string;
  email?: string;
  url?: string;
  /** IRI or portal identifier of the agent. */
  uri?: string;
}

/** Brussels gender-mainstreaming characteristics (ordinance of 29 March 2012). */
export interface DatasetFlags {
  concernsIndividuals?: boolean;
  sexDisaggregated?: boolean;
  genderStatistics?: boolean;
}

export interface Period {
  start?: string;
  end?: string;
}

/** Frictionless Table Schema (subset odlint reads; the rest stays as is). */
export interface TableSchema {
  fields: TableSchemaField[];
  primaryKey?: string | string[];
  missingValues?: string[];
  /** v2: how the header must match the fields (`exact` by position, else by name). */
  fieldsMatch?: 'exact' | 'equal' | 'subset' | 'superset' | 'partial' | string;
  [key: string]: unknown;
}

/**
 * A CSV dialect as declared (Frictionless v1 CSV Dialect and v2 Table Dialect, normalised).
 * Absent keys were not declared: the reader detects them.
 */
export interface TableDialect {
  /** false: the file has no header row, every record is data. */
  header?: boolean;
  /** 1-based record numbers that form the header (joined with `headerJoin`); rows above are skipped. */
  headerRows?: number[];
  headerJoin?: string;
  /** Records whose first cell starts with this string are comments, not data. */
  commentChar?: string;
  /** 1-based record numbers that are comments. */
  commentRows?: number[];
  delimiter?: string;
  quoteChar?: string;
  /** false: a quote inside a quoted cell is escaped with `escapeChar`, not doubled. */
  doubleQuote?: boolean;
  escapeChar?: string;
  skipInitialSpace?: boolean;
}

export interface TableSchemaField {
  name: string;
  type?: string;
  format?: string;
  title?: unknown;
  description?: string;
  constraints?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Every model entity remembers where its values came from: `at` is the entity itself,
 * `locations[property]` the location of one property (model property names, e.g.
 * `licence`, `title`, `keywords`; extras as `extras.<key>`).
 */
export interface Located {
  at: SourceLocation;
  locations: Record<string, SourceLocation>;
}

export interface Distribution extends Located {
  id?: string;
  title?: Texts;
  description?: Texts;
  accessURL?: string;
  downloadURL?: string;
  /** Format as the publisher wrote it ("CSV", "text/csv", EU file-type URI...). */
  format?: string;
  mediaType?: string;
  /**
   * The declared format (`format`, else `mediaType`) as a format id of schemas/formats.yaml
   * (`csv`, `xlsx`, `html`...), set by the format normaliser; absent when unknown or undeclared.
   */
  formatId?: string;
  licence?: Licence;
  /** dct:rights of the distribution (a rights statement other than the licence). */
  rights?: string;
  byteSize?: number;
  checksum?: string;
  issued?: string;
  modified?: string;
  conformsTo?: string[];
  /** Table Schema declared for the data (Frictionless `schema`). */
  schema?: TableSchema;
  /**
   * The vendored national schema (schemas/national/) `schema` came from: declared by the
   * metadata (udata `schema`, `dct:conformsTo`) or matched by the data file's header.
   */
  nationalSchema?: { id: string; version: string; by: 'udata schema' | 'conformsTo' | 'header'; declaredVersion?: string };
  /** How to read the data file (Frictionless `dialect`), when the descriptor says so. */
  dialect?: TableDialect;
  /**
   * The data file on disk, when the descriptor references a relative path. Absolute path,
   * always inside the descriptor's folder (loaders refuse paths that escape it).
   */
  localPath?: string;
  /** The relative path as written in the descriptor (for messages). */
  localRef?: string;
  /** Whether `localPath` exists, set by the engine before rules run. */
  localStatus?: 'present' | 'missing' | 'not-a-file';
  /** What the local file really is, sniffed from its first bytes by the engine before rules run. */
  localContent?: SniffedContent;
  /** The size of the local file in bytes, set with `localStatus` (`present` only). */
  localBytes?: number;
  accessService?: string;
  /** Anything the source had that the model does not name. */
  extras: Record<string, unknown>;
}

/** The real type of a data file, from its bytes (magic numbers for binaries, heuristics for text). */
export interface SniffedContent {
  /** A format id of schemas/formats.yaml (`csv`, `json`, `geojson`, `xlsx`, `pdf`, `html`...), or `binary`/`empty` when unknown. */
  format: string;
  mediaType?: string;
  /** Binary content (not text in any encoding). */
  binary: boolean;
  /** `magic` when a signature identified it, `heuristic` for text guessed from its shape. */
  by: 'magic' | 'heuristic';
  /** A ZIP archive: its entries by the format their names say (from its directory, nothing inflated). */
  archive?: ArchiveInventory;
}

export interface ArchiveInventory {
  /** Files in the archive (folders not counted). */
  entries: number;
  /** Entries per format id of schemas/formats.yaml, by their extension (`other` when it says nothing). */
  formats: Record<string, number>;
}

export interface DatasetSource {
  format: DescriptorFormat;
  /** The descriptor file (for `data-file` datasets: the data file). */
  file: string;
  /** Resolves JSON pointers in `file` to line/column, when the loader parsed text. */
  position?: PositionResolver;
}

export interface Dataset extends Located {
  id?: string;
  title?: Texts;
  description?: Texts;
  keywords: string[];
  themes: string[];
  publisher?: Agent;
  contactPoint?: Agent;
  licence?: Licence;
  accessRights?: string;
  rights?: string;
  temporal?: Period;
  spatial?: string[];
  frequency?: string;
  issued?: string;
  modified?: string;
  language: string[];
  conformsTo: string[];
  landingPage?: string;
  documentation: string[];
  hvdCategory: string[];
  applicableLegislation: string[];
  flags: DatasetFlags;
  distributions: Distribution[];
  /**
   * Set when the descriptor links to its distributions instead of including them (udata API v2:
   * `resources: {rel, href, total}`): `distributions` is then empty because it is unknown, not
   * because there are none; rules and scores that need distributions leave the dataset alone.
   */
  distributionsNotIncluded?: DistributionsLink;
  extras: Record<string, unknown>;
  source: DatasetSource;
}

/** Where a descriptor says its distributions are, and how many, when it does not include them. */
export interface DistributionsLink {
  href?: string;
  total?: number;
}

/** A new, empty dataset located at `at`; loaders fill it in. */
export function emptyDataset(source: DatasetSource, at: SourceLocation): Dataset {
  return {
    keywords: [],
    themes: [],
    language: [],
    conformsTo: [],
    documentation: [],
    hvdCategory: [],
    applicableLegislation: [],
    flags: {},
    distributions: [],
    extras: {},
    source,
    at,
    locations: {},
  };
}

export function emptyDistribution(at: SourceLocation): Distribution {
  return { extras: {}, at, locations: {} };
}

/**
 * The location of one property of an entity: a dotted part (`temporal.end`) falls back to its
 * parent property (`temporal`), and an unknown property to the entity's own location.
 */
export function locate(entity: Located, property?: string): SourceLocation {
  for (let key = property; key; key = key.slice(0, Math.max(0, key.lastIndexOf('.')))) {
    const location = entity.locations[key];
    if (location) return location;
  }
  return entity.at;
}

/** First non-empty text of a multilingual value, preferring `lang`. */
export function firstText(texts: Texts | undefined, lang?: string): string | undefined {
  if (!texts) return undefined;
  if (lang && texts[lang]?.trim()) return texts[lang];
  // A loop, not Object.values(...).find: called by many rules and scores per dataset, and a list
  // of the values each time was a sizeable part of what a catalogue run allocated.
  for (const key in texts) {
    if (!Object.prototype.hasOwnProperty.call(texts, key)) continue;
    const t = texts[key];
    if (t && t.trim() !== '') return t;
  }
  return undefined;
}
