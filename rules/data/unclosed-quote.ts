import { defineRule } from '../../src/engine/rule-api.js';
import { csvSummaryFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/unclosed-quote',
    family: 'data',
    description: 'A quoted value is never closed, or a record cannot be parsed.',
    rationale:
      'An opening quote without its closing quote swallows the rest of the file into one cell: every row after it is lost. ' +
      'csvlint: `unclosed_quote` / `stray_quote`; Frictionless: `source-error`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { '*': ['source-error'] }, csvlint: { unclosed: ['unclosed_quote'], tooLarge: ['unclosed_quote'], malformed: ['stray_quote'] } },
    needsRows: true,
    messages: {
      unclosed: 'the quote opened in the record starting at line {{line}} is never closed: the rest of the file is one cell',
      tooLarge: 'the record starting at line {{line}} exceeds the maximum record size (limits.recordChars): probably an unclosed quote; the rest of the file was not read',
      malformed: 'the record starting at line {{line}} cannot be parsed: {{message}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        for (const m of csvSummaryFacts(summary)?.malformed ?? []) {
          const location = { file: table.path, row: m.row, line: m.line };
          if (m.kind === 'unclosed-quote') context.report({ messageId: 'unclosed', data: { line: m.line }, location });
          else if (m.kind === 'too-large') context.report({ messageId: 'tooLarge', data: { line: m.line }, location });
          else context.report({ messageId: 'malformed', data: { line: m.line, message: m.message }, location });
        }
      },
    };
  },
});
