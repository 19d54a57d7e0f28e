import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { cellValue, checkList, checkOptionsSchema, findField, type FieldRef } from '../../src/knowledge/field-checks.js';
import { NumberColumn, type Average } from '../../src/knowledge/number-column.js';
import type { TableInfo } from '../../src/model/index.js';

interface Check {
  fieldName: string;
  interval?: number;
  average?: Average;
}
type Options = Partial<Check> & { checks?: Check[]; maxFindings: number; maxValues: number };

interface Followed {
  ref: FieldRef;
  interval: number;
  average: Average;
  numbers: NumberColumn;
  /** Present cells that are not numbers (a text column, without a schema). */
  other: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/deviated-value',
    family: 'data',
    description: 'A number lies more than `interval` standard deviations from the average (mean, median or mode) of its field.',
    rationale:
      'An outlier is often a typing or unit error (a temperature of 100 among values of 0 to 8, an amount in cents among amounts in euros) that skews every statistic computed from the table. ' +
      'Opt-in: name the numeric field (`fieldName`). Frictionless: `deviated-value`.',
    severity: 'warning',
    presets: [],
    needsRows: true,
    optionsSchema: checkOptionsSchema(
      {
        fieldName: { type: 'string', description: 'The numeric field to check (frictionless `fieldName`).' },
        interval: { type: 'number', exclusiveMinimum: 0, description: 'How many standard deviations from the average a value may lie (default 3).' },
        average: { enum: ['mean', 'median', 'mode'], description: 'The centre: mean (default), median or mode.' },
      },
      ['fieldName'],
      {
        ...MAX_FINDINGS_OPTION,
        maxValues: { type: 'integer', minimum: 2, description: 'Values kept per field (12 bytes each); later values are not checked, and a finding says so.' },
      },
    ),
    defaultOptions: { maxFindings: 10, maxValues: 1_000_000 },
    messages: {
      deviated: 'row {{row}}: the value of "{{field}}" lies outside {{interval}} standard deviations of the {{average}} [{{minimum}}, {{maximum}}]',
      more: '{{count}} more values of "{{field}}" are deviated (rows {{firstRow}} to {{lastRow}})',
      partial: 'only the first {{maxValues}} values of "{{field}}" were kept (option maxValues): rows from {{row}} on are not checked',
      fieldMissing: 'the deviated-value check names the field "{{field}}", which this table does not have',
      notNumeric: 'the deviated-value check needs a numeric field, and "{{field}}" is not one',
    },
    equivalents: { frictionless: { deviated: ['deviated-value'], more: ['deviated-value'], fieldMissing: ['check-error'], notNumeric: ['check-error'] } },
  },
  create(context) {
    let table: TableInfo;
    let followed: Followed[] = [];
    return {
      table(t, dist) {
        table = t;
        followed = [];
        for (const check of checkList(context.options, 'fieldName')) {
          const ref = findField(check.fieldName, t.header, dist.schema);
          const location = { file: t.path };
          if (!ref) context.report({ messageId: 'fieldMissing', data: { field: check.fieldName }, location, severity: 'info' });
          else if (ref.field && !['integer', 'number'].includes(ref.field.type ?? 'string')) context.report({ messageId: 'notNumeric', data: { field: ref.name }, location });
          else followed.push({ ref, interval: check.interval ?? 3, average: check.average ?? 'mean', numbers: new NumberColumn(context.options.maxValues), other: 0 });
        }
        if (!followed.length) return false; // nothing to check in its rows
      },
      row(cells, ctx) {
        for (const f of followed) {
          const v = cellValue(cells, f.ref);
          if (typeof v === 'number' && Number.isFinite(v)) f.numbers.add(v, ctx.row);
          else if (v !== null) f.other++;
        }
      },
      endTable(t) {
        for (const f of followed) {
          const field = f.ref.name;
          if (f.numbers.length === 0 && f.other > 0) {
            context.report({ messageId: 'notNumeric', data: { field }, location: { file: t.path } });
            continue;
          }
          if (f.numbers.droppedFrom !== undefined) {
            context.report({ messageId: 'partial', data: { field, maxValues: context.options.maxValues, row: f.numbers.droppedFrom }, location: { file: t.path, row: f.numbers.droppedFrom } });
          }
          const range = f.numbers.range(f.average, f.interval);
          if (!range) continue;
          const limit = new FindingLimit(context.options.maxFindings);
          const data = { field, interval: f.interval, average: f.average, minimum: range.minimum.toFixed(2), maximum: range.maximum.toFixed(2) };
          f.numbers.forEach((value, row) => {
            if (value >= range.minimum && value <= range.maximum) return;
            if (limit.take(row)) context.report({ messageId: 'deviated', data: { row, ...data }, location: { file: table.path, row, field } });
          });
          const more = limit.overflow();
          if (more) context.report({ messageId: 'more', data: { ...more, field }, location: { file: t.path, row: more.firstRow } });
        }
      },
    };
  },
});
