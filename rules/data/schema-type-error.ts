import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { castCell, fieldColumns, missingValues } from '../../src/knowledge/table-schema.js';
import type { TableInfo, TableSchemaField } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
}

interface Checked {
  field: TableSchemaField;
  column: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/schema-type-error',
    family: 'data',
    description: 'A cell is not a valid value of the type its Table Schema field declares (e.g. "12,5" in a number field).',
    rationale:
      'The schema promises every reader a type; one bad cell fails the whole load in typed tools (databases, pandas with dtypes, Frictionless). ' +
      'Frictionless: `type-error`; csvlint: `invalid_type` (with a schema).',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { type: ['type-error'] }, csvlint: { type: ['invalid_type'] } },
    needsRows: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    messages: {
      type: 'row {{row}}: the value of "{{field}}" is not a valid {{type}}{{format}}',
      more: '{{count}} more cells do not match their field type (rows {{firstRow}} to {{lastRow}})',
    },
  },
  create(context) {
    let table: TableInfo;
    let checked: Checked[] = [];
    let missing = new Set<string>();
    let limit: FindingLimit;
    return {
      table(t, dist) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
        const schema = dist.schema;
        checked = [];
        if (!schema?.fields) return false; // nothing to check in its rows
        missing = new Set(missingValues(schema));
        const columns = fieldColumns(schema, t.header);
        schema.fields.forEach((field, i) => {
          const column = columns[i];
          if (column !== undefined && field.type && !['string', 'any'].includes(field.type)) checked.push({ field, column });
          else if (column !== undefined && field.type === 'string' && field.format && field.format !== 'default') checked.push({ field, column });
        });
        if (!checked.length) return false;
      },
      row(cells, ctx) {
        for (const { field, column } of checked) {
          const value = cells[column];
          if (value === undefined || missing.has(value) || castCell(field, value).ok) continue;
          if (!limit.take(ctx.row)) continue;
          const format = field.format && field.format !== 'default' ? ` (format ${String(field.format)})` : '';
          context.report({ messageId: 'type', data: { row: ctx.row, field: field.name, type: field.type ?? 'string', format }, location: { file: table.path, row: ctx.row, field: field.name } });
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
