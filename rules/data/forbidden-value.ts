import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { cellIsOneOf, checkList, checkOptionsSchema, findField, type FieldRef } from '../../src/knowledge/field-checks.js';
import type { FormulaValue } from '../../src/knowledge/row-formula.js';
import type { TableInfo } from '../../src/model/index.js';

interface Check {
  fieldName: string;
  values: FormulaValue[];
}
type Options = Partial<Check> & { checks?: Check[]; maxFindings: number };

interface Forbidden {
  ref: FieldRef;
  values: FormulaValue[];
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/forbidden-value',
    family: 'data',
    description: 'A field holds one of the values its publisher listed as forbidden (placeholders, test values, sentinel codes).',
    rationale:
      'Placeholders such as "TODO", "XXX" or "-999" left in a published table are read as real values by every reuser. ' +
      'Opt-in: name the field and the values (`fieldName`, `values`). Frictionless: `forbidden-value`.',
    severity: 'error',
    presets: [],
    needsRows: true,
    optionsSchema: checkOptionsSchema(
      {
        fieldName: { type: 'string', description: 'The field to check (frictionless `fieldName`).' },
        values: { type: 'array', description: 'Forbidden values; numbers match numeric cells, null matches a missing cell.', items: { type: ['string', 'number', 'boolean', 'null'] } },
      },
      ['fieldName', 'values'],
      MAX_FINDINGS_OPTION,
    ),
    defaultOptions: { maxFindings: 10 },
    messages: {
      forbidden: 'row {{row}}: "{{field}}" has a forbidden value',
      more: '{{count}} more cells have forbidden values (rows {{firstRow}} to {{lastRow}})',
      fieldMissing: 'the forbidden-value check names the field "{{field}}", which this table does not have',
    },
    equivalents: { frictionless: { forbidden: ['forbidden-value'], more: ['forbidden-value'], fieldMissing: ['check-error'] } },
  },
  create(context) {
    let table: TableInfo;
    let checks: Forbidden[] = [];
    let limit: FindingLimit;
    return {
      table(t, dist) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
        checks = [];
        for (const check of checkList(context.options, 'fieldName')) {
          const ref = findField(check.fieldName, t.header, dist.schema);
          if (ref) checks.push({ ref, values: check.values });
          else context.report({ messageId: 'fieldMissing', data: { field: check.fieldName }, location: { file: t.path }, severity: 'info' });
        }
        if (!checks.length) return false; // nothing to check in its rows
      },
      row(cells, ctx) {
        for (const { ref, values } of checks) {
          if (cellIsOneOf(cells, ref, values) < 0) continue;
          if (limit.take(ctx.row)) context.report({ messageId: 'forbidden', data: { row: ctx.row, field: ref.name }, location: { file: table.path, row: ctx.row, field: ref.name } });
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
