import { defineRule } from '../../src/engine/rule-api.js';
import type { TableInfo } from '../../src/model/index.js';

interface Options {
  numRows?: number;
  minRows?: number;
  maxRows?: number;
  numFields?: number;
  minFields?: number;
  maxFields?: number;
}

const count = (description: string) => ({ type: 'integer', minimum: 0, description });

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/table-dimensions',
    family: 'data',
    description: 'A table has more or fewer rows or fields (columns) than the publisher expects.',
    rationale:
      'A table that suddenly has a tenth of its usual rows, or a column less, is an export that failed half-way; a bound on the dimensions catches it before reusers do. ' +
      'Opt-in: set the bounds (`numRows`, `minRows`, `maxRows`, `numFields`, `minFields`, `maxFields`). Frictionless: `table-dimensions`.',
    severity: 'error',
    presets: [],
    needsRows: true,
    readsRecord: true,
    optionsSchema: {
      properties: {
        numRows: count('Exact number of data rows (the header is not counted).'),
        minRows: count('Minimum number of data rows.'),
        maxRows: count('Maximum number of data rows.'),
        numFields: count('Exact number of fields (columns).'),
        minFields: count('Minimum number of fields.'),
        maxFields: count('Maximum number of fields.'),
      },
    },
    messages: {
      numFields: 'the table has {{actual}} fields, {{expected}} are required (option numFields)',
      minFields: 'the table has {{actual}} fields, the minimum is {{expected}} (option minFields)',
      maxFields: 'the table has {{actual}} fields, the maximum is {{expected}} (option maxFields)',
      numRows: 'the table has {{actual}} rows, {{expected}} are required (option numRows)',
      minRows: 'the table has {{actual}} rows, the minimum is {{expected}} (option minRows)',
      maxRows: 'the table has {{actual}} rows, the maximum is {{expected}} (option maxRows)',
    },
    equivalents: { frictionless: { '*': ['table-dimensions'] } },
  },
  create(context) {
    const o = context.options;
    const fieldsChecked = o.numFields !== undefined || o.minFields !== undefined || o.maxFields !== undefined;
    let rows = 0;
    /** Width of the table: its header, or its first row when it has none. */
    let fields: number | undefined;
    let table: TableInfo;
    const check = (kind: 'Rows' | 'Fields', actual: number, location: { file: string; row?: number }) => {
      const bounds: [string, number | undefined, (a: number, e: number) => boolean][] = [
        [`num${kind}`, o[`num${kind}`], (a, e) => a !== e],
        [`min${kind}`, o[`min${kind}`], (a, e) => a < e],
        [`max${kind}`, o[`max${kind}`], (a, e) => a > e],
      ];
      for (const [messageId, expected, broken] of bounds) {
        if (expected !== undefined && broken(actual, expected)) context.report({ messageId, data: { actual, expected }, location });
      }
    };
    return {
      table(t) {
        table = t;
        rows = 0;
        fields = t.header.length || undefined;
        if (fields !== undefined && fieldsChecked) check('Fields', fields, { file: t.path, ...(t.headerRow ? { row: t.headerRow } : {}) });
      },
      row(_, ctx) {
        rows++;
        if (fields === undefined) {
          fields = ctx.record!.width;
          if (fieldsChecked) check('Fields', fields, { file: table.path, row: ctx.row });
        }
      },
      endTable(t) {
        check('Rows', rows, { file: t.path });
      },
    };
  },
});
