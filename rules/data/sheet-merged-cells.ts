import { defineRule } from '../../src/engine/rule-api.js';
import { sheetSummaryFacts } from '../../src/model/index.js';
import { sheetCell } from './_sheet.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/sheet-merged-cells',
    family: 'data',
    description: 'A spreadsheet sheet has merged cells.',
    rationale:
      'A merged cell holds its value once, in its top-left cell: every tool that reads the sheet as a table sees empty cells in the rest of the range, ' +
      'and a merged header spanning columns gives them no name of their own. Unmerge and repeat the value, or put one header per column. ' +
      'Frictionless: the `fillMergedCells` Excel control (off by default).',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      merged: 'sheet "{{sheet}}" has {{count}} merged cell range(s), first {{ranges}}: tools see the value once and empty cells around it',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const merged = sheetSummaryFacts(summary)?.merged;
        if (!merged?.count) return;
        context.report({
          messageId: 'merged',
          data: { sheet: table.sheet!, count: merged.count, ranges: merged.at.join(', ') },
          location: sheetCell(table, merged.at[0]!),
        });
      },
    };
  },
});
