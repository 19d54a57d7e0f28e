import { defineRule } from '../../src/engine/rule-api.js';
import { fieldsMatch } from '../../src/knowledge/table-schema.js';
import { columnName, type TableInfo, type TableSchemaField } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/schema-header-mismatch',
    family: 'data',
    description: 'The header of a data file does not match the fields of its declared Table Schema (as its `fieldsMatch` asks).',
    rationale:
      'A schema documents and validates the columns; when names or order differ, every schema-driven tool reads the wrong column. ' +
      'Frictionless: `incorrect-label`, `extra-label`, `missing-label`; csvlint: `malformed_header`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: {
      frictionless: { incorrectLabel: ['incorrect-label'], extraLabel: ['extra-label'], missingLabel: ['missing-label'], noFieldMatches: ['unmatched-header'] },
      csvlint: { '*': ['malformed_header'] },
    },
    messages: {
      incorrectLabel: 'column {{column}} is named "{{label}}" but the schema names field {{column}} "{{field}}"',
      extraLabel: 'column {{column}} ("{{label}}") is not in the schema ({{fields}} fields)',
      missingLabel: 'the schema field "{{field}}" (field {{column}}) has no column in the file',
      noFieldMatches: 'no column is named after any of the {{fields}} schema fields (fieldsMatch: partial needs at least one)',
    },
  },
  create(context) {
    return {
      table(table, dist) {
        const schema = dist.schema;
        if (!schema?.fields || table.headerRow === 0) return; // no header: data/missing-header says so
        const mode = fieldsMatch(schema);
        if (mode === 'exact') return byPosition(table, schema.fields);
        const labels = table.header.map((h) => h.trim());
        const names = schema.fields.map((f) => f.name);
        const at = (i: number) => ({ file: table.path, row: table.headerRow, field: i < labels.length ? columnName(table, i) : String(i + 1) });
        if (mode === 'partial') {
          if (!labels.some((l) => names.includes(l))) context.report({ messageId: 'noFieldMatches', data: { fields: names.length }, location: { file: table.path, row: table.headerRow } });
          return;
        }
        // equal: same names in any order; subset: every field, more columns allowed; superset: only fields, some may be absent.
        if (mode !== 'superset') {
          names.forEach((field, i) => {
            // No column to point at: the field is named instead.
            if (!labels.includes(field)) context.report({ messageId: 'missingLabel', data: { field, column: i + 1 }, location: { file: table.path, row: table.headerRow, field } });
          });
        }
        if (mode !== 'subset') {
          labels.forEach((label, i) => {
            if (!names.includes(label)) context.report({ messageId: 'extraLabel', data: { column: i + 1, label, fields: names.length }, location: at(i) });
          });
        }
      },
    };

    /** `fieldsMatch: exact` (the default): column i must be field i. */
    function byPosition(table: TableInfo, fields: TableSchemaField[]): void {
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
    }
  },
});
