import { defineRule } from '../../src/engine/rule-api.js';
import { headerFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/missing-header',
    family: 'data',
    description: 'The file has no header row: its first row already holds data.',
    rationale:
      'Without column names the data cannot be understood or documented, and every tool takes the first record for names. ' +
      'RFC 4180 makes the header optional, but open-data guidance (W3C CSV on the Web, Frictionless) expects one. ' +
      'csvlint: `assumed_header` (inverse); Frictionless: `header` dialect / `blank-header`.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      missing: 'the first row (row {{row}}) looks like data, not column names: {{evidence}}',
    },
  },
  create(context) {
    return {
      table(table) {
        const facts = headerFacts(table);
        if (facts?.header !== 'missing') return;
        const row = (facts.preamble.at(-1)?.row ?? 0) + 1;
        context.report({ messageId: 'missing', data: { row, evidence: facts.headerEvidence.join('; ') }, location: { file: table.path, row } });
      },
    };
  },
});
