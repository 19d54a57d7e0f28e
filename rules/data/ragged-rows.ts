import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { columnName, type TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/ragged-rows',
    family: 'data',
    description: 'A row has more or fewer cells than the header.',
    rationale:
      'Cells shift into the wrong columns or go missing without notice; strict parsers (databases, pandas) reject the file. ' +
      'Frictionless: `extra-cell` / `missing-cell`; csvlint: `ragged_rows`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: {
      frictionless: { extraCells: ['extra-cell'], extraEmptyCells: ['extra-cell'], missingCells: ['missing-cell'] },
      csvlint: { extraCells: ['ragged_rows'], extraEmptyCells: ['ragged_rows'], missingCells: ['ragged_rows'] },
    },
    needsRows: true,
    readsRecord: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    messages: {
      extraCells: 'row {{row}} has {{cells}} cells, {{expected}} expected',
      extraEmptyCells: 'row {{row}} has {{extra}} extra empty cell(s) at the end ({{cells}} cells, {{expected}} expected): a trailing delimiter?',
      missingCells: 'row {{row}} has {{cells}} cells, {{expected}} expected',
      more: '{{count}} more rows have the wrong number of cells (rows {{firstRow}} to {{lastRow}})',
    },
  },
  create(context) {
    let table: TableInfo;
    let expected = 0;
    let limit: FindingLimit;
    return {
      table(t) {
        table = t;
        expected = t.header.length; // without a header, the first data row sets the width
        limit = new FindingLimit(context.options.maxFindings);
      },
      row(_, ctx) {
        const record = ctx.record!;
        const width = record.width;
        if (width === expected || record.blank()) return; // blank rows: data/blank-rows
        if (expected === 0) {
          expected = width;
          return;
        }
        if (!limit.take(ctx.row)) return;
        const data = { row: ctx.row, cells: width, expected };
        if (width < expected) {
          context.report({ messageId: 'missingCells', data, location: { file: table.path, row: ctx.row, field: columnName(table, width) } });
          return;
        }
        const extra = Array.from({ length: width - expected }, (_, i) => record.cell(expected + i));
        const messageId = extra.every((c) => c.trim() === '') ? 'extraEmptyCells' : 'extraCells';
        context.report({ messageId, data: { ...data, extra: extra.length }, location: { file: table.path, row: ctx.row, field: String(expected + 1) } });
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
