import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile, type ColumnProfile } from '../../src/model/index.js';

const NUMERIC = ['integer', 'number', 'decimal-comma', 'grouped-number'] as const;

/** Share of a column's non-null values that are numbers of any notation. */
function numericShare(col: ColumnProfile): number {
  const numbers = NUMERIC.reduce((n, t) => n + (col.types[t]?.count ?? 0), 0);
  const values = col.filled - (col.types.null?.count ?? 0);
  return values ? numbers / values : 0;
}

export const { meta, create } = defineRule({
  meta: {
    id: 'data/decimal-comma',
    family: 'data',
    description: 'Numbers are written with a decimal comma ("3,5") or with thousands separators ("1 234", "1.234.567").',
    rationale:
      'Machine-readable numbers use a decimal point and no grouping; otherwise every reader must be told the locale, and "1,234" means 1.234 to some and 1234 to others. ' +
      'In a comma-delimited file such values must also be quoted. Frictionless: `type-error` for `number` without `decimalChar`/`groupChar`; W3C CSVW: number formats.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      decimalComma: 'column "{{column}}" has {{count}} numbers written with a decimal comma, first at row {{row}}',
      grouped: 'column "{{column}}" has {{count}} numbers written with thousands separators, first at row {{row}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        for (const col of tableProfile(summary)?.columns ?? []) {
          if (numericShare(col) < 0.5) continue; // a text column with a few such values is text
          for (const [type, messageId] of [['decimal-comma', 'decimalComma'], ['grouped-number', 'grouped']] as const) {
            const t = col.types[type];
            if (!t) continue;
            context.report({ messageId, data: { column: col.name, count: t.count, row: t.firstRow }, location: { file: table.path, row: t.firstRow, field: col.name } });
          }
        }
      },
    };
  },
});
