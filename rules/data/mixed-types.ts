import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile, type CellType, type ColumnProfile } from '../../src/model/index.js';

/** Types that are one kind of value for a reader (a decimal comma is still a number; decimal-comma reports it). */
const FAMILY: Partial<Record<CellType, string>> = {
  integer: 'number',
  number: 'number',
  'decimal-comma': 'number',
  'grouped-number': 'number',
  date: 'date',
  datetime: 'date',
  'date-other': 'date',
  boolean: 'boolean',
  text: 'text',
};

interface Tallies {
  [family: string]: { count: number; firstRow: number; types: CellType[] };
}

function families(col: ColumnProfile): Tallies {
  const out: Tallies = {};
  for (const [type, t] of Object.entries(col.types) as [CellType, { count: number; firstRow: number }][]) {
    const f = FAMILY[type];
    if (!f) continue; // null tokens are not values
    const cur = (out[f] ??= { count: 0, firstRow: t.firstRow, types: [] });
    cur.count += t.count;
    cur.firstRow = Math.min(cur.firstRow, t.firstRow);
    cur.types.push(type);
  }
  return out;
}

export const { meta, create } = defineRule({
  meta: {
    id: 'data/mixed-types',
    family: 'data',
    description: 'A column of numbers, dates or booleans also holds values of another kind (text such as "n.d." or "<5").',
    rationale:
      'One text value makes the whole column text for spreadsheets and type inference (sums and sorting break); ' +
      'use an empty cell for a missing value and document suppressed values. csvlint: `inconsistent_values`; Frictionless: `type-error` (with a schema).',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { csvlint: { mixed: ['inconsistent_values'] } },
    needsRows: true,
    messages: {
      mixed: 'column "{{column}}" holds {{dominantCount}} {{dominant}} values and {{count}} of another kind ({{kinds}}), first at row {{row}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        for (const col of tableProfile(summary)?.columns ?? []) {
          const fams = Object.entries(families(col)).sort((a, b) => b[1].count - a[1].count);
          if (fams.length < 2 || fams[0]![0] === 'text') continue; // mostly text: codes, addresses... not a typed column
          const [dominant, top] = fams[0]!;
          const others = fams.slice(1);
          const count = others.reduce((n, [, t]) => n + t.count, 0);
          const row = Math.min(...others.map(([, t]) => t.firstRow));
          const kinds = others.map(([f]) => f).join(', ');
          context.report({
            messageId: 'mixed',
            data: { column: col.name, dominant, dominantCount: top.count, count, kinds, row },
            location: { file: table.path, row, field: col.name },
          });
        }
      },
    };
  },
});
