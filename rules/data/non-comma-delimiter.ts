import { defineRule } from '../../src/engine/rule-api.js';
import { csvTableFacts } from '../../src/model/index.js';

const NAMES: Record<string, string> = { ';': 'semicolon', '\t': 'tab', '|': 'pipe', ',': 'comma' };

export const { meta, create } = defineRule({
  meta: {
    id: 'data/non-comma-delimiter',
    family: 'data',
    description: 'A .csv file separates values with something other than a comma (semicolon, tab, pipe).',
    rationale:
      'RFC 4180 CSV is comma-separated; semicolons (the Excel default where the decimal separator is a comma) make generic tools read one ' +
      'column per line unless told otherwise. Information only: say the delimiter in the documentation or a Frictionless dialect. ' +
      'csvlint: `check_options` / dialect; Frictionless: `dialect.delimiter`.',
    severity: 'info',
    presets: ['recommended'],
    messages: {
      delimiter: 'values are separated by {{name}}s ("{{delimiter}}"), not commas',
    },
  },
  create(context) {
    return {
      table(table) {
        const d = table.delimiter;
        // A .tsv is tab-separated by definition; a delimiter the descriptor's dialect declares is documented.
        const source = csvTableFacts(table)?.delimiterSource;
        if (!d || d === ',' || source === 'extension' || source === 'dialect') return;
        const delimiter = d === '\t' ? '\\t' : d;
        context.report({ messageId: 'delimiter', data: { name: NAMES[d] ?? 'other character', delimiter }, location: { file: table.path, line: 1 } });
      },
    };
  },
});
