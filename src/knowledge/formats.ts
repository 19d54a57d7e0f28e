/**
 * Format knowledge (schemas/formats.yaml): resolves what publishers write in a distribution's
 * format or media type ("CSV", "text/csv; charset=utf-8", an EU file-type URI, "page web",
 * "zip+csv") to a format id, and says what that format is worth (open, machine-readable, stars,
 * the data.europa.eu MQA lists, udata's closed formats). The scores (src/score/) take every
 * format fact from here.
 */
import { createRequire } from 'node:module';
import { readDataFile } from '../util/data-file.js';

export type FormatKind = 'data' | 'document' | 'page' | 'archive' | 'image' | 'service';

export interface FormatInfo {
  id: string;
  names: string[];
  /** Media types registered with IANA, the canonical one first. */
  mediaTypes: string[];
  /** Unregistered media types seen in the wild (x- types, text/json...). */
  otherMediaTypes: string[];
  /** Code in the EU file-type authority table (see `euFileTypeUri`). */
  eu?: string;
  extensions: string[];
  /** Non-proprietary: an open, freely implementable specification. */
  open: boolean;
  machineReadable: boolean;
  /** ckanext-qa openness score of the format (0–5), when it scores it. */
  stars?: number;
  /** data.europa.eu MQA lists the format is on (EDP vocabularies, narrower than `open`/`machineReadable`). */
  mqa: ('nonProprietary' | 'machineReadable')[];
  /** The spellings of this format in udata's CLOSED_FORMATS, which udata matches literally. */
  udataClosed?: string[];
  /** A more general format the content also is (GeoJSON → JSON, XLSX → ZIP). */
  parent?: string;
  kind: FormatKind;
}

export const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

export const FORMATS: readonly FormatInfo[] = (
  readDataFile('schemas/formats.yaml') as FormatInfo[]
).map((f) => ({
  ...f,
  id: String(f.id),
  names: f.names ?? [],
  mediaTypes: f.mediaTypes ?? [],
  otherMediaTypes: f.otherMediaTypes ?? [],
  extensions: f.extensions ?? [],
  mqa: f.mqa ?? [],
}));

const byId = new Map(FORMATS.map((f) => [f.id, f]));
const byEu = new Map(FORMATS.filter((f) => f.eu).map((f) => [f.eu!.toUpperCase(), f]));
const byExtension = new Map(FORMATS.flatMap((f) => f.extensions.map((e) => [e.toLowerCase(), f] as const)));
const byRegisteredMediaType = new Map(FORMATS.flatMap((f) => f.mediaTypes.map((m) => [m.toLowerCase(), f] as const)));
const byMediaType = new Map([...byRegisteredMediaType, ...FORMATS.flatMap((f) => f.otherMediaTypes.map((m) => [m.toLowerCase(), f] as const))]);

/** Every way of writing a format, lower case; earlier entries win (explicit names before EU codes). */
const byName = new Map<string, FormatInfo>();
for (const f of FORMATS) for (const n of [f.id, ...f.names]) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), f);
for (const [k, f] of [...byExtension, ...byMediaType]) if (!byName.has(k)) byName.set(k, f);
for (const [code, f] of byEu) if (!byName.has(code.toLowerCase())) byName.set(code.toLowerCase(), f);

export function formatById(id: string | undefined): FormatInfo | undefined {
  return id === undefined ? undefined : byId.get(id);
}

export function euFileTypeUri(format: FormatInfo): string | undefined {
  return format.eu ? EU_FILE_TYPE + format.eu : undefined;
}

const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/(.+)$/i;
const EU = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/([A-Z0-9_]+)$/i;

/** A name, extension or media type as the lookup tables key it: lower case, no parameters, no leading dot. */
const nameKey = (value: string) => value.toLowerCase().split(';')[0]!.trim().replace(/^\./, '');

/**
 * Resolves a URI: an EU file-type or IANA media-type URI exactly; another vocabulary's URI
 * (".../file-type/CSV", ".../formats/json") by its last segment, through `resolve`. `null` when
 * the value is no URI.
 */
function fromUri(value: string, resolve: (term: string) => FormatInfo | undefined): FormatInfo | undefined | null {
  const eu = EU.exec(value);
  if (eu) return byEu.get(eu[1]!.toUpperCase());
  const iana = IANA.exec(value);
  if (iana) return byMediaType.get(nameKey(iana[1]!));
  if (!/^https?:\/\//i.test(value)) return null;
  const last = value.replace(/[/#?]+$/, '').split(/[/#]/).pop();
  return last && last !== value ? resolve(decodeURIComponent(last)) : undefined;
}

/**
 * Lookups remembered by the value as written: a catalogue repeats the same few format names,
 * media types and extensions in every distribution, and several rules and scores ask about each.
 * Bounded (cleared when full), short values only.
 */
const namedMemo = new Map<string, FormatInfo | null>();
const resolvedMemo = new Map<string, FormatInfo | null>();
const MEMO_MAX = 4096;
function remembered(memo: Map<string, FormatInfo | null>, raw: string | undefined, lookup: (raw: string) => FormatInfo | undefined): FormatInfo | undefined {
  if (raw === undefined) return undefined;
  if (raw.length > 200) return lookup(raw);
  let found = memo.get(raw);
  if (found === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(raw, (found = lookup(raw) ?? null));
  }
  return found ?? undefined;
}

/**
 * The format a value names exactly (a name, extension, media type, EU code or a URI of one),
 * without resolving compound values: what a format registry such as CKAN's resource_formats
 * answers. The scores use it, since the tools they reproduce look formats up this way.
 */
export function formatNamed(raw: string | undefined): FormatInfo | undefined {
  return remembered(namedMemo, raw, namedNow);
}

function namedNow(raw: string | undefined): FormatInfo | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const uri = fromUri(value, formatNamed);
  return uri === null ? byName.get(nameKey(value)) : uri;
}

/**
 * The format a publisher meant, from a format name, media type, extension or URI; undefined
 * when unknown. Compound values ("zip+csv", "CSV (zip)", "csv.gz") resolve to the data format
 * inside the archive, since that is what users get after unpacking.
 */
export function resolveFormat(raw: string | undefined): FormatInfo | undefined {
  return remembered(resolvedMemo, raw, resolveNow);
}

function resolveNow(raw: string | undefined): FormatInfo | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const uri = fromUri(value, resolveFormat);
  if (uri !== null) return uri;
  const lower = nameKey(value);
  const direct = byName.get(lower);
  if (direct) return direct;
  const suffix = /^[a-z]+\/[\w.-]+\+(json|xml|zip)$/.exec(lower); // application/vnd.x+json
  if (suffix) return byId.get(suffix[1]!);
  const parts = lower.split(/[\s+()/,.]+/).filter(Boolean).map((p) => byName.get(p)).filter((f): f is FormatInfo => !!f);
  if (parts.length < 2) return undefined;
  return parts.find((f) => f.kind !== 'archive') ?? parts[0];
}

/** The format a file name or URL's extension stands for (`data.csv?x=1` → csv, `a.csv.gz` → gzip). */
export function formatFromPath(pathOrUrl: string | undefined): FormatInfo | undefined {
  if (!pathOrUrl) return undefined;
  const clean = pathOrUrl.split(/[?#]/)[0]!;
  const base = clean.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? byExtension.get(base.slice(dot + 1).toLowerCase()) : undefined;
}

function ancestors(id: string): string[] {
  const out: string[] = [];
  for (let f = byId.get(id); f?.parent && !out.includes(f.parent); f = byId.get(f.parent)) out.push(f.parent);
  return out;
}

/**
 * Whether content of format `a` fits a declaration of format `b` (or the other way round): the
 * same format, or one is a more general form of the other (GeoJSON is JSON, a shapefile comes
 * zipped, a one-column CSV is plain text).
 */
export function compatibleFormats(a: string, b: string): boolean {
  return a === b || ancestors(a).includes(b) || ancestors(b).includes(a);
}

/** Post-load step: each distribution's declared format (else media type) as a format id. */
export function normaliseFormats(ds: { distributions: { format?: string; mediaType?: string; formatId?: string }[] }): void {
  for (const dist of ds.distributions) {
    const id = (resolveFormat(dist.format) ?? resolveFormat(dist.mediaType))?.id;
    if (id) dist.formatId = id;
  }
}

/** Sniffed contents that say nothing about the format. */
const VAGUE_CONTENT = new Set(['txt', 'empty', 'binary']);

export interface EffectiveFormat {
  format: FormatInfo;
  /** Where the format was learnt: the file's bytes, the metadata, or the URL/path extension. */
  from: 'content' | 'declared' | 'extension';
}

/**
 * The best knowledge of what a distribution is: the local file's content when sniffed and
 * specific, else the declared format, else the extension of its download/access URL or path.
 */
export function effectiveFormat(dist: {
  formatId?: string;
  localContent?: { format: string };
  downloadURL?: string;
  accessURL?: string;
  localRef?: string;
}): EffectiveFormat | undefined {
  const content = dist.localContent && !VAGUE_CONTENT.has(dist.localContent.format) ? formatById(dist.localContent.format) : undefined;
  if (content) return { format: content, from: 'content' };
  const declared = formatById(dist.formatId);
  if (declared) return { format: declared, from: 'declared' };
  const byUrl = formatFromPath(dist.downloadURL) ?? formatFromPath(dist.localRef) ?? formatFromPath(dist.accessURL);
  return byUrl ? { format: byUrl, from: 'extension' } : undefined;
}

/**
 * MQA "format from vocabulary": the format when the value is an EU file-type URI or an EU
 * file-type code written as is ("CSV", "rdf_turtle"); undefined otherwise ("Excel", "text/csv").
 */
export function euFileType(raw: string | undefined): FormatInfo | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const code = EU.exec(value)?.[1] ?? (/^[A-Z0-9_]+$/i.test(value) ? value : undefined);
  return code === undefined ? undefined : byEu.get(code.toUpperCase());
}

/**
 * MQA "media type from vocabulary": the format when the value is a media type registered with
 * IANA (as such or as its IANA URI, parameters ignored); undefined for unregistered ones
 * (application/x-…, text/json) and for anything else.
 */
export function ianaMediaType(raw: string | undefined): FormatInfo | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  return byRegisteredMediaType.get(nameKey(IANA.exec(value)?.[1] ?? value));
}

/** mime-db's copy of the IANA media-type registry: the types it takes from IANA, lower case. */
const IANA_REGISTRY: ReadonlySet<string> = new Set(
  Object.entries(createRequire(import.meta.url)('mime-db') as Record<string, { source?: string }>)
    .filter(([, entry]) => entry.source === 'iana')
    .map(([type]) => type.toLowerCase()),
);

/**
 * Whether a value is a media type registered with IANA (as such or as its IANA URI, parameters
 * ignored): one of the ~2,100 types of the registry (mime-db), whether or not odlint knows its
 * format (`text/markdown`, `application/vnd.apache.arrow.file`), or one schemas/formats.yaml lists
 * as registered that mime-db lacks (W3C's `application/sparql-results+json`).
 */
export function isIanaMediaType(raw: string | undefined): boolean {
  const value = raw?.trim();
  if (!value) return false;
  const key = nameKey(IANA.exec(value)?.[1] ?? value);
  return IANA_REGISTRY.has(key) || byRegisteredMediaType.has(key);
}

/**
 * udata `CLOSED_FORMATS` (udata/core/dataset/constants.py: pdf, doc, docx, word, xls, excel,
 * xlsx), gathered from the formats that carry them. udata compares the lower-cased format
 * field with these strings literally, so "application/pdf" or "PDF/A" are not closed to it.
 */
export const UDATA_CLOSED_FORMATS: ReadonlySet<string> = new Set(FORMATS.flatMap((f) => f.udataClosed ?? []));

/** A short display name: the EU code or the upper-cased id (CSV, XLSX, GeoJSON → GEOJSON). */
/** Kinds of format that say something about the openness of a dataset's data (pages, services, images and archives do not). */
const OPENNESS_JUDGED = new Set(['data', 'document']);

/**
 * The formats of a dataset's data and document distributions when every one of them is
 * proprietary (format/proprietary-only), else undefined (an open one, or none known).
 */
export function proprietaryOnlyFormats(distributions: readonly Parameters<typeof effectiveFormat>[0][]): FormatInfo[] | undefined {
  const formats = distributions.map((d) => effectiveFormat(d)?.format).filter((f): f is FormatInfo => !!f && OPENNESS_JUDGED.has(f.kind));
  return formats.length === 0 || formats.some((f) => f.open) ? undefined : formats;
}

export function formatLabel(format: FormatInfo): string {
  return format.eu?.replace(/_SRVC$/, '') ?? format.id.toUpperCase();
}
