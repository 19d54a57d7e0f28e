import { defineRule } from '../../src/engine/rule-api.js';
import { csvSummaryFacts, csvTableFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/empty-file',
    family: 'data',
    description: 'A data file is empty (0 bytes, or only blank lines) or has a header and no data rows.',
    rationale:
      'An empty extract is usually a failed export or upload that the portal still lists as data; a reuser downloads nothing. ' +
      'Frictionless: `source-error` ("the source is empty"); csvlint: none (it passes an empty file).',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    equivalents: { frictionless: { empty: ['source-error'] } },
    messages: {
      empty: 'the data file is empty ({{bytes}} bytes)',
      headerOnly: 'the data file has a header ({{columns}} columns) but no data rows',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const header = csvTableFacts(table)?.header;
        const profile = csvSummaryFacts(summary)?.profile;
        if (table.reader !== 'csv' || !profile) return; // other readers, or the pass did not reach the rows
        if (header === 'empty' || (table.header.length === 0 && profile.dataRows === profile.blankRows)) {
          context.report({ messageId: 'empty', data: { bytes: summary.bytes }, location: { file: table.path } });
        } else if (table.headerRow > 0 && profile.dataRows === profile.blankRows) {
          context.report({ messageId: 'headerOnly', data: { columns: table.header.length }, location: { file: table.path, row: table.headerRow } });
        }
      },
    };
  },
});
