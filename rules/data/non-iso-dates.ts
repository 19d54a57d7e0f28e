import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile, type ColumnProfile } from '../../src/model/index.js';

const DATES = ['date', 'datetime', 'date-other'] as const;

function dateShare(col: ColumnProfile): number {
  const dates = DATES.reduce((n, t) => n + (col.types[t]?.count ?? 0), 0);
  const values = col.filled - (col.types.null?.count ?? 0);
  return values ? dates / values : 0;
}

export const { meta, create } = defineRule({
  meta: {
    id: 'data/non-iso-dates',
    family: 'data',
    description: 'Dates are not written as ISO 8601 (YYYY-MM-DD), e.g. 31/12/2020 or 12.31.20.',
    rationale:
      'ISO 8601 dates sort as text, parse everywhere and are unambiguous; 03/04/2020 is 3 April in Europe and 4 March in the US. ' +
      'DCAT-AP and W3C CSV on the Web use xsd:date. Frictionless: `type-error` for `date` with the default format.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      nonIso: 'column "{{column}}" has {{count}} dates written as {{pattern}}, first at row {{row}}; use YYYY-MM-DD',
      ambiguous: 'column "{{column}}" has {{count}} dates written as {{pattern}} where day and month cannot be told apart, first at row {{row}}; use YYYY-MM-DD',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        for (const col of tableProfile(summary)?.columns ?? []) {
          const main = col.dateFormats[0];
          if (!main || dateShare(col) < 0.5) continue;
          const count = col.types['date-other']!.count;
          const row = Math.min(...col.dateFormats.map((f) => f.firstRow));
          const pattern = col.dateFormats.map((f) => f.pattern).join(', ');
          const messageId = col.dateFormats.some((f) => f.pattern.startsWith('NN')) ? 'ambiguous' : 'nonIso';
          context.report({ messageId, data: { column: col.name, count, pattern, row }, location: { file: table.path, row, field: col.name } });
        }
      },
    };
  },
});
