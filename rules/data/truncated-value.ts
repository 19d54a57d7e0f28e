import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { codePointLength, integerText, tableFields, widenHeaderless, type FieldRef } from '../../src/knowledge/field-checks.js';
import { isBlankRow, type TableInfo } from '../../src/model/index.js';

interface Options {
  stringLengths: number[];
  integerValues: (string | number)[];
  maxFindings: number;
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
    let table: TableInfo;
    let fields: FieldRef[] = [];
    let limit: FindingLimit;
    return {
      table(t, dist) {
        table = t;
        fields = tableFields(t.header, dist.schema);
        limit = new FindingLimit(context.options.maxFindings);
      },
      row(cells, ctx) {
        if (isBlankRow(cells)) return;
        if (!ctx.table.header.length) fields = widenHeaderless(fields, ctx.table.header, cells.length);
        for (const ref of fields) {
          const raw = cells[ref.column];
          if (raw === undefined || raw === '' || ref.missing.has(raw)) continue;
          const type = ref.field?.type ?? (ref.field ? 'string' : undefined);
          // A text of n code points has between n and 2n UTF-16 units: most cells are ruled out by length alone.
          if ((type === undefined || type === 'string') && raw.length <= 2 * longest && lengths.has(codePointLength(raw))) {
            report('string', ctx.row, ref, { length: codePointLength(raw) });
          } else if ((type === undefined || type === 'integer') && raw.length <= 24) {
            const digits = integerText(raw);
            if (digits !== undefined && integers.has(digits)) report('integer', ctx.row, ref, { limit: digits });
          }
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };

    function report(messageId: string, row: number, ref: FieldRef, data: Record<string, string | number>): void {
      if (limit.take(row)) context.report({ messageId, data: { row, field: ref.name, ...data }, location: { file: table.path, row, field: ref.name } });
    }
  },
});
