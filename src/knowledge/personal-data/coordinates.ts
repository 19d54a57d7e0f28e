/**
 * Geographic coordinates and their precision. Four decimals of a degree are about 11 m: enough
 * to point at a house, so precise coordinates next to people locate them (EDPB guidelines on
 * location data; CNIL on geolocated open data).
 */

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
