/**
 * What frictionless's opt-in checks share (`sequential-value`, `forbidden-value`, `row-constraint`...):
 * the field a check names, found in the table, and the typed value of a cell as frictionless sees it
 * (cast by the Table Schema field when there is one; without a schema, inferred cell by cell).
 * https://framework.frictionlessdata.io/docs/checks/cell.html
 */
import type { TableSchema, TableSchemaField } from '../model/index.js';
import { castCell, fieldColumns, missingValues } from './table-schema.js';
import { isWideSpace } from './code-points.js';
import { pyEquals, type FormulaValue } from './row-formula.js';

/** A field of the table being read: its column, and its schema field when the table has a schema. */
export interface FieldRef {
  name: string;
  column: number;
  field?: TableSchemaField;
  missing: ReadonlySet<string>;
}

/** Every field of the table: the schema's fields found in the header, else the header's cells. */
export function tableFields(header: readonly string[], schema?: TableSchema): FieldRef[] {
  if (schema?.fields?.length) {
    const missing = new Set(missingValues(schema));
    const columns = fieldColumns(schema, header);
    return schema.fields.flatMap((field, i) => (columns[i] === undefined ? [] : [{ name: field.name, column: columns[i]!, field, missing }]));
  }
  const missing = new Set(['']);
  return header.map((h, column) => ({ name: h.trim(), column, missing }));
}

/**
 * The columns of a table without a header (and without a schema) as far as `width`, named by
 * their 1-based number as the other data rules name them; `fields` are those known so far.
 */
export function widenHeaderless(fields: FieldRef[], header: readonly string[], width: number): FieldRef[] {
  if (header.length > 0 || width <= fields.length) return fields;
  const missing = new Set(['']);
  return Array.from({ length: width }, (_, column) => fields[column] ?? { name: String(column + 1), column, missing });
}

/** The named field, or undefined when the table has no such field (frictionless: `check-error`). */
export function findField(name: string, header: readonly string[], schema?: TableSchema): FieldRef | undefined {
  return tableFields(header, schema).find((f) => f.name === name);
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The cell's value as frictionless's checks see it: null when missing (or not valid for its schema
 * type: that is a `type-error`, reported by data/schema-type-error), else the cast value. Without a
 * schema, numbers and true/false are inferred per cell (frictionless infers per column from a
 * sample; declare a Table Schema for exact types).
 */
export function cellValue(cells: readonly string[], ref: FieldRef): FormulaValue {
  const raw = cells[ref.column];
  if (raw === undefined || ref.missing.has(raw)) return null;
  if (ref.field) {
    const cast = castCell(ref.field, raw);
    if (!cast.ok) return null;
    return plain(cast.value, raw);
  }
  const v = raw.trim();
  if (INTEGER.test(v) || NUMBER.test(v)) return Number(v);
  if (v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === 'false' || v === 'False' || v === 'FALSE') return false;
  return raw;
}

function plain(v: unknown, raw: string): FormulaValue {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' || x === null)) return v as FormulaValue[];
  return raw;
}

/**
 * Whether a cell is one of the values a check lists. Frictionless compares the cast value (`id`
 * 2 with `values: [2]`); a string in the list also matches the cell as written, so that
 * `values: ["2"]` works without a Table Schema too. null matches a missing cell.
 */
export function cellIsOneOf(cells: readonly string[], ref: FieldRef, values: readonly FormulaValue[]): number {
  const value = cellValue(cells, ref);
  const raw = cells[ref.column];
  return values.findIndex((v) => pyEquals(value, v) || (typeof v === 'string' && raw === v));
}

/** Whether a field's missing values hold more than the empty cell: only then is a non-empty cell looked up (a lookup hashes the cell). */
export function missingBeyondEmpty(ref: FieldRef): boolean {
  return ref.missing.size > (ref.missing.has('') ? 1 : 0);
}

/** True when the field holds text: a schema field of type string (the default type), or any column without a schema. */
export function isTextField(ref: FieldRef): boolean {
  return !ref.field || (ref.field.type ?? 'string') === 'string';
}

/** The digits of an integer cell without sign noise (`+007` → `7`), for exact comparison beyond 2^53. */
export function integerText(raw: string): string | undefined {
  const v = raw.trim();
  if (!INTEGER.test(v)) return undefined;
  const negative = v.startsWith('-');
  const digits = v.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/**
 * `integerText(raw)`, with a scan instead of a regular expression for the common cells
 * (data/truncated-value runs it on every short cell): plain digits are their own digits (without
 * leading zeros); any other character but a sign or a space rules the cell out, and so does a sign
 * after a digit. Cells with signs or spaces take `integerText`. The tests hold the two to each other.
 */
export function integerDigits(raw: string): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    // A sign after a digit (a date, a range) is no integer: no regular expression for it.
    if ((c === 43 || c === 45) && i > 0 && raw.charCodeAt(i - 1) >= 48 && raw.charCodeAt(i - 1) <= 57) return undefined;
    if (c <= 32 || c === 43 || c === 45 || isWideSpace(c)) return integerText(raw);
    return undefined;
  }
  return raw.length > 0 && raw.charCodeAt(0) !== 48 ? raw : integerText(raw);
}

export { codePointLength, isWideSpace } from './code-points.js';

/**
 * A rule's checks: frictionless configures one check per field (`fieldName`: ...); odlint takes
 * that one at the top level of the rule's options, and more of the same kind in `checks`.
 */
export function checkList<T extends object>(options: Partial<T> & { checks?: T[] }, key: keyof T): T[] {
  // The schema's dependentRequired makes a top-level check complete when its key is set.
  const top = options[key] !== undefined ? [options as T] : [];
  return [...top, ...(options.checks ?? [])];
}

/** Options schema for such a rule: one check's properties at the top level and in `checks` items. */
export function checkOptionsSchema(properties: Record<string, unknown>, required: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    // A check's options come together: `fieldName` without `values` would check nothing, silently.
    ...(required.length > 1 ? { dependentRequired: Object.fromEntries(required.map((r) => [r, required.filter((x) => x !== r)])) } : {}),
    properties: {
      ...properties,
      checks: {
        type: 'array',
        description: 'More checks of this kind (e.g. on other fields), each with the options above.',
        items: { type: 'object', additionalProperties: false, required, properties },
      },
      ...extra,
    },
  };
}
