import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile } from '../../src/model/index.js';

interface Options {
  maxColumns: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/whitespace-padding',
    family: 'data',
    description: 'Values start or end with spaces (e.g. "  3968", "Moutstraat 24   ").',
    rationale:
      'Padded values do not match their unpadded twins (joins, filters, distinct counts) and padded numbers are read as text by many tools. ' +
      'csvlint: `whitespace`; Frictionless: `skipInitialSpace` dialect.',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { csvlint: { padded: ['whitespace'] } },
    needsRows: true,
    optionsSchema: { properties: { maxColumns: { type: 'integer', minimum: 1, description: 'Columns reported one by one per file; the others are summarised in one finding.' } } },
    defaultOptions: { maxColumns: 5 },
    messages: {
      padded: 'column "{{column}}" has {{count}} values with leading or trailing spaces, first at row {{row}}',
      moreColumns: '{{columns}} more columns have values with leading or trailing spaces ({{count}} values), first at row {{row}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const padded = (tableProfile(summary)?.columns ?? []).filter((c) => c.padded.count > 0);
        const shown = padded.slice(0, context.options.maxColumns);
        for (const col of shown) {
          const { count, firstRow: row } = col.padded;
          context.report({ messageId: 'padded', data: { column: col.name, count, row }, location: { file: table.path, row, field: col.name } });
        }
        const rest = padded.slice(shown.length);
        if (rest.length === 0) return;
        const count = rest.reduce((n, c) => n + c.padded.count, 0);
        const row = Math.min(...rest.map((c) => c.padded.firstRow));
        context.report({ messageId: 'moreColumns', data: { columns: rest.length, count, row }, location: { file: table.path, row } });
      },
    };
  },
});
