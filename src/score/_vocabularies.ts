/**
 * The format and licence knowledge the scores need. Licences delegate to the licence knowledge
 * base (src/knowledge/licences.ts). TEMPORARY for formats: they move to src/knowledge/formats.ts
 * once it lands.
 */
import type { Licence, Openness } from '../model/index.js';
import { normaliseLicence } from '../knowledge/licences.js';

// ---------------------------------------------------------------------------------------------
// Formats

interface FormatFacts {
  /** Code in the EU file-type authority table (http://publications.europa.eu/resource/authority/file-type/…). */
  eu: string;
  /** data.europa.eu MQA lists of machine-readable and non-proprietary formats. */
  machineReadable: boolean;
  nonProprietary: boolean;
  /** IANA media types of the format (the first is the canonical one). */
  mediaTypes: string[];
  /** Other names and file extensions publishers write (lower case). */
  aliases: string[];
}

const F = (eu: string, mr: boolean, np: boolean, mediaTypes: string[], aliases: string[] = []): FormatFacts => ({
  eu,
  machineReadable: mr,
  nonProprietary: np,
  mediaTypes,
  aliases,
});

const FORMATS: FormatFacts[] = [
  F('CSV', true, true, ['text/csv'], ['csv']),
  F('TSV', true, true, ['text/tab-separated-values'], ['tsv', 'tab']),
  F('JSON', true, true, ['application/json'], ['json']),
  F('GEOJSON', true, true, ['application/geo+json', 'application/vnd.geo+json'], ['geojson']),
  F('JSON_LD', true, true, ['application/ld+json'], ['jsonld', 'json-ld']),
  F('XML', true, true, ['application/xml', 'text/xml'], ['xml']),
  F('RDF_XML', true, true, ['application/rdf+xml'], ['rdf', 'rdf/xml', 'rdf+xml', 'rdf_xml']),
  F('RDF_TURTLE', true, true, ['text/turtle'], ['ttl', 'turtle', 'rdf_turtle']),
  F('RDF_N_TRIPLES', true, true, ['application/n-triples'], ['nt', 'n-triples', 'ntriples']),
  F('N3', true, true, ['text/n3'], ['n3']),
  F('ODS', true, true, ['application/vnd.oasis.opendocument.spreadsheet'], ['ods']),
  F('XLSX', true, false, ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['xlsx']),
  F('XLS', true, false, ['application/vnd.ms-excel'], ['xls', 'excel']),
  F('PARQUET', true, true, ['application/vnd.apache.parquet', 'application/x-parquet'], ['parquet']),
  F('KML', true, true, ['application/vnd.google-earth.kml+xml'], ['kml']),
  F('KMZ', true, true, ['application/vnd.google-earth.kmz'], ['kmz']),
  F('GML', true, true, ['application/gml+xml'], ['gml']),
  F('GPKG', true, true, ['application/geopackage+sqlite3'], ['gpkg', 'geopackage']),
  F('SHP', true, false, ['application/x-shapefile'], ['shp', 'shapefile', 'esri shapefile']),
  F('WMS_SRVC', true, true, [], ['wms']),
  F('WFS_SRVC', true, true, [], ['wfs']),
  F('PDF', false, true, ['application/pdf'], ['pdf']),
  F('TXT', false, true, ['text/plain'], ['txt', 'text']),
  F('HTML', false, true, ['text/html'], ['html', 'htm', 'page web', 'www']),
  F('ZIP', false, true, ['application/zip'], ['zip']),
  F('GZIP', false, true, ['application/gzip'], ['gz', 'gzip']),
  F('ODT', false, true, ['application/vnd.oasis.opendocument.text'], ['odt']),
  F('DOC', false, false, ['application/msword'], ['doc', 'word']),
  F('DOCX', false, false, ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['docx']),
  F('PPTX', false, false, ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], ['pptx']),
];

const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const IANA_MEDIA_TYPE = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//i;

const byName = new Map<string, FormatFacts>();
const byMediaType = new Map<string, FormatFacts>();
for (const f of FORMATS) {
  byName.set(f.eu.toLowerCase(), f);
  for (const a of f.aliases) byName.set(a, f);
  for (const m of f.mediaTypes) byMediaType.set(m, f);
}

/** A bare media type from `text/csv; charset=utf-8` or an IANA media-type URI. */
function bareMediaType(value: string): string {
  return value.replace(IANA_MEDIA_TYPE, '').split(';')[0]!.trim().toLowerCase();
}

/** What a format or media-type value names: a label, an EU file-type URI, a media type or its URI. */
export function lookupFormat(value: string | undefined): FormatFacts | undefined {
  if (!value?.trim()) return undefined;
  const v = value.trim();
  if (v.startsWith(EU_FILE_TYPE)) return byName.get(v.slice(EU_FILE_TYPE.length).toLowerCase());
  if (v.includes('/')) return byMediaType.get(bareMediaType(v));
  return byName.get(v.toLowerCase().replace(/^\./, ''));
}

/** MQA "format from vocabulary": an EU file-type URI, or a label equal to an EU file-type code. */
export function formatFromVocabulary(value: string | undefined): boolean {
  if (!value?.trim()) return false;
  const v = value.trim();
  const code = v.startsWith(EU_FILE_TYPE) ? v.slice(EU_FILE_TYPE.length) : v;
  return FORMATS.some((f) => f.eu === code.toUpperCase() && (v.startsWith(EU_FILE_TYPE) || /^[A-Z0-9_]+$/i.test(v)));
}

/** MQA "media type from vocabulary": a media type registered with IANA (as a string or its IANA URI). */
export function mediaTypeFromVocabulary(value: string | undefined): boolean {
  if (!value?.trim() || (!value.includes('/') && !IANA_MEDIA_TYPE.test(value))) return false;
  const f = byMediaType.get(bareMediaType(value));
  return f !== undefined && !bareMediaType(value).startsWith('application/x-');
}

// ---------------------------------------------------------------------------------------------
// ckanext-qa openness stars (ckanext/qa/resource_format_openness_scores.json, by format name)

const QA_SCORES: Record<string, number> = {
  n3: 5, sparql: 5, rdf: 5, ttl: 5, json_ld: 5,
  kml: 3, wcs: 3, netcdf: 3, tsv: 3, wfs: 3, kmz: 3, qgis: 3, ods: 3, json: 3, odb: 3, odf: 3, odg: 3,
  xml: 3, gml: 3, wms: 3, wmts: 3, svg: 3, jpeg: 3, csv: 3, 'atom feed': 3, xyz: 3, png: 3, rss: 3,
  geojson: 3, iati: 3, ics: 3,
  xls: 2, mdb: 2, 'arcgis map service': 2, bmp: 2, tiff: 2, geotiff: 2, xlsx: 2, gif: 2, e00: 2,
  mrsid: 2, 'arcgis map preview': 2, mop: 2, 'esri rest': 2, dbase: 2, dbf: 2, shp: 2,
  pptx: 1, doc: 1, 'arcgis online map': 1, zip: 1, gz: 1, odt: 1, rar: 1, txt: 1, dcr: 1, docx: 1,
  bin: 1, ppt: 1, odp: 1, pdf: 1, odc: 1, mxd: 1, tar: 1,
  exe: 0, js: 0, perl: 0, owl: 0, html: 0, xslt: 0, rdfa: 0,
};

/**
 * CKAN's resource_formats.json resolves names, extensions and media types to a format name; this
 * is the subset odlint needs, keyed in lower case. A name absent here is an unknown format.
 */
const QA_FORMAT_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.keys(QA_SCORES).map((k) => [k, k])),
  'json-ld': 'json_ld', jsonld: 'json_ld', 'application/ld+json': 'json_ld', turtle: 'ttl', 'text/turtle': 'ttl',
  'rdf/xml': 'rdf', 'application/rdf+xml': 'rdf', nt: 'rdf', 'text/n3': 'n3',
  'text/csv': 'csv', 'text/tab-separated-values': 'tsv', 'application/json': 'json', 'application/geo+json': 'geojson',
  'application/xml': 'xml', 'text/xml': 'xml', 'application/vnd.ms-excel': 'xls', excel: 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods', 'application/pdf': 'pdf', 'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx', 'text/plain': 'txt',
  'text/html': 'html', htm: 'html', 'application/zip': 'zip', gzip: 'gz', 'application/gzip': 'gz',
  jpg: 'jpeg', 'image/jpeg': 'jpeg', 'image/png': 'png', tif: 'tiff', 'image/tiff': 'tiff', shapefile: 'shp',
  'esri shapefile': 'shp', 'application/vnd.google-earth.kml+xml': 'kml', 'application/gml+xml': 'gml',
  // Formats CKAN knows but ckanext-qa gives no score: they fall back to 1 star.
  parquet: 'parquet', gpkg: 'gpkg', xsd: 'xsd', api: 'api',
};

/** The CKAN format name of a format field, extension or media type (lower case), if known. */
export function qaFormatName(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return QA_FORMAT_NAMES[v] ?? QA_FORMAT_NAMES[v.split(';')[0]!.trim()];
}

/** ckanext-qa's openness score of a known format name; undefined when the format has none. */
export function qaScore(formatName: string): number | undefined {
  return QA_SCORES[formatName];
}

// ---------------------------------------------------------------------------------------------
// udata

/** udata `CLOSED_FORMATS` (udata/core/dataset/constants.py). */
export const UDATA_CLOSED_FORMATS = new Set(['pdf', 'doc', 'docx', 'word', 'xls', 'excel', 'xlsx']);

/** udata frequency ids from its own ids, EU frequency codes/URIs, Dublin Core freq URIs or plain words. */
const FREQUENCY_ALIASES: Record<string, string> = {
  annual: 'annual', annually: 'annual', yearly: 'annual', annual_2: 'semiannual', semiannual: 'semiannual',
  biannual: 'semiannual', annual_3: 'threeTimesAYear', threetimesayear: 'threeTimesAYear', biennial: 'biennial',
  bimonthly: 'bimonthly', biweekly: 'biweekly', fortnighly: 'biweekly', fortnightly: 'biweekly', cont: 'continuous',
  continuous: 'continuous', update_cont: 'continuous', realtime: 'continuous', daily: 'daily', daily_2: 'semidaily',
  semidaily: 'semidaily', threetimesaday: 'threeTimesADay', fourtimesaday: 'fourTimesADay', hourly: 'hourly',
  irreg: 'irregular', irregular: 'irregular', monthly: 'monthly', monthly_2: 'semimonthly', semimonthly: 'semimonthly',
  monthly_3: 'threeTimesAMonth', threetimesamonth: 'threeTimesAMonth', never: 'punctual', punctual: 'punctual',
  quarterly: 'quarterly', triennial: 'triennial', quinquennial: 'quinquennial', weekly: 'weekly',
  weekly_2: 'semiweekly', semiweekly: 'semiweekly', weekly_3: 'threeTimesAWeek', threetimesaweek: 'threeTimesAWeek',
  fourtimesaweek: 'fourTimesAWeek', unknown: 'unknown',
};

export function udataFrequency(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const last = value.trim().replace(/[/#]+$/, '').split(/[/#]/).pop()!;
  return FREQUENCY_ALIASES[last.toLowerCase()];
}

// ---------------------------------------------------------------------------------------------
// Licences and access rights

/** Openness of a licence, as the licence normaliser (src/knowledge/licences.ts) judged it at load. */
export function licenceOpenness(licence: Licence | undefined): Openness {
  return licence?.openness ?? 'unknown';
}

/**
 * MQA "licence from vocabulary": a licence the knowledge base recognises (an SPDX id or
 * expression, an EU licence-table entry, a versioned CKAN id). Placeholders such as
 * `notspecified` and generic `other-open` declarations name no licence.
 */
export function knownLicence(licence: Licence | undefined): boolean {
  if (!licence) return false;
  const kind = normaliseLicence(licence).kind;
  return kind === 'recognised' || kind === 'expression';
}

const EU_ACCESS_RIGHT = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/(PUBLIC|RESTRICTED|NON_PUBLIC|CONFIDENTIAL|SENSITIVE|NORMAL)$/;

/** MQA "access rights from vocabulary": a value of the EU access-right authority table. */
export function accessRightsFromVocabulary(value: string | undefined): boolean {
  return value !== undefined && EU_ACCESS_RIGHT.test(value.trim());
}
