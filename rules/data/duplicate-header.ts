import { defineRule } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/duplicate-header',
    family: 'data',
    description: 'Two columns have the same name (or names that differ only by case or surrounding spaces).',
    rationale:
      'Tools that address columns by name silently keep one of them or rename the other ("name.1"); databases reject the table. ' +
      'Frictionless: `duplicate-label`; csvlint: `duplicate_column_name`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { '*': ['duplicate-label'] }, csvlint: { '*': ['duplicate_column_name'] } },
    messages: {
      duplicate: 'column {{column}} is named "{{name}}" like column {{first}}',
      sameIgnoringCase: 'column {{column}} is named "{{name}}", which differs from column {{first}} ("{{firstName}}") only by case or spaces',
    },
  },
  create(context) {
    return {
      table(table) {
        const exact = new Map<string, number>();
        const loose = new Map<string, number>();
        table.header.forEach((raw, i) => {
          const name = raw.trim();
          if (name === '') return; // data/blank-header
          const column = String(i + 1);
          const location = { file: table.path, row: table.headerRow, field: column };
          const first = exact.get(name);
          const firstLoose = loose.get(name.toLowerCase());
          if (first !== undefined) {
            context.report({ messageId: 'duplicate', data: { column, name, first: first + 1 }, location });
          } else if (firstLoose !== undefined) {
            context.report({ messageId: 'sameIgnoringCase', data: { column, name, first: firstLoose + 1, firstName: table.header[firstLoose]!.trim() }, location });
          }
          if (first === undefined) exact.set(name, i);
          if (firstLoose === undefined) loose.set(name.toLowerCase(), i);
        });
      },
    };
  },
});
