import { defineRule } from '../../src/engine/rule-api.js';
import { columnName } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/header-whitespace',
    family: 'data',
    description: 'A column name starts or ends with spaces, tabs or line breaks (" name", "total ").',
    rationale:
      'Tools match columns by exact name: `" name"` is not `name` for a join, a Table Schema field, a SQL column or a pandas selection, and the difference is invisible on screen. ' +
      'csvlint: `whitespace`; Frictionless: none (`blank-label` is a name that is only blank: data/blank-header).',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { csvlint: { padded: ['whitespace'] } },
    messages: {
      padded: 'column {{column}} is named "{{name}}", with leading or trailing whitespace',
    },
  },
  create(context) {
    return {
      table(table) {
        table.header.forEach((name, i) => {
          // Blank names are data/blank-header's.
          if (name.trim() === '' || name.trim() === name) return;
          context.report({ messageId: 'padded', data: { column: i + 1, name: name.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, '⇥') }, location: { file: table.path, row: table.headerRow, field: columnName(table, i) } });
        });
      },
    };
  },
});
