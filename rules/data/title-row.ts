import { defineRule } from '../../src/engine/rule-api.js';
import { csvTableFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/title-row',
    family: 'data',
    description: 'Rows above the header: a title, comment lines or blank lines.',
    rationale:
      'A table must start with its header; anything above it becomes the column names for every generic tool. ' +
      'Put titles and notes in the metadata. csvlint: `title_row`; Frictionless: `headerRows` / `commentChar` dialect.',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { csvlint: { title: ['title_row'] } },
    messages: {
      title: 'row {{row}} is a title above the header (row {{headerRow}})',
      comment: 'row {{row}} is a comment line above the header (row {{headerRow}})',
      blank: 'row {{row}} is blank, above the header (row {{headerRow}})',
    },
  },
  create(context) {
    return {
      table(table) {
        const facts = csvTableFacts(table);
        if (!facts || facts.header === 'empty') return;
        const headerRow = table.headerRow || (facts.preamble.at(-1)?.row ?? 0) + 1;
        for (const p of facts.preamble) {
          context.report({ messageId: p.kind, data: { row: p.row, headerRow }, location: { file: table.path, row: p.row } });
        }
      },
    };
  },
});
