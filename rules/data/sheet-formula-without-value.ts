import { defineRule } from '../../src/engine/rule-api.js';
import { sheetSummaryFacts } from '../../src/model/index.js';
import { sheetCell } from './_sheet.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/sheet-formula-without-value',
    family: 'data',
    description: 'Formula cells of a spreadsheet have no stored result: readers that do not recompute see them empty.',
    rationale:
      'Office suites store each formula with its last computed value; files written by scripts often store only the formula. ' +
      'Every reader that does not recompute (Python, R, databases, portal previews, odlint) then sees an empty cell. ' +
      'Open and save the file in a spreadsheet application, or write the values. Frictionless: none.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      noValue: 'sheet "{{sheet}}" has {{count}} formula cell(s) without a stored value, first {{cells}}: readers see them empty',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const f = sheetSummaryFacts(summary)?.formulasWithoutValue;
        if (!f?.count) return;
        context.report({
          messageId: 'noValue',
          data: { sheet: table.sheet!, count: f.count, cells: f.at.join(', ') },
          location: sheetCell(table, f.at[0]!),
        });
      },
    };
  },
});
