import { defineRule, FindingLimit, HashSeen, hash53, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { brokenConstraint, castCell, fieldColumns, missingValues, patternProblem } from '../../src/knowledge/table-schema.js';
import { locate, type Distribution, type SourceLocation, type TableInfo, type TableSchemaField } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
  maxUniqueValues: number;
}

interface Checked {
  field: TableSchemaField;
  column: number;
  required: boolean;
  /** Hashes of values seen, for `unique` (bounded). */
  seen?: HashSeen;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/schema-constraint-error',
    family: 'data',
    description: 'A cell breaks a constraint of its Table Schema field: required, unique, minimum/maximum, minLength/maxLength, pattern, enum.',
    rationale:
      'Constraints are the publisher’s own promises about the data (an identifier is unique, a percentage is at most 100); a broken one is a data error. ' +
      'Frictionless: `constraint-error`, `unique-error`; csvlint: `missing_value`, `unique`, `below_minimum`, `above_maximum`, `pattern`, `min_length`, `max_length`.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: {
      frictionless: {
        required: ['constraint-error'],
        minimum: ['constraint-error'],
        maximum: ['constraint-error'],
        minLength: ['constraint-error'],
        maxLength: ['constraint-error'],
        pattern: ['constraint-error'],
        enum: ['constraint-error'],
        unique: ['unique-error'],
      },
      csvlint: {
        required: ['missing_value'],
        minimum: ['below_minimum'],
        maximum: ['above_maximum'],
        minLength: ['min_length'],
        maxLength: ['max_length'],
        pattern: ['pattern'],
        unique: ['unique'],
      },
    },
    needsRows: true,
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxUniqueValues: { type: 'integer', minimum: 1, description: 'Values remembered per unique field (16 bytes each); later values are compared with them but not remembered.' },
      },
    },
    defaultOptions: { maxFindings: 10, maxUniqueValues: 1_000_000 },
    messages: {
      required: 'row {{row}}: "{{field}}" is required but empty',
      unique: 'row {{row}}: the value of "{{field}}" repeats row {{first}}, but the field is unique',
      minimum: 'row {{row}}: the value of "{{field}}" is below its minimum {{bound}}',
      maximum: 'row {{row}}: the value of "{{field}}" is above its maximum {{bound}}',
      minLength: 'row {{row}}: the value of "{{field}}" is shorter than {{bound}} characters',
      maxLength: 'row {{row}}: the value of "{{field}}" is longer than {{bound}} characters',
      pattern: 'row {{row}}: the value of "{{field}}" does not match the pattern {{bound}}',
      enum: 'row {{row}}: the value of "{{field}}" is not one of the allowed values',
      patternUnsupported: 'the pattern of "{{field}}" cannot be checked in linear time, so it is not: {{reason}}',
      more: '{{count}} more cells break field constraints (rows {{firstRow}} to {{lastRow}})',
    },
  },
  create(context) {
    let table: TableInfo;
    let checked: Checked[] = [];
    let missing = new Set<string>();
    let limit: FindingLimit;
    const report = (messageId: string, row: number, field: TableSchemaField, extra: Record<string, string | number> = {}) => {
      if (!limit.take(row)) return;
      context.report({ messageId, data: { row, field: field.name, ...extra }, location: { file: table.path, row, field: field.name } });
    };
    return {
      table(t, dist) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
        checked = [];
        const schema = dist.schema;
        if (!schema?.fields) return;
        missing = new Set(missingValues(schema));
        const columns = fieldColumns(schema, t.header);
        const primaryKey = ([] as string[]).concat(schema.primaryKey ?? []);
        schema.fields.forEach((field, i) => {
          const problem = patternProblem(field);
          if (problem) context.report({ messageId: 'patternUnsupported', data: { field: field.name, reason: problem }, location: patternLocation(dist, i) });
          const c = field.constraints ?? {};
          const column = columns[i];
          // A one-field primary key is unique and required too (Frictionless).
          const single = primaryKey.length === 1 && primaryKey[0] === field.name;
          if (column === undefined || (Object.keys(c).length === 0 && !single)) return;
          const unique = c.unique === true || single;
          checked.push({ field, column, required: c.required === true || single, ...(unique ? { seen: new HashSeen(context.options.maxUniqueValues) } : {}) });
        });
      },
      row(cells, ctx) {
        for (const check of checked) {
          const { field } = check;
          const value = cells[check.column];
          if (value === undefined || missing.has(value)) {
            if (check.required) report('required', ctx.row, field);
            continue;
          }
          const cast = castCell(field, value);
          if (!cast.ok) continue; // data/schema-type-error
          if (check.seen) {
            const first = check.seen.add(hash53([value]), ctx.row);
            if (first) report('unique', ctx.row, field, { first });
          }
          const broken = brokenConstraint(field, value, cast.value);
          if (broken) report(broken, ctx.row, field, { bound: String(field.constraints?.[broken]) });
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});

/** Where field `i`'s pattern is written: inside an inline schema, else the schema reference. */
function patternLocation(dist: Distribution, i: number): SourceLocation {
  const at = locate(dist, 'schema');
  return dist.extras.schemaRef === undefined && at.pointer !== undefined ? { ...at, pointer: `${at.pointer}/fields/${i}/constraints/pattern` } : at;
}
