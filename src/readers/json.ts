import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_LIMITS, LimitExceeded, type GeoJsonFacts, type JsonSummaryFacts, type TableInfo } from '../model/index.js';
import { JsonSyntaxChecker, JsonSyntaxError } from './json-syntax.js';
import { DataFileError, type Reader, type TableSink, type ReadOptions } from './types.js';

/** GeoJSON structure is checked on files up to this size (parsed in memory: ~10× the size); syntax always. */
export const GEOJSON_CHECK_LIMIT = 10 * 1024 * 1024;

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
const GEOJSON_TYPES = new Set(['FeatureCollection', 'Feature', ...GEOMETRY_TYPES]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks a geometry's coordinates; false when they are not arrays of 2–3 numbers at the right depth. */
function checkGeometry(g: Json, outOfRange: () => void): boolean {
  if (g === null) return true; // an unlocated feature is allowed
  if (!isObject(g) || typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) return false;
  if (g.type === 'GeometryCollection') return Array.isArray(g.geometries) && g.geometries.every((x) => checkGeometry(x, outOfRange));
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[g.type]!;
  const walk = (c: Json, d: number): boolean => {
    if (!Array.isArray(c)) return false;
    if (d > 0) return c.every((x) => walk(x, d - 1));
    if (c.length < 2 || c.length > 3 || !c.every((n) => typeof n === 'number')) return false;
    const [lon, lat] = c as number[];
    if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) outOfRange();
    return true;
  };
  return walk(g.coordinates ?? null, depth);
}

export function geoJsonFacts(doc: Json): GeoJsonFacts {
  const facts: GeoJsonFacts = { features: 0, invalid: { count: 0, first: 0 }, outOfRange: { count: 0, first: 0 }, crs: false };
  if (!isObject(doc)) return facts;
  if (typeof doc.type === 'string') facts.type = doc.type;
  facts.crs = 'crs' in doc;
  const features: Json[] = doc.type === 'FeatureCollection' ? (Array.isArray(doc.features) ? doc.features : []) : doc.type === 'Feature' ? [doc] : [];
  facts.features = features.length;
  const tally = (t: { count: number; first: number }, index: number) => {
    if (t.count++ === 0) t.first = index;
  };
  features.forEach((f, i) => {
    let projected = false;
    const ok = isObject(f) && f.type === 'Feature' && 'geometry' in f && checkGeometry(f.geometry!, () => (projected = true));
    if (!ok) tally(facts.invalid, i + 1);
    if (projected) tally(facts.outOfRange, i + 1);
  });
  if (doc.type && GEOMETRY_TYPES.has(doc.type as string)) {
    let projected = false;
    if (!checkGeometry(doc, () => (projected = true))) tally(facts.invalid, 1);
    if (projected) tally(facts.outOfRange, 1);
  }
  return facts;
}

/**
 * JSON and GeoJSON files: syntax checked in one streaming pass (any size); GeoJSON structure
 * and coordinate ranges checked when the file is small enough to parse. No rows.
 */
export const jsonReader: Reader = {
  name: 'json',
  extensions: ['.geojson'],
  formats: ['json', 'geojson', 'jsonld'],
  async read(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
    const info: TableInfo = { path: file, file: options.file, reader: 'json', encoding: 'UTF-8', header: [], headerRow: 0, facts: {} };
    sink.table(info);
    const { size } = await stat(file);
    const keep = size <= GEOJSON_CHECK_LIMIT;
    const checker = new JsonSyntaxChecker((options.limits ?? DEFAULT_LIMITS).depth);
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
        options.onBytes?.(chunk);
        const text = decoder.write(chunk);
        checker.write(text);
        if (keep) parts.push(text);
        options.clock?.check();
      }
      const tail = decoder.end();
      checker.write(tail);
      checker.end();
      parts.push(tail);
    } catch (err) {
      if (err instanceof LimitExceeded) throw err;
      if (err instanceof JsonSyntaxError) throw new DataFileError(`invalid JSON at line ${err.line}, column ${err.column}: ${err.message}`, { line: err.line });
      throw new DataFileError(`cannot read: ${(err as Error).message}`);
    }
    const facts: JsonSummaryFacts['json'] = { topLevel: checker.topLevel ?? 'scalar' };
    if (keep) {
      const doc = JSON.parse(parts.join('').replace(/^\uFEFF/, '')) as Json;
      // GeoJSON by its type, or by its name (then a missing or wrong type is worth reporting).
      if (isObject(doc) && (GEOJSON_TYPES.has(String(doc.type)) || /\.geojson$/i.test(file))) facts.geojson = geoJsonFacts(doc);
    } else {
      facts.structureSkipped = true;
    }
    sink.end({ rows: 0, bytes: size, facts: { json: facts } });
  },
};
