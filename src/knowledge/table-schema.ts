/**
 * Frictionless Table Schema semantics (v1, with the v2 relaxations that are unambiguous):
 * whether a cell is missing, whether it is a valid value of its field's type, and whether it
 * meets the field's constraints (all but `unique`, which needs memory across rows: the rule keeps
 * that). https://specs.frictionlessdata.io/table-schema/
 */
import { locate, type Distribution, type SourceLocation, type TableSchema, type TableSchemaField } from '../model/index.js';
import { userPattern, type UserPattern } from './user-pattern.js';
import { datesAndTimesExist } from './iso-8601.js';

export type Cast = { ok: true; value: unknown } | { ok: false };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS = new Set(['NaN', 'INF', '-INF']);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$/;
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const YEAR = /^-?\d{4}$/;
const YEARMONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];

export function missingValues(schema: TableSchema): string[] {
  return Array.isArray(schema.missingValues) ? schema.missingValues.map(String) : [''];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A strptime-like pattern (`%d/%m/%Y`) as a regular expression, run by RE2: a format such as
 * `%d%d%d…` would otherwise backtrack exponentially on a long run of digits.
 */
function strptime(pattern: string): UserPattern {
  const parts: Record<string, string> = { d: '\\d{1,2}', m: '\\d{1,2}', Y: '\\d{4}', y: '\\d{2}', H: '\\d{1,2}', M: '\\d{2}', S: '\\d{2}', b: '\\p{L}+', B: '\\p{L}+', f: '\\d+', z: '(?:[+-]\\d{4}|Z)', '%': '%' };
  return userPattern(pattern.split(/(%.)/).map((p) => (p.startsWith('%') && p.length === 2 ? parts[p[1]!] ?? escape(p) : escape(p))).join(''));
}

/** A number written with the field's decimal and group characters, or with units around it when `bareNumber` is false. */
function castNumber(field: TableSchemaField, value: string, integer: boolean): Cast {
  let v = value;
  if (field.bareNumber === false) v = v.replace(/^[^\d+.-]+|[^\d.]+$/g, '');
  if (typeof field.groupChar === 'string' && field.groupChar) v = v.split(field.groupChar).join('');
  if (!integer && typeof field.decimalChar === 'string' && field.decimalChar !== '.') v = v.replace(field.decimalChar, '.');
  if (integer) return INTEGER.test(v) ? { ok: true, value: Number(v) } : { ok: false };
  if (SPECIAL_NUMBERS.has(v)) return { ok: true, value: v === 'NaN' ? NaN : v === 'INF' ? Infinity : -Infinity };
  return NUMBER.test(v) ? { ok: true, value: Number(v) } : { ok: false };
}

function castJson(value: string, kind: 'object' | 'array'): Cast {
  try {
    const v = JSON.parse(value) as unknown;
    const ok = kind === 'array' ? Array.isArray(v) : typeof v === 'object' && v !== null && !Array.isArray(v);
    return ok ? { ok: true, value: v } : { ok: false };
  } catch {
    return { ok: false };
  }
}

function castGeopoint(field: TableSchemaField, value: string): Cast {
  let pair: unknown[] | undefined;
  if (field.format === 'array') pair = castJson(value, 'array').ok ? (JSON.parse(value) as unknown[]) : undefined;
  else if (field.format === 'object') {
    const o = castJson(value, 'object');
    pair = o.ok ? [(o.value as Record<string, unknown>).lon, (o.value as Record<string, unknown>).lat] : undefined;
  } else pair = value.split(',').map((s) => s.trim());
  if (!pair || pair.length !== 2) return { ok: false };
  const [lon, lat] = pair.map(Number) as [number, number];
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? { ok: true, value: [lon, lat] } : { ok: false };
}

/** A cell of the shape `re`, and (`exists`) one that names something real (`2023-02-29` does not). */
function matches(re: RegExp | UserPattern, value: string, exists: (value: string) => boolean = () => true): Cast {
  const ok = re instanceof RegExp ? re.test(value) : re.ok && re.matches(value);
  return ok && exists(value) ? { ok: true, value } : { ok: false };
}

/** Casts a non-missing cell to its field's type; `ok: false` is a Frictionless `type-error`. Unknown types accept anything. */
export function castCell(field: TableSchemaField, value: string): Cast {
  const format = typeof field.format === 'string' ? field.format : 'default';
  switch (field.type ?? 'string') {
    case 'string':
      if (format === 'email') return matches(EMAIL, value);
      if (format === 'uri') return matches(/^[a-z][a-z0-9+.-]*:\S+$/i, value);
      if (format === 'uuid') return matches(UUID, value);
      return { ok: true, value };
    case 'integer':
      return castNumber(field, value, true);
    case 'number':
      return castNumber(field, value, false);
    case 'boolean': {
      const t = Array.isArray(field.trueValues) ? field.trueValues.map(String) : DEFAULT_TRUE;
      const f = Array.isArray(field.falseValues) ? field.falseValues.map(String) : DEFAULT_FALSE;
      return t.includes(value) ? { ok: true, value: true } : f.includes(value) ? { ok: true, value: false } : { ok: false };
    }
    case 'date':
      if (format === 'default') return matches(DATE, value, datesAndTimesExist);
      if (format === 'any') return Number.isNaN(Date.parse(value)) && !/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value) ? { ok: false } : { ok: true, value };
      return matches(strptime(format), value);
    case 'time':
      return format === 'default' || format === 'any' ? matches(TIME, value) : matches(strptime(format), value);
    case 'datetime':
      if (format === 'default') return matches(DATETIME, value, datesAndTimesExist);
      if (format === 'any') return Number.isNaN(Date.parse(value)) ? { ok: false } : { ok: true, value };
      return matches(strptime(format), value);
    case 'year':
      return YEAR.test(value) ? { ok: true, value: Number(value) } : { ok: false };
    case 'yearmonth':
      return matches(YEARMONTH, value);
    case 'duration':
      return matches(DURATION, value);
    case 'object':
      return castJson(value, 'object');
    case 'array':
      return castJson(value, 'array');
    case 'geojson':
      return castJson(value, 'object');
    case 'geopoint':
      return castGeopoint(field, value);
    default:
      return { ok: true, value };
  }
}

export type ConstraintName = 'required' | 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'pattern' | 'enum';

/**
 * Why a field's `pattern` cannot be checked (invalid, or needing backtracking: a backreference,
 * a lookaround), or undefined when it can. Such a pattern is a problem of the schema; the cells
 * are not held against it.
 */
export function patternProblem(field: TableSchemaField): string | undefined {
  const source = field.constraints?.pattern;
  if (typeof source !== 'string') return undefined;
  const re = userPattern(source);
  return re.ok ? undefined : re.reason;
}

/**
 * Why a field's `pattern` is not a regular expression at all (neither RE2, nor JavaScript with or
 * without Unicode mode, accepts it), or undefined. Patterns that JavaScript accepts but RE2 cannot
 * run in linear time (backreferences, lookaround) are `patternProblem`s, not invalid.
 */
export function invalidPattern(field: TableSchemaField): string | undefined {
  const reason = patternProblem(field);
  if (reason === undefined) return undefined;
  const source = field.constraints!.pattern as string;
  for (const flags of ['u', '']) {
    try {
      new RegExp(source, flags);
      return undefined;
    } catch {
      // invalid in this mode too
    }
  }
  return reason;
}

/** Comparable form of a bound or a value: numbers as numbers, dates and times as their ISO text. */
function comparable(field: TableSchemaField, v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  if (['integer', 'number', 'year'].includes(field.type ?? '')) return Number(v);
  return v;
}

/**
 * The first constraint a present, well-typed value breaks (besides `unique`), or undefined.
 * `cast` is the result of `castCell` on `raw`.
 */
export function brokenConstraint(field: TableSchemaField, raw: string, cast: unknown): ConstraintName | undefined {
  const c = field.constraints;
  if (!c) return undefined;
  const length = typeof cast === 'string' ? [...cast].length : Array.isArray(cast) ? cast.length : cast && typeof cast === 'object' ? Object.keys(cast).length : undefined;
  if (typeof c.minLength === 'number' && length !== undefined && length < c.minLength) return 'minLength';
  if (typeof c.maxLength === 'number' && length !== undefined && length > c.maxLength) return 'maxLength';
  const value = comparable(field, cast);
  const min = comparable(field, c.minimum);
  const max = comparable(field, c.maximum);
  if (min !== undefined && value !== undefined && typeof value === typeof min && value < min) return 'minimum';
  if (max !== undefined && value !== undefined && typeof value === typeof max && value > max) return 'maximum';
  if (typeof c.pattern === 'string') {
    const re = userPattern(c.pattern);
    if (re.ok && !re.matches(raw)) return 'pattern';
  }
  if (Array.isArray(c.enum) && !c.enum.some((e) => e === cast || String(e) === raw)) return 'enum';
  return undefined;
}

export type FieldsMatch = 'exact' | 'equal' | 'subset' | 'superset' | 'partial';
const FIELDS_MATCH: readonly string[] = ['exact', 'equal', 'subset', 'superset', 'partial'];

/** Table Schema v2 `fieldsMatch`: `exact` (the default, also for unknown values) maps by position, the others by name. */
export function fieldsMatch(schema: TableSchema): FieldsMatch {
  return FIELDS_MATCH.includes(schema.fieldsMatch as string) ? (schema.fieldsMatch as FieldsMatch) : 'exact';
}

/**
 * The column index each schema field reads: by name when the header has it, else by position
 * (only with `fieldsMatch: exact`: the other modes map by name alone).
 */
export function fieldColumns(schema: TableSchema, header: readonly string[]): (number | undefined)[] {
  const names = header.map((h) => h.trim());
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  const byPosition = fieldsMatch(schema) === 'exact' || header.length === 0;
  return schema.fields.map((f, i) => {
    const byName = names.indexOf(f.name);
    if (byName >= 0) return byName;
    if (!byPosition) return undefined;
    // Frictionless v1 matches by position; never take a column another field claims by name.
    return header.length === 0 || (i < header.length && !fieldNames.has(names[i]!)) ? i : undefined;
  });
}

/**
 * Where a part of a distribution's Table Schema is written (`path` such as `/fields/2/type`):
 * inside an inline schema, at that pointer; in a schema file named by reference, at the reference.
 */
export function schemaLocation(dist: Distribution, path: string): SourceLocation {
  const at = locate(dist, 'schema');
  return dist.extras.schemaRef === undefined && at.pointer !== undefined ? { ...at, pointer: `${at.pointer}${path}` } : at;
}
