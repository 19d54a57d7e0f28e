/**
 * Geographic coordinates and their precision. Four decimals of a degree are about 11 m: enough
 * to point at a house, so precise coordinates next to people locate them (EDPB guidelines on
 * location data; CNIL on geolocated open data).
 */
import { cellAt, type RecordCells } from '../../model/index.js';
import { maskCoordinate } from './masking.js';
import type { ColumnRole, TableProfile } from './table-profile.js';

/** Number of decimals written in a numeric text (`50.8466` → 4, `4,35` → 2). */
export function decimalsOf(text: string): number {
  const m = /^-?\d{1,3}[.,](\d+)$/.exec(text.trim());
  return m ? m[1]!.length : 0;
}

export interface Point {
  lat: number;
  lon: number;
  /** The smaller number of decimals of the two coordinates. */
  decimals: number;
}

const num = (t: string) => Number(t.replace(',', '.'));

/** A latitude or longitude value written as a decimal degree, within `limit`. */
export function degree(text: string, limit: 90 | 180): number | undefined {
  const t = text.trim();
  if (!/^-?\d{1,3}([.,]\d+)?$/.test(t)) return undefined;
  const v = num(t);
  return Math.abs(v) <= limit ? v : undefined;
}

/**
 * A point written in one cell: `50.8466, 4.3528` (lat, lon), `POINT (4.3528 50.8466)`
 * (WKT: lon lat) or `{"lon": 4.3528, "lat": 50.8466}` (GeoJSON-like / Table Schema geopoint).
 */
export function parsePoint(text: string): Point | undefined {
  const t = text.trim();
  let lat: string | undefined;
  let lon: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^\[?\s*(-?\d{1,2}\.\d+)\s*[,;]\s*(-?\d{1,3}\.\d+)\s*\]?$/.exec(t))) [lat, lon] = [m[1], m[2]];
  else if ((m = /^POINT\s*\(\s*(-?\d{1,3}\.\d+)\s+(-?\d{1,2}\.\d+)\s*\)$/i.exec(t))) [lon, lat] = [m[1], m[2]];
  else if (t.startsWith('{')) {
    const la = /"lat(?:itude)?"\s*:\s*(-?\d+(?:\.\d+)?)/.exec(t);
    const lo = /"(?:lon|lng|longitude)"\s*:\s*(-?\d+(?:\.\d+)?)/.exec(t);
    if (la && lo) [lat, lon] = [la[1], lo[1]];
  }
  if (lat === undefined || lon === undefined) return undefined;
  const a = degree(lat, 90);
  const o = degree(lon, 180);
  if (a === undefined || o === undefined) return undefined;
  return { lat: a, lon: o, decimals: Math.min(decimalsOf(lat), decimalsOf(lon)) };
}

/** Coordinates at house level: at least 4 decimals of a degree. */
export const PRECISE_DECIMALS = 4;

/** Where points are read in a table: a latitude/longitude column pair, or one column of points. */
export interface PointSource {
  columns: ColumnRole[];
  read(cells: RecordCells): { decimals: number; text: string } | undefined;
  /** Points read (at most the sample size), those with `PRECISE_DECIMALS` or more, rows and a masked sample of those. */
  sampled: number;
  precise: number;
  rows: number[];
  sample?: string;
}

function pairSource(lat: ColumnRole, lon: ColumnRole): PointSource {
  return {
    columns: [lat, lon],
    read(cells) {
      const a = cellAt(cells, lat.index)?.trim() ?? '';
      const o = cellAt(cells, lon.index)?.trim() ?? '';
      if (degree(a, 90) === undefined || degree(o, 180) === undefined) return undefined;
      return { decimals: Math.min(decimalsOf(a), decimalsOf(o)), text: `${a}, ${o}` };
    },
    sampled: 0,
    precise: 0,
    rows: [],
  };
}

function pointSource(column: ColumnRole): PointSource {
  return {
    columns: [column],
    read(cells) {
      const text = cellAt(cells, column.index)?.trim() ?? '';
      const p = parsePoint(text);
      return p && { decimals: p.decimals, text: `${p.lat}, ${p.lon}` };
    },
    sampled: 0,
    precise: 0,
    rows: [],
  };
}

/**
 * The first `size` points of each source of a table (latitude/longitude pairs, in column order,
 * then columns of points) and how many are precise. A part of the personal-data scan: it leaves
 * the scan's rows once every source has its sample.
 */
export class PointSample {
  readonly sources: readonly PointSource[];

  constructor(
    profile: TableProfile,
    private readonly size: number,
  ) {
    const lats = profile.of('latitude');
    const lons = profile.of('longitude');
    this.sources = [...lats.flatMap((lat, i) => (lons[i] ? [pairSource(lat, lons[i])] : [])), ...profile.of('coordinates').map(pointSource)];
  }

  row(cells: RecordCells, row: number): void {
    for (const s of this.sources) {
      if (s.sampled >= this.size) continue;
      const point = s.read(cells);
      if (!point) continue;
      s.sampled++;
      if (point.decimals < PRECISE_DECIMALS) continue;
      s.precise++;
      if (s.rows.length < 5) s.rows.push(row);
      s.sample ??= maskCoordinate(point.text);
    }
  }

  /** Every source has its sample (or there is none): later rows change nothing. */
  get done(): boolean {
    return this.sources.every((s) => s.sampled >= this.size);
  }
}
