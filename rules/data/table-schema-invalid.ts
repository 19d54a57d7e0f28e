import { defineRule } from '../../src/engine/rule-api.js';
import { tableSchemaErrors } from '../../src/knowledge/frictionless-profile.js';
import { invalidPattern, schemaLocation } from '../../src/knowledge/table-schema.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/table-schema-invalid',
    family: 'data',
    description: 'A declared Table Schema does not conform to the Table Schema specification (the official Frictionless JSON Schema), or a field’s `pattern` is no regular expression.',
    rationale:
      'Tools reject an invalid schema outright (frictionless-py stops with a schema error) or guess what it means: an unknown field type is read as text, a misspelt key is ignored, ' +
      'so every check the schema was written for is silently off. Validated against the Data Package v2 profile (vendored in schemas/frictionless/; v1 schemas are valid v2 schemas). ' +
      'Frictionless: `schema-error`, `field-error`; csvlint: `invalid_regex`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { invalid: ['schema-error', 'field-error'], invalidPattern: ['schema-error', 'field-error'] }, csvlint: { invalidPattern: ['invalid_regex'] } },
    messages: {
      invalid: 'the Table Schema{{where}} is invalid at {{path}}: {{message}}',
      invalidPattern: 'the pattern of "{{field}}" in the Table Schema{{where}} is not a regular expression: {{reason}}',
    },
  },
  create(context) {
    return {
      distribution(dist) {
        // Vendored national schemas are odlint's own, not the publisher's.
        if (!dist.schema || dist.nationalSchema) return;
        const ref = dist.extras.schemaRef;
        const where = typeof ref === 'string' ? ` "${ref}"` : '';
        for (const e of tableSchemaErrors(dist.schema)) {
          context.report({ messageId: 'invalid', data: { where, path: e.pointer || '/', message: e.message }, location: schemaLocation(dist, e.pointer) });
        }
        (dist.schema.fields ?? []).forEach((field, i) => {
          const reason = field && typeof field === 'object' ? invalidPattern(field) : undefined;
          if (reason) context.report({ messageId: 'invalidPattern', data: { field: String(field.name), where, reason }, location: schemaLocation(dist, `/fields/${i}/constraints/pattern`) });
        });
      },
    };
  },
});
