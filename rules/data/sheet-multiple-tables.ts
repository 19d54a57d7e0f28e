import { defineRule } from '../../src/engine/rule-api.js';
import { sheetSummaryFacts } from '../../src/model/index.js';

/** A block of rows this small under a blank row is a note or a total ("Source: ..."), not a table. */
const MIN_ROWS = 2;

export const { meta, create } = defineRule({
  meta: {
    id: 'data/sheet-multiple-tables',
    family: 'data',
    description: 'A spreadsheet sheet holds more than one table: blocks of rows split by blank rows, or of columns split by empty columns.',
    rationale:
      'A sheet read as a table has one header and rows that all follow it. A second table under the first (after blank rows) or beside it ' +
      '(after an empty column) is read as rows of the first, with the wrong column names. Put each table in its own sheet or file. ' +
      'Frictionless: none (its readers take the whole sheet as one table).',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      rows: 'sheet "{{sheet}}" holds {{blocks}} blocks of rows split by blank rows (the next starts at row {{row}}): several tables in one sheet',
      columns: 'sheet "{{sheet}}" holds {{groups}} groups of columns split by empty columns (the next starts at column {{column}}): tables side by side',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const facts = sheetSummaryFacts(summary);
        if (!facts) return;
        const sheet = table.sheet!;
        const [first, ...later] = facts.blocks;
        const next = later.find((b) => b.rows >= MIN_ROWS);
        if (first && next) {
          const blocks = 1 + later.filter((b) => b.rows >= MIN_ROWS).length;
          context.report({ messageId: 'rows', data: { sheet, blocks, row: next.firstRow }, location: { file: table.path, sheet, row: next.firstRow } });
        }
        if (facts.columnGroups.length > 1) {
          const column = facts.columnGroups[1]!.first;
          const location = { file: table.path, sheet, ...(table.headerRow ? { row: table.headerRow } : {}), field: String(column) };
          context.report({ messageId: 'columns', data: { sheet, groups: facts.columnGroups.length, column }, location });
        }
      },
    };
  },
});
