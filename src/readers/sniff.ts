/**
 * What a file really is, from its first bytes: binary signatures through `file-type`
 * (spreadsheets, PDFs, archives, images), then the shape of the text (JSON, GeoJSON, XML, HTML,
 * RDF, CSV). The result is a format id of schemas/formats.yaml, compared by the format rules with
 * what the metadata and the file name claim.
 */
import path from 'node:path';
import type { SniffedContent } from '../model/index.js';
import { formatFromPath } from '../knowledge/formats.js';
import { countOutsideQuotes, readHead, sniffDelimiter } from './csv.js';
import { countBoms } from './encoding.js';

/** Formats file-type reports that are really text: the text heuristics know them better. */
const TEXTUAL = new Set(['xml', 'svg', 'html', 'csv', 'json', 'ics', 'vtt', 'srt']);
/** Legacy Office files are all OLE compound files: the extension tells which. */
const OLE_KINDS = new Set(['xls', 'doc', 'ppt', 'mdb']);

const GEOJSON_TYPE = /"type"\s*:\s*"(FeatureCollection|Feature|Point|MultiPoint|LineString|MultiLineString|Polygon|MultiPolygon|GeometryCollection)"/;

export async function sniffFile(file: string): Promise<SniffedContent> {
  const content = await sniffBytes(await readHead(file), path.extname(file).slice(1).toLowerCase());
  // A ZIP archive is judged by what it holds: its directory says (yauzl is imported only then).
  if (content.format === 'zip') {
    const archive = await import('./zip-entries.js').then((m) => m.archiveInventory(file)).catch(() => undefined);
    if (archive) content.archive = archive;
  }
  return content;
}

/** file-type and its token readers (~20 ms to load), imported with the first file sniffed: a `--no-data` worker never needs them. */
let fileType: Promise<typeof import('file-type')> | undefined;

export async function sniffBytes(head: Buffer, extension = ''): Promise<SniffedContent> {
  if (head.length === 0) return { format: 'empty', binary: false, by: 'heuristic' };
  const { fileTypeFromBuffer } = await (fileType ??= import('file-type'));
  const magic = await fileTypeFromBuffer(head).catch(() => undefined);
  if (magic && !TEXTUAL.has(magic.ext)) {
    let format = formatFromPath(`x.${magic.ext}`)?.id ?? magic.ext;
    if (format === 'ole' && OLE_KINDS.has(extension)) format = formatFromPath(`x.${extension}`)!.id;
    return { format, mediaType: magic.mime, binary: true, by: 'magic' };
  }
  if (isUtf16(head)) return { format: sniffText(decodeUtf16(head)), binary: false, by: 'heuristic' };
  if (looksBinary(head)) return { format: 'binary', binary: true, by: 'heuristic' };
  return { format: sniffText(head.subarray(countBoms(head) * 3).toString('latin1')), binary: false, by: 'heuristic' };
}

function isUtf16(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

function decodeUtf16(head: Buffer): string {
  const le = head[0] === 0xff;
  const body = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
  if (!le) body.swap16();
  return body.toString('utf16le');
}

/** NUL bytes or many control characters do not occur in text files. */
function looksBinary(head: Buffer): boolean {
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > sample.length * 0.1;
}

/** The format of text from its first characters. */
export function sniffText(text: string): string {
  const t = text.trimStart();
  if (t === '') return 'empty';
  if (t[0] === '{' || t[0] === '[') {
    if (/"@context"\s*:/.test(t)) return 'jsonld';
    return GEOJSON_TYPE.test(t) ? 'geojson' : 'json';
  }
  if (t[0] === '<') return sniffMarkup(t.slice(0, 8192).toLowerCase());
  if (/^(@prefix|@base|prefix\s+\w*:)/i.test(t)) return 'turtle';
  return sniffDelimited(t);
}

function sniffMarkup(head: string): string {
  if (/<!doctype html|<html[\s>]/.test(head)) return 'html';
  if (/<rdf:rdf[\s>]/.test(head)) return 'rdf';
  for (const [tag, format] of [['kml', 'kml'], ['gpx', 'gpx'], ['rss', 'rss'], ['svg', 'svg']] as const) {
    if (new RegExp(`<${tag}[\\s>]`).test(head)) return format;
  }
  if (/<feed[\s>][^>]*w3\.org\/2005\/atom/.test(head)) return 'atom';
  if (/<(gml:|wfs:featurecollection)/.test(head)) return 'gml';
  if (/^<(head|body|div|table|p|meta|title)[\s>]/.test(head)) return 'html';
  return 'xml';
}

/** CSV when most lines split into the same number (> 1) of fields on one delimiter, else plain text. */
function sniffDelimited(t: string): string {
  const lines = t.split(/\r\n|\n|\r/).slice(0, 30);
  if (lines.length > 1) lines.pop(); // may be cut
  const filled = lines.filter((l) => l.trim() !== '');
  const delimiter = sniffDelimiter(filled.join('\n'), '');
  if (!delimiter || filled.length === 0) return 'txt';
  const freq = new Map<number, number>();
  for (const l of filled) {
    const n = countOutsideQuotes(l, delimiter) + 1;
    freq.set(n, (freq.get(n) ?? 0) + 1);
  }
  const [fields, count] = [...freq].sort((a, b) => b[1] - a[1])[0]!;
  if (fields < 2 || count < 0.6 * filled.length) return 'txt';
  return delimiter === '\t' ? 'tsv' : 'csv';
}
