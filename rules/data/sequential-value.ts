import { defineRule } from '../../src/engine/rule-api.js';
import { cellValue, checkList, checkOptionsSchema, findField, type FieldRef } from '../../src/knowledge/field-checks.js';
import type { FormulaValue } from '../../src/knowledge/row-formula.js';
import { isBlankRow, type TableInfo } from '../../src/model/index.js';

interface Check {
  fieldName: string;
}
type Options = Partial<Check> & { checks?: Check[] };

interface Sequence {
  ref: FieldRef;
  /** The value the next row must have; undefined before the first row. */
  next?: number;
  /** After the first break the field is no longer followed (frictionless reports one break). */
  broken: boolean;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/sequential-value',
    family: 'data',
    description: 'A field that should count up by one from row to row (an id, a line number) skips, repeats or is not a number.',
    rationale:
      'A gap or a repeat in a running number shows rows lost, duplicated or reordered on the way from the source system. ' +
      'Opt-in: name the field (`fieldName`). Frictionless: `sequential-value`.',
    severity: 'warning',
    presets: [],
    needsRows: true,
    optionsSchema: checkOptionsSchema({ fieldName: { type: 'string', description: 'The field whose values must be sequential (frictionless `fieldName`).' } }, ['fieldName']),
    messages: {
      notSequential: 'row {{row}}: "{{field}}" is not sequential (expected {{expected}}); later rows of this field are not checked',
      notNumber: 'row {{row}}: "{{field}}" is not sequential: the value is missing or not a number; later rows of this field are not checked',
      fieldMissing: 'the sequential-value check names the field "{{field}}", which this table does not have',
    },
    equivalents: { frictionless: { notSequential: ['sequential-value'], notNumber: ['sequential-value'], fieldMissing: ['check-error'] } },
  },
  create(context) {
    let table: TableInfo;
    let sequences: Sequence[] = [];
    return {
      table(t, dist) {
        table = t;
        sequences = [];
        for (const check of checkList(context.options, 'fieldName')) {
          const ref = findField(check.fieldName, t.header, dist.schema);
          if (ref) sequences.push({ ref, broken: false });
          else context.report({ messageId: 'fieldMissing', data: { field: check.fieldName }, location: { file: t.path }, severity: 'info' });
        }
        if (!sequences.length) return false; // nothing to check in its rows
      },
      row(cells, ctx) {
        if (isBlankRow(cells)) return; // data/blank-rows
        for (const s of sequences) {
          if (s.broken) continue;
          const value: FormulaValue = cellValue(cells, s.ref);
          const at = { file: table.path, row: ctx.row, field: s.ref.name };
          if (typeof value !== 'number' || !Number.isFinite(value)) {
            s.broken = true;
            context.report({ messageId: 'notNumber', data: { row: ctx.row, field: s.ref.name }, location: at });
          } else if (s.next !== undefined && value !== s.next) {
            s.broken = true;
            context.report({ messageId: 'notSequential', data: { row: ctx.row, field: s.ref.name, expected: s.next }, location: at });
          } else s.next = value + 1;
        }
      },
    };
  },
});
