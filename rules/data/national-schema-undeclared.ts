import { defineRule } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/national-schema-undeclared',
    family: 'data',
    description: 'A data file follows a national schema (by its header) that its metadata does not declare; it is validated against that schema.',
    rationale:
      'French local authorities publish the common base of local data (SCDL) following the Table Schemas of ' +
      'schema.data.gouv.fr. A file whose columns are a schema\'s is validated against it by the data/schema-* rules; ' +
      'declaring the schema (udata `schema: {name, version}`, dct:conformsTo) lets the portal validate it, list it ' +
      'with the schema and consolidate it nationally.',
    severity: 'info',
    presets: ['recommended', 'france'],
    messages: {
      matched: 'the columns are those of the national schema {{schema}} {{version}}: the file is validated against it; declare it in the metadata (udata schema, dct:conformsTo)',
    },
  },
  create(context) {
    return {
      table(table, dist) {
        const national = dist.nationalSchema;
        if (national?.by !== 'header') return;
        context.report({ messageId: 'matched', data: { schema: national.id, version: national.version }, location: { file: table.path, row: table.headerRow } });
      },
    };
  },
});
