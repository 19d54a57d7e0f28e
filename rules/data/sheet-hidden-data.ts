import { defineRule } from '../../src/engine/rule-api.js';
import { columnIndex, columnName, sheetSummaryFacts, sheetTableFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/sheet-hidden-data',
    family: 'data',
    description: 'A spreadsheet publishes data that is hidden from view: a hidden sheet, hidden rows or hidden columns that hold values.',
    rationale:
      'Hiding is not removing: whoever downloads the file can unhide the data, and every program that reads it as a table sees it. ' +
      'Hidden sheets and columns are a common way personal data (names, identifiers, working notes) leaks from published spreadsheets. ' +
      'Delete what must not be published; unhide what should be. GDPR art. 5(1)(c) (data minimisation), art. 32.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      sheet: 'sheet "{{sheet}}" is hidden ({{state}}) but holds {{cells}} filled cells: anyone can unhide it (a common personal-data leak)',
      rows: 'sheet "{{sheet}}" has {{count}} hidden row(s) with data (rows {{rows}}): anyone can unhide them (a common personal-data leak)',
      columns: 'sheet "{{sheet}}" has {{count}} hidden column(s) with data (columns {{columns}}): anyone can unhide them (a common personal-data leak)',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const facts = sheetSummaryFacts(summary);
        const state = sheetTableFacts(table)?.sheetState;
        if (!facts || !state) return;
        const sheet = table.sheet!;
        const at = { file: table.path, sheet };
        if (state !== 'visible' && facts.filledCells > 0) {
          context.report({ messageId: 'sheet', data: { sheet, state, cells: facts.filledCells }, location: at });
        }
        const { hiddenRows: rows, hiddenColumns: columns } = facts;
        if (rows.count) context.report({ messageId: 'rows', data: { sheet, count: rows.count, rows: rows.at.join(', ') }, location: { ...at, row: Number(rows.at[0]) } });
        if (columns.count) context.report({ messageId: 'columns', data: { sheet, count: columns.count, columns: columns.at.join(', ') }, location: { ...at, ...(table.headerRow ? { row: table.headerRow } : {}), field: columnName(table, columnIndex(columns.at[0]!)) } });
      },
    };
  },
});
