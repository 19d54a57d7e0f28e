import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/whitespace-padding',
    family: 'data',
    description: 'Values start or end with spaces (e.g. "  3968", "Moutstraat 24   ").',
    rationale:
      'Padded values do not match their unpadded twins (joins, filters, distinct counts) and padded numbers are read as text by many tools. ' +
      'csvlint: `whitespace`; Frictionless: `skipInitialSpace` dialect.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      padded: 'column "{{column}}" has {{count}} values with leading or trailing spaces, first at row {{row}}',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        for (const col of tableProfile(summary)?.columns ?? []) {
          const { count, firstRow: row } = col.padded;
          if (count > 0) context.report({ messageId: 'padded', data: { column: col.name, count, row }, location: { file: table.path, row, field: col.name } });
        }
      },
    };
  },
});
