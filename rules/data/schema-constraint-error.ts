import { defineRule, FindingLimit, HashSeen, hash53, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { brokenConstraint, castCell, fieldColumns, missingValues, invalidPattern, patternProblem, schemaLocation } from '../../src/knowledge/table-schema.js';
import { type TableInfo, type TableSchemaField } from '../../src/model/index.js';

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
  /** The field is the primary key on its own: a repeat is a `primaryKey` finding. */
  primaryKey?: boolean;
}

/** A primary key of several fields: their columns, and the keys seen (bounded). */
interface CompositeKey {
  fields: TableSchemaField[];
  columns: number[];
  seen: HashSeen;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/schema-constraint-error',
    family: 'data',
    description: 'A cell breaks a constraint of its Table Schema field (required, unique, minimum/maximum, minLength/maxLength, pattern, enum) or a row repeats the primary key.',
    rationale:
      'Constraints are the publisher’s own promises about the data (an identifier is unique, a percentage is at most 100); a broken one is a data error. ' +
      'A primary key (one field or several) is required and unique. ' +
      'Frictionless: `constraint-error`, `unique-error`, `primary-key`; csvlint: `missing_value`, `unique`, `below_minimum`, `above_maximum`, `pattern`, `min_length`, `max_length`.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxUniqueValues: { type: 'integer', minimum: 1, description: 'Values remembered per unique field (16 bytes each); later values are compared with them but not remembered.' },
      },
    },
    defaultOptions: { maxFindings: 10, maxUniqueValues: 1_000_000 },
    equivalents: {
      frictionless: { required: ['constraint-error'], minimum: ['constraint-error'], maximum: ['constraint-error'], minLength: ['constraint-error'], maxLength: ['constraint-error'], pattern: ['constraint-error'], enum: ['constraint-error'], unique: ['unique-error'], primaryKey: ['primary-key'] },
      csvlint: { required: ['missing_value'], unique: ['unique'], primaryKey: ['unique'], minimum: ['below_minimum'], maximum: ['above_maximum'], pattern: ['pattern'], minLength: ['min_length'], maxLength: ['max_length'] },
    },
    messages: {
      required: 'row {{row}}: "{{field}}" is required but empty',
      unique: 'row {{row}}: the value of "{{field}}" repeats row {{first}}, but the field is unique',
      primaryKey: 'row {{row}}: the primary key ({{field}}) repeats row {{first}}',
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
    let compositeKey: CompositeKey | undefined;
    let missing = new Set<string>();
    let limit: FindingLimit;
    const report = (messageId: string, row: number, field: TableSchemaField, extra: Record<string, string | number> = {}) => {
      if (!limit.take(row)) return;
      context.report({ messageId, data: { row, field: field.name, ...extra }, location: { file: table.path, row, field: field.name } });
    };
    /** Frictionless: every field of the key has a value, and no two rows have the same key. */
    const checkCompositeKey = (key: CompositeKey, cells: readonly string[], row: number) => {
      const values = key.columns.map((c) => cells[c]);
      let complete = true;
      key.fields.forEach((field, i) => {
        const v = values[i];
        if (v !== undefined && !missing.has(v)) return;
        complete = false;
        if (field.constraints?.required !== true) report('required', row, field); // else the field check said it
      });
      if (!complete) return;
      const first = key.seen.add(hash53(values as string[]), row);
      if (first) report('primaryKey', row, key.fields[0]!, { first, field: key.fields.map((f) => f.name).join(', ') });
    };
    return {
      table(t, dist) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
        checked = [];
        compositeKey = undefined;
        const schema = dist.schema;
        if (!schema?.fields) return;
        missing = new Set(missingValues(schema));
        const columns = fieldColumns(schema, t.header);
        const primaryKey = ([] as string[]).concat(schema.primaryKey ?? []);
        schema.fields.forEach((field, i) => {
          // An invalid pattern is data/table-schema-invalid's; one RE2 cannot run is this rule's to say.
          const problem = invalidPattern(field) ? undefined : patternProblem(field);
          if (problem) context.report({ messageId: 'patternUnsupported', data: { field: field.name, reason: problem }, location: schemaLocation(dist, `/fields/${i}/constraints/pattern`) });
          const c = field.constraints ?? {};
          const column = columns[i];
          // A one-field primary key is unique and required too (Frictionless).
          const single = primaryKey.length === 1 && primaryKey[0] === field.name;
          if (column === undefined || (Object.keys(c).length === 0 && !single)) return;
          const unique = c.unique === true || single;
          checked.push({ field, column, required: c.required === true || single, ...(unique ? { seen: new HashSeen(context.options.maxUniqueValues) } : {}), ...(single ? { primaryKey: true } : {}) });
        });
        // A key of several fields: each is required, the combination unique (a field without a column: data/schema-header-mismatch).
        if (primaryKey.length > 1) {
          const keyFields = primaryKey.map((name) => schema.fields.findIndex((f) => f.name === name));
          const keyColumns = keyFields.map((i) => (i < 0 ? undefined : columns[i]));
          if (keyColumns.every((c) => c !== undefined)) {
            compositeKey = { fields: keyFields.map((i) => schema.fields[i]!), columns: keyColumns as number[], seen: new HashSeen(context.options.maxUniqueValues) };
          }
        }
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
            if (first) report(check.primaryKey ? 'primaryKey' : 'unique', ctx.row, field, { first });
          }
          const broken = brokenConstraint(field, value, cast.value);
          if (broken) report(broken, ctx.row, field, { bound: String(field.constraints?.[broken]) });
        }
        if (compositeKey) checkCompositeKey(compositeKey, cells, ctx.row);
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
