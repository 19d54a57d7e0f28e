import { defineRule } from '../../src/engine/rule-api.js';
import { proprietaryOnlyFormats } from '../../src/knowledge/formats.js';
import { sheetTableFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'format/spreadsheet-format',
    family: 'format',
    description: 'A spreadsheet data file was read: XLSX is a proprietary format, ODS an open one (a note, once per file).',
    rationale:
      'XLSX (Office Open XML) is controlled by one vendor and counts as proprietary for MQA ("non-proprietary", 20 points) and for udata ("open formats"); ' +
      'ODS (OpenDocument, ISO/IEC 26300) is open. Both are harder to reuse than CSV: a table in a sheet carries layout (merged cells, hidden rows, several tables) that CSV cannot. ' +
      'When every distribution of a dataset is proprietary, format/proprietary-only already says so and this note is not repeated.',
    severity: 'info',
    presets: ['recommended'],
    // csvlint warns `excel` on a spreadsheet given where CSV is expected: the same note.
    equivalents: { csvlint: { proprietary: ['excel'] } },
    messages: {
      proprietary: 'XLSX is a proprietary spreadsheet format: publish the tables as CSV (or ODS) too',
      open: 'ODS is an open spreadsheet format (OpenDocument); CSV is still easier to reuse for plain tables',
    },
  },
  create(context) {
    return {
      table(table, _dist, ds) {
        if (sheetTableFacts(table)?.sheetIndex !== 1) return;
        if (table.reader === 'ods') return void context.report({ messageId: 'open', location: { file: table.path } });
        // format/proprietary-only reports a dataset whose distributions are all proprietary.
        if (ds.source.format !== 'data-file' && proprietaryOnlyFormats(ds.distributions)) return;
        context.report({ messageId: 'proprietary', location: { file: table.path } });
      },
    };
  },
});
