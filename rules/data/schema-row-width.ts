import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { fieldsMatch } from '../../src/knowledge/table-schema.js';
import { isBlankRow, type TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/schema-row-width',
    family: 'data',
    description: 'A row has more or fewer cells than its Table Schema has fields.',
    rationale:
      'The schema says how many values a record holds; a row with more has values no field describes, a row with fewer lacks values the schema promises. ' +
      'When the header has as many columns as the schema has fields, data/ragged-rows already says it (this rule stays silent); it matters when the header ' +
      'differs from the schema or the file has no header (`dialect.header: false`). Only with `fieldsMatch` `exact` or `equal` (the other modes allow other widths). ' +
      'Frictionless: `extra-cell` / `missing-cell`; csvlint (with a schema): `ragged_rows`.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    equivalents: { frictionless: { extraCells: ['extra-cell'], missingCells: ['missing-cell'] }, csvlint: { extraCells: ['ragged_rows'], missingCells: ['ragged_rows'] } },
    messages: {
      extraCells: 'row {{row}} has {{cells}} cells, but the schema has {{fields}} fields',
      missingCells: 'row {{row}} has {{cells}} cells, but the schema has {{fields}} fields',
      more: '{{count}} more rows do not have as many cells as the schema has fields (rows {{firstRow}} to {{lastRow}})',
    },
  },
  create(context) {
    let table: TableInfo;
    /** Fields of the schema, or 0 when this table is not checked. */
    let fields = 0;
    let names: string[] = [];
    /** No header: the next non-blank row is the first, the one data/ragged-rows measures by. */
    let firstRow = false;
    let limit: FindingLimit;
    return {
      table(t, dist) {
        table = t;
        fields = 0;
        limit = new FindingLimit(context.options.maxFindings);
        const schema = dist.schema;
        if (!schema?.fields?.length || !['exact', 'equal'].includes(fieldsMatch(schema))) return false; // nothing to check in its rows
        // data/ragged-rows measures rows against the header (without one, the first row): when
        // that is as wide as the schema, rows of another width are its to report.
        if (t.headerRow > 0 && t.header.length === schema.fields.length) return false;
        fields = schema.fields.length;
        firstRow = t.headerRow === 0;
        names = schema.fields.map((f) => f.name);
      },
      row(cells, ctx) {
        if (fields === 0 || isBlankRow(cells)) return;
        if (firstRow) {
          firstRow = false;
          if (cells.length === fields) {
            fields = 0; // data/ragged-rows measures the others by this row, as wide as the schema
            return;
          }
        }
        if (cells.length === fields || !limit.take(ctx.row)) return;
        const data = { row: ctx.row, cells: cells.length, fields };
        // The first field without a value, or the first cell without a field (by column number).
        const field = cells.length < fields ? names[cells.length]! : String(fields + 1);
        context.report({ messageId: cells.length > fields ? 'extraCells' : 'missingCells', data, location: { file: table.path, row: ctx.row, field } });
      },
      endTable(t) {
        const more = limit?.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
