import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { codePointLength, integerDigits, integerText, isWideSpace, tableFields, widenHeaderless, type FieldRef } from '../../src/knowledge/field-checks.js';
import { cellAt, PROFILED_CELLS, type ProfiledRecord, type RecordFacts, type TableInfo } from '../../src/model/index.js';
import { sortedIncludes } from '../../src/util/sorted.js';

interface Options {
  stringLengths: number[];
  integerValues: (string | number)[];
  maxFindings: number;
}

/** A field with what is checked in it: text lengths (text fields), integer maxima (integer fields). */
interface Checked {
  ref: FieldRef;
  text: boolean;
  integer: boolean;
}

const TEXT = 1;
const INTEGER = 2;

function checked(ref: FieldRef): Checked {
  const type = ref.field?.type ?? (ref.field ? 'string' : undefined);
  return { ref, text: type === undefined || type === 'string', integer: type === undefined || type === 'integer' };
}

/** frictionless-py `checks/cell/truncated_value.py`: column sizes and integer maxima that clip values. */
const STRING_LENGTHS = [255];
const INTEGER_VALUES = [
  '18446744073709551616', // BigInt (2^64, as frictionless lists it)
  '9223372036854775807', // BigInt (signed)
  '4294967295', // Int (unsigned)
  '2147483647', // Int
  '2097152', // SummedInt
  '65535', // SmallInt (unsigned)
  '32767', // SmallInt
];

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/truncated-value',
    family: 'data',
    description: 'A value looks cut off by a database column limit: text exactly 255 characters long, or an integer equal to a common integer type’s maximum (32767, 2147483647...).',
    rationale:
      'Exports from databases and spreadsheets silently cut text at the column size and clip numbers at the type’s maximum; the published value is then wrong with no trace of it. ' +
      'Frictionless: `truncated-value`.',
    severity: 'warning',
    presets: [],
    needsRows: true,
    readsRecord: true,
    optionsSchema: {
      properties: {
        stringLengths: { type: 'array', items: { type: 'integer', minimum: 1 }, description: 'Text lengths (in characters) that suggest a cut (frictionless: 255).' },
        integerValues: {
          type: 'array',
          items: { type: ['string', 'integer'], pattern: '^-?\\d+$' },
          description: 'Integer values that suggest clipping, as strings to keep them exact beyond 2^53 (frictionless: the maxima of 16-, 32- and 64-bit integers).',
        },
        ...MAX_FINDINGS_OPTION,
      },
    },
    defaultOptions: { stringLengths: STRING_LENGTHS, integerValues: INTEGER_VALUES, maxFindings: 10 },
    messages: {
      string: 'row {{row}}: the value of "{{field}}" is exactly {{length}} characters long, a common column size: it was probably cut',
      integer: 'row {{row}}: the value of "{{field}}" equals {{limit}}, the maximum of a common integer type: it was probably clipped',
      more: '{{count}} more values look truncated (rows {{firstRow}} to {{lastRow}})',
    },
    equivalents: { frictionless: { string: ['truncated-value'], integer: ['truncated-value'], more: ['truncated-value'] } },
  },
  create(context) {
    const lengths = new Set(context.options.stringLengths);
    const integers = new Set(context.options.integerValues.map((v) => integerText(String(v))));
    const longest = Math.max(0, ...lengths);
    // A text of n code points has between n and 2n UTF-16 units: most cells are ruled out by length alone.
    const shortest = Math.min(...lengths);
    const fewestDigits = Math.min(...[...integers].map((d) => d!.replace('-', '').length));
    /** Shorter cells can be neither (missing values are only looked up for a match). */
    const shortestCell = Math.min(shortest, fewestDigits);
    /**
     * Lengths of the non-negative integers listed: a cell from a digit 1–9 to a digit is its own
     * digits or no integer, so it can only match at one of these lengths (no scan for the others).
     */
    const digitLengths: boolean[] = [];
    /** Those values by their length. */
    const digitsOfLength: string[][] = [];
    const plainValues: number[] = [];
    for (const d of integers) {
      if (!d || d.startsWith('-')) continue;
      digitLengths[d.length] = true;
      (digitsOfLength[d.length] ??= []).push(d);
      if (d.length <= 15) plainValues.push(+d);
    }
    /**
     * The listed values a plain integer (at most 15 digits, `ProfiledRecord.plain`) can be, as
     * numbers in ascending order (`plainListed`): a `Set`'s `has` boxed each double read from
     * `plain`, ~40 ms of a 200 MB file's integer cells.
     */
    const plainSorted = Float64Array.from(plainValues).sort();
    const smallestPlain = plainSorted.length > 0 ? plainSorted[0]! : Infinity;
    let table: TableInfo;
    let fields: Checked[] = [];
    /** Per field: its column, and what is checked in it (TEXT, INTEGER bits) — flat arrays for the row loop. */
    let columns = new Int32Array(0);
    let kinds = new Uint8Array(0);
    /**
     * With the fields in column order: the field of each of the first PROFILED_CELLS columns, and
     * the bits of those with integers checked (the profile's screen); undefined otherwise.
     */
    let byColumn: Int32Array | undefined;
    let integerColumns = 0;
    let limit: FindingLimit;
    const index = () => {
      columns = Int32Array.from(fields, (f) => f.ref.column);
      kinds = Uint8Array.from(fields, (f) => (f.text ? TEXT : 0) | (f.integer ? INTEGER : 0));
      const ordered = fields.every((f, i) => i === 0 || f.ref.column > fields[i - 1]!.ref.column);
      byColumn = ordered ? new Int32Array(PROFILED_CELLS).fill(-1) : undefined;
      integerColumns = 0;
      fields.forEach((f, i) => {
        if (!byColumn || f.ref.column >= PROFILED_CELLS) return;
        byColumn[f.ref.column] = i;
        if (f.integer) integerColumns |= 1 << f.ref.column;
      });
    };
    return {
      table(t, dist) {
        table = t;
        fields = tableFields(t.header, dist.schema).map(checked);
        index();
        limit = new FindingLimit(context.options.maxFindings);
      },
      row(_, ctx) {
        const record = ctx.record!;
        if (record.blank()) return;
        if (!ctx.table.header.length && record.width > fields.length) {
          fields = widenHeaderless(fields.map((f) => f.ref), ctx.table.header, record.width).map(checked);
          index();
        }
        const profiled = ctx.profiled;
        if (profiled !== undefined && byColumn !== undefined && profiled.longest < shortest) screened(profiled, record, ctx.row);
        else screen(record, ctx.row, 0);
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };

    /**
     * The row's cells from field `first` on: those the reader's copy of the record cannot rule
     * out (`ruledOut`) are checked.
     */
    function screen(record: RecordFacts, row: number, first: number): void {
      const { units, starts, ends, known } = record.units();
      for (let i = first; i < columns.length; i++) {
        const column = columns[i]!;
        const from = column < known ? starts[column]! : -1;
        if (from < 0 || !ruledOut(kinds[i]!, units, from, ends[column]!)) check(fields[i]!, cellAt(record, column), row);
      }
    }

    /**
     * `screen` from what the profile's walk learnt of the record (fields in column order): no cell
     * it walked is long enough for a listed length, so only its integer cells are left — a plain
     * one only when its value is listed — then the fields past those cells go to `screen`.
     */
    function screened(profiled: ProfiledRecord, record: RecordFacts, row: number): void {
      const plain = profiled.plain;
      for (let m = profiled.integers & integerColumns; m !== 0; m &= m - 1) {
        const column = 31 - Math.clz32(m & -m);
        const value = plain[column]!;
        if (value < 0 || plainListed(value)) check(fields[byColumn![column]!]!, cellAt(record, column), row);
      }
      const walked = Math.min(profiled.covered, PROFILED_CELLS);
      let first = columns.length;
      while (first > 0 && columns[first - 1]! >= walked) first--;
      if (first < columns.length) screen(record, row, first);
    }

    /** Whether the plain value `value` is one of the listed integers (most values are below them all). */
    function plainListed(value: number): boolean {
      return value >= smallestPlain && sortedIncludes(plainSorted, value);
    }

    /** Reports the cell `raw` of field `f` when it looks cut or clipped. */
    function check(f: Checked, raw: string | undefined, row: number): void {
      if (raw === undefined || raw.length < shortestCell) return;
      if (f.text && raw.length >= shortest && raw.length <= 2 * longest) {
        const length = codePointLength(raw);
        if (lengths.has(length)) {
          if (!f.ref.missing.has(raw)) report('string', row, f.ref, { length });
          return;
        }
      }
      if (f.integer && raw.length <= 24 && mayBeListed(raw.charCodeAt(0), raw.charCodeAt(raw.length - 1), raw.length)) {
        const digits = integerDigits(raw);
        if (digits !== undefined && integers.has(digits) && !f.ref.missing.has(raw)) report('integer', row, f.ref, { limit: digits });
      }
    }

    /**
     * True when the cell `units[from, to)` (an unquoted cell: its text is its value) can be neither
     * finding — `check`'s tests on the units, without the string (`kind`: TEXT, INTEGER bits).
     * Cells it cannot rule out (a listed length, digits of a listed value, signs and spaces,
     * leading zeros) go to `check`.
     */
    function ruledOut(kind: number, units: Uint16Array, from: number, to: number): boolean {
      const length = to - from;
      if (length < shortestCell) return true;
      if (kind & TEXT && length >= shortest && length <= 2 * longest) return false;
      if (!(kind & INTEGER) || length > 24) return true;
      const first = units[from]!;
      if (!mayBeListed(first, units[to - 1]!, length)) return true;
      // `integerDigits` on the units: plain digits are their own digits, a sign after a digit or
      // any other character but a sign or a space is no integer.
      for (let i = from; i < to; i++) {
        const c = units[i]!;
        if (c >= 48 && c <= 57) continue;
        if ((c === 43 || c === 45) && i > from && units[i - 1]! >= 48 && units[i - 1]! <= 57) return true;
        return !(c <= 32 || c === 43 || c === 45 || isWideSpace(c));
      }
      return first !== 48 && !listedDigits(units, from, length);
    }

    /**
     * Whether a cell of `length` units from `first` to `last` may be one of the integers listed:
     * printable ASCII other than a digit or a sign starts no integer, even trimmed (text cells); a
     * cell from a digit 1–9 to a digit is its own digits, so only of a listed length.
     */
    function mayBeListed(first: number, last: number, length: number): boolean {
      if (first > 32 && first < 127 && (first < 48 || first > 57) && first !== 43 && first !== 45) return false;
      return !(first >= 49 && first <= 57 && last >= 48 && last <= 57 && !digitLengths[length]);
    }

    /** Whether `units[from, from + length)` (digits, the first not 0) is one of the non-negative values listed. */
    function listedDigits(units: Uint16Array, from: number, length: number): boolean {
      const listed = digitsOfLength[length];
      if (listed === undefined) return false;
      for (const d of listed) {
        let k = 0;
        while (k < length && units[from + k] === d.charCodeAt(k)) k++;
        if (k === length) return true;
      }
      return false;
    }

    function report(messageId: string, row: number, ref: FieldRef, data: Record<string, string | number>): void {
      if (limit.take(row)) context.report({ messageId, data: { row, field: ref.name, ...data }, location: { file: table.path, row, field: ref.name } });
    }
  },
});
