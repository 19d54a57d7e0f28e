import { defineRule, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { csvSummaryFacts } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
}

const MESSAGE: Record<'inside' | 'after' | 'spaceAfter', string> = { inside: 'inside', after: 'afterClosing', spaceAfter: 'spaceAfterClosing' };

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/stray-quote',
    family: 'data',
    description: 'A quote character inside an unquoted value, or text after a closing quote: the file is read leniently, taking the quote literally.',
    rationale:
      'RFC 4180 allows quotes only around a whole value (and doubled inside it). odlint, like most lenient readers, keeps such a quote as text; ' +
      'strict readers (Python csv in strict mode, Ruby CSV, database loaders) reject the row or split it differently, so the same file gives different tables. ' +
      'csvlint: `stray_quote`, `whitespace` (a blank after a closing quote); Frictionless: none (it reads such quotes leniently too).',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    equivalents: { csvlint: { inside: ['stray_quote'], afterClosing: ['stray_quote'], spaceAfterClosing: ['whitespace'] } },
    messages: {
      inside: 'line {{line}}: a quote inside an unquoted value is read as a literal quote (quote the whole value and double the quote: "a""b")',
      afterClosing: 'line {{line}}: text follows a closing quote ("ab"c): the value is read as written, quotes included',
      spaceAfterClosing: 'line {{line}}: a space or tab follows a closing quote ("ab" ,): the value is read as written, quotes and space included',
      more: '{{count}} more lines have stray quotes, from line {{line}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const stats = csvSummaryFacts(summary)?.strayQuotes;
        if (!stats?.count) return;
        const shown = stats.first.slice(0, context.options.maxFindings);
        for (const q of shown) context.report({ messageId: MESSAGE[q.kind], data: { line: q.line }, location: { file: table.path, line: q.line } });
        const left = stats.count - shown.length;
        const next = stats.first[shown.length];
        if (left > 0 && next) context.report({ messageId: 'more', data: { count: left, line: next.line }, location: { file: table.path, line: next.line } });
      },
    };
  },
});
