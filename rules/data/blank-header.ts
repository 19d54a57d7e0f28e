import { defineRule } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/blank-header',
    family: 'data',
    description: 'A header cell is empty: the column has no name.',
    rationale:
      'A column without a name cannot be documented, selected or joined, and tools invent names ("Unnamed: 2", "column3"). ' +
      'Frictionless: `blank-label`; csvlint: `empty_column_name`.',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { frictionless: { blank: ['blank-label'] }, csvlint: { blank: ['empty_column_name'] } },
    messages: {
      blank: 'column {{column}} has no name in the header',
    },
  },
  create(context) {
    return {
      table(table) {
        if (table.headerRow === 0) return; // no header at all: data/missing-header
        table.header.forEach((cell, i) => {
          if (cell.trim() !== '') return;
          const column = String(i + 1);
          context.report({ messageId: 'blank', data: { column }, location: { file: table.path, row: table.headerRow, field: column } });
        });
      },
    };
  },
});
