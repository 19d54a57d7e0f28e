import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/empty-columns',
    family: 'data',
    description: 'A column has no value in any row (only empty cells or placeholders such as "NA").',
    rationale:
      'An empty column carries no information and usually betrays a layout copied from a spreadsheet (spacer columns) or a failed export. ' +
      'csvlint: none (`empty_column_name` covers the header only); Frictionless: none.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      empty: 'column "{{column}}" is empty in all {{rows}} rows',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const profile = tableProfile(summary);
        const rows = profile ? profile.dataRows - profile.blankRows : 0;
        if (!profile || rows === 0) return;
        for (const col of profile.columns) {
          if (col.filled - (col.types.null?.count ?? 0) > 0) continue;
          // Points at the column's header cell when there is one.
          const location = table.headerRow ? { file: table.path, row: table.headerRow, field: col.name } : { file: table.path, field: col.name };
          context.report({ messageId: 'empty', data: { column: col.name, rows }, location });
        }
      },
    };
  },
});
