import { defineRule } from '../../src/engine/rule-api.js';
import { cellIsOneOf, checkList, checkOptionsSchema, findField, type FieldRef } from '../../src/knowledge/field-checks.js';
import type { FormulaValue } from '../../src/knowledge/row-formula.js';

interface Check {
  fieldName: string;
  values: FormulaValue[];
}
type Options = Partial<Check> & { checks?: Check[] };

interface Wanted {
  ref: FieldRef;
  values: FormulaValue[];
  found: boolean[];
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/required-value',
    family: 'data',
    description: 'A value the publisher listed as required never appears in its field (a region, a year, a category every edition must have).',
    rationale:
      'A category that is missing altogether (one region, the latest year) is an incomplete extract that row-level checks cannot see. ' +
      'Opt-in: name the field and the values (`fieldName`, `values`). Frictionless: `required-value`.',
    severity: 'error',
    presets: [],
    needsRows: true,
    optionsSchema: checkOptionsSchema(
      {
        fieldName: { type: 'string', description: 'The field to check (frictionless `fieldName`).' },
        values: { type: 'array', minItems: 1, description: 'Values that must each appear at least once.', items: { type: ['string', 'number', 'boolean'] } },
      },
      ['fieldName', 'values'],
    ),
    messages: {
      missing: 'the value {{value}} never appears in "{{field}}", but it is required',
      fieldMissing: 'the required-value check names the field "{{field}}", which this table does not have',
    },
    equivalents: { frictionless: { missing: ['required-value'], fieldMissing: ['check-error'] } },
  },
  create(context) {
    let wanted: Wanted[] = [];
    return {
      table(t, dist) {
        wanted = [];
        for (const check of checkList(context.options, 'fieldName')) {
          const ref = findField(check.fieldName, t.header, dist.schema);
          if (ref) wanted.push({ ref, values: check.values, found: check.values.map(() => false) });
          else context.report({ messageId: 'fieldMissing', data: { field: check.fieldName }, location: { file: t.path }, severity: 'info' });
        }
        if (!wanted.length) return false; // nothing to check in its rows
      },
      row(cells) {
        for (const w of wanted) {
          const i = cellIsOneOf(cells, w.ref, w.values);
          if (i >= 0) w.found[i] = true;
        }
      },
      endTable(t) {
        for (const w of wanted) {
          w.values.forEach((v, i) => {
            // The value comes from the config, not from the data: it is shown as written there.
            if (!w.found[i]) context.report({ messageId: 'missing', data: { value: JSON.stringify(v), field: w.ref.name }, location: { file: t.path, field: w.ref.name } });
          });
        }
      },
    };
  },
});
