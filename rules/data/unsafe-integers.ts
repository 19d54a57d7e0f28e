import { defineRule } from '../../src/engine/rule-api.js';
import { tableProfile } from '../../src/model/index.js';

const NUMERIC_SCHEMA_TYPES = new Set(['integer', 'number']);

export const { meta, create } = defineRule({
  meta: {
    id: 'data/unsafe-integers',
    family: 'data',
    description: 'Integers beyond ±(2^53 − 1) in a column typed (by the Table Schema or by its values) as numbers.',
    rationale:
      'JavaScript, JSON parsers and spreadsheets store numbers as doubles: 1234567890123456789 silently becomes 1234567890123456800, ' +
      'so identifiers (tweet ids, EAN codes) get corrupted. Declare such columns as strings. Frictionless: none (types it `integer`).',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      schema: 'column "{{column}}" is declared {{type}} but holds {{count}} integers beyond 2^53 that most tools round, first at row {{row}}; declare it as a string',
      inferred: 'column "{{column}}" holds {{count}} integers beyond 2^53 that most tools round, first at row {{row}}; quote them or document the column as text',
    },
  },
  create(context) {
    return {
      endTable(table, summary, dist) {
        for (const col of tableProfile(summary)?.columns ?? []) {
          const { count, firstRow: row } = col.unsafeIntegers;
          if (count === 0) continue;
          const location = { file: table.path, row, field: col.name };
          const declared = dist.schema?.fields.find((f) => f.name === col.name)?.type;
          if (declared !== undefined) {
            if (NUMERIC_SCHEMA_TYPES.has(declared)) context.report({ messageId: 'schema', data: { column: col.name, type: declared, count, row }, location });
          } else if (col.inferredType === 'integer' || col.inferredType === 'number') {
            context.report({ messageId: 'inferred', data: { column: col.name, count, row }, location });
          }
        }
      },
    };
  },
});
