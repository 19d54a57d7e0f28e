import { defineRule } from '../../src/engine/rule-api.js';
import { csvSummaryFacts } from '../../src/model/index.js';

const LABEL = { crlf: 'CRLF', lf: 'LF', cr: 'CR' } as const;
type Kind = keyof typeof LABEL;

export const { meta, create } = defineRule({
  meta: {
    id: 'data/inconsistent-line-endings',
    family: 'data',
    description: 'Lines end in different ways (CRLF, LF, lone CR) in the same file.',
    rationale:
      'Parsers that take the line ending from the first line (csv-parse, some database loaders) merge or split records where it changes; ' +
      'a lone CR (classic Mac OS) is not a line break for most tools. csvlint: `line_breaks` (and `nonrfc_line_breaks`).',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { csvlint: { '*': ['line_breaks'] } },
    needsRows: true,
    messages: {
      mixed: 'line endings are mixed: {{counts}}; the first {{minority}} ends line {{line}}',
      loneCr: 'lines end with a lone CR (classic Mac OS): most tools see a single line',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const stats = csvSummaryFacts(summary)?.lineEndings;
        if (!stats) return;
        const used = (Object.keys(LABEL) as Kind[]).filter((k) => stats[k] > 0).sort((a, b) => stats[b] - stats[a]);
        if (used.length > 1) {
          const minority = used.at(-1)!;
          const counts = used.map((k) => `${stats[k]} ${LABEL[k]}`).join(', ');
          const line = stats.firstLine[minority];
          context.report({ messageId: 'mixed', data: { counts, minority: LABEL[minority], line }, location: { file: table.path, line } });
        } else if (used[0] === 'cr') {
          context.report({ messageId: 'loneCr', location: { file: table.path, line: 1 } });
        }
      },
    };
  },
});
