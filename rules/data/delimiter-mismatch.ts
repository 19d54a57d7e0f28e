import { defineRule } from '../../src/engine/rule-api.js';
import { csvTableFacts } from '../../src/model/index.js';

const NAMES: Record<string, string> = { ';': 'semicolon', '\t': 'tab', '|': 'pipe', ',': 'comma' };
const CANDIDATES = Object.keys(NAMES);
/** Records looked at: a wrong delimiter shows on the first ones. */
const SAMPLE = 50;

export const { meta, create } = defineRule({
  meta: {
    id: 'data/delimiter-mismatch',
    family: 'data',
    description: 'The delimiter a dialect or extension declares leaves every row in one column, while another delimiter splits each row the same way.',
    rationale:
      'Every tool that trusts the declared dialect (or the .tsv extension) reads the file as one column of text: the schema checks, ' +
      'types and joins all fail. csvlint: `check_options`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { csvlint: { mismatch: ['check_options'] } },
    messages: {
      mismatch: 'the declared delimiter ({{declared}}) gives one column, but {{found}}s split every row into {{columns}} columns',
    },
  },
  create(context) {
    let declared: string | undefined;
    /** Per candidate delimiter, how often it occurs in each record so far (dropped when it varies). */
    let counts: Map<string, number> | undefined;
    let seen = 0;
    let active = false;

    function observe(cell: string): void {
      seen++;
      const now = new Map(CANDIDATES.filter((c) => c !== declared).map((c) => [c, cell.split(c).length - 1]));
      if (!counts) counts = now;
      else for (const [c, n] of counts) if (now.get(c) !== n) counts.delete(c);
      for (const [c, n] of counts) if (n === 0) counts.delete(c);
      if (!counts.size) active = false;
    }

    return {
      table(table) {
        declared = table.delimiter;
        const source = csvTableFacts(table)?.delimiterSource;
        // A sniffed delimiter is already the best split; only a declared one can be wrong.
        active = declared !== undefined && source !== undefined && source !== 'sniffed' && table.header.length <= 1;
        counts = undefined;
        seen = 0;
        if (active && table.header.length === 1) observe(table.header[0]!);
        if (!active) return false; // nothing to check in its rows
      },
      row(cells) {
        if (!active || seen >= SAMPLE) return;
        if (cells.length > 1) active = false; // the declared delimiter splits this row: it is in use
        else if (cells[0]?.trim()) observe(cells[0]);
      },
      endTable(table) {
        if (!active || !counts?.size || seen < 2) return;
        const [found, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
        const name = (d: string) => `${NAMES[d] ?? 'other'} "${d === '\t' ? '\\t' : d}"`;
        context.report({ messageId: 'mismatch', data: { declared: name(declared!), found: NAMES[found]!, columns: n + 1 }, location: { file: table.path, line: 1 } });
      },
    };
  },
});
