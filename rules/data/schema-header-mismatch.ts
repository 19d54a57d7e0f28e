import { defineRule } from '../../src/engine/rule-api.js';
import { columnName } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/schema-header-mismatch',
    family: 'data',
    description: 'The header of a data file does not match the fields of its declared Table Schema.',
    rationale:
      'A schema documents and validates the columns; when names or order differ, every schema-driven tool reads the wrong column. ' +
      'Frictionless: `incorrect-label`, `extra-label`, `missing-label`; csvlint: `malformed_header`.',
    severity: 'error',
    presets: ['recommended'],
    messages: {
      incorrectLabel: 'column {{column}} is named "{{label}}" but the schema names field {{column}} "{{field}}"',
      extraLabel: 'column {{column}} ("{{label}}") is not in the schema ({{fields}} fields)',
      missingLabel: 'the schema field "{{field}}" (field {{column}}) has no column in the file',
    },
  },
  create(context) {
    return {
      table(table, dist) {
        const fields = dist.schema?.fields;
        if (!fields || table.headerRow === 0) return; // no header: data/missing-header says so
        const width = Math.max(fields.length, table.header.length);
        for (let i = 0; i < width; i++) {
          const label = table.header[i]?.trim();
          const field = fields[i]?.name;
          const column = i + 1;
          const location = { file: table.path, row: table.headerRow, field: i < table.header.length ? columnName(table, i) : String(column) };
          if (label === undefined) context.report({ messageId: 'missingLabel', data: { field: field!, column }, location });
          else if (field === undefined) context.report({ messageId: 'extraLabel', data: { column, label, fields: fields.length }, location });
          else if (label !== field) context.report({ messageId: 'incorrectLabel', data: { column, label, field }, location });
        }
      },
    };
  },
});
