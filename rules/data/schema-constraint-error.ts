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
}

/** The primary key (one field or several): their columns, and the keys seen (bounded). */
interface PrimaryKey {
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
      'A primary key (one field or several) is unique and not empty. ' +
      'Frictionless: `constraint-error`, `unique-error`, `primary-key`; csvlint: `missing_value`, `unique`, `below_minimum`, `above_maximum`, `pattern`, `min_length`, `max_length`.',
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
        primaryKey: ['primary-key'],
        primaryKeyEmpty: ['primary-key'],
      },
      csvlint: {
        required: ['missing_value'],
        minimum: ['below_minimum'],
        maximum: ['above_maximum'],
        minLength: ['min_length'],
        maxLength: ['max_length'],
        pattern: ['pattern'],
        unique: ['unique'],
        primaryKey: ['unique'],
        primaryKeyEmpty: ['missing_value'],
      },
    },
    needsRows: true,
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxUniqueValues: { type: 'integer', minimum: 1, description: 'Values remembered per unique field (21 to 29 bytes each); later values are compared with them but not remembered.' },
      },
    },
    defaultOptions: { maxFindings: 10, maxUniqueValues: 1_000_000 },
    messages: {
      required: 'row {{row}}: "{{field}}" is required but empty',
      unique: 'row {{row}}: the value of "{{field}}" repeats row {{first}}, but the field is unique',
      primaryKey: 'row {{row}}: the primary key ({{field}}) repeats row {{first}}',
      primaryKeyEmpty: 'row {{row}}: the primary key ({{field}}) is empty',
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
    let primaryKeyCheck: PrimaryKey | undefined;
    let missing = new Set<string>();
    let limit: FindingLimit;
    const report = (messageId: string, row: number, field: TableSchemaField, extra: Record<string, string | number> = {}) => {
      if (!limit.take(row)) return;
      context.report({ messageId, data: { row, field: field.name, ...extra }, location: { file: table.path, row, field: field.name } });
    };
    /**
     * Frictionless: no two rows have the same key; a key whose fields are all empty is an error,
     * one with some empty fields is a value like any other (key fields are not implicitly required).
     */
    const checkPrimaryKey = (key: PrimaryKey, cells: readonly string[], row: number) => {
      const values = key.columns.map((c) => cells[c] ?? '');
      const field = key.fields.map((f) => f.name).join(', ');
      if (values.every((v) => missing.has(v))) {
        report('primaryKeyEmpty', row, key.fields[0]!, { field });
        return;
      }
      const first = key.seen.add(hash53(values), row);
      if (first) report('primaryKey', row, key.fields[0]!, { first, field });
    };
    return {
      table(t, dist) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
        checked = [];
        primaryKeyCheck = undefined;
        const schema = dist.schema;
        if (!schema?.fields) return false; // nothing to check in its rows
        missing = new Set(missingValues(schema));
        const columns = fieldColumns(schema, t.header);
        const primaryKey = ([] as string[]).concat(schema.primaryKey ?? []);
        schema.fields.forEach((field, i) => {
          // An invalid pattern is data/table-schema-invalid's; one RE2 cannot run is this rule's to say.
          const problem = invalidPattern(field) ? undefined : patternProblem(field);
          if (problem) context.report({ messageId: 'patternUnsupported', data: { field: field.name, reason: problem }, location: schemaLocation(dist, `/fields/${i}/constraints/pattern`) });
          const c = field.constraints ?? {};
          const column = columns[i];
          if (Object.keys(c).length === 0) return;
          // A required field without a column has no value on any row (Frictionless reports each row;
          // data/schema-header-mismatch says the column is missing). Its other constraints have nothing to check.
          if (column === undefined) {
            if (c.required === true) checked.push({ field, column: -1, required: true });
            return;
          }
          checked.push({ field, column, required: c.required === true, ...(c.unique === true ? { seen: new HashSeen(context.options.maxUniqueValues) } : {}) });
        });
        // The primary key (a field without a column: data/schema-header-mismatch says so).
        if (primaryKey.length > 0) {
          const keyFields = primaryKey.map((name) => schema.fields.findIndex((f) => f.name === name));
          const keyColumns = keyFields.map((i) => (i < 0 ? undefined : columns[i]));
          if (keyColumns.every((c) => c !== undefined)) {
            primaryKeyCheck = { fields: keyFields.map((i) => schema.fields[i]!), columns: keyColumns as number[], seen: new HashSeen(context.options.maxUniqueValues) };
          }
        }
        if (!checked.length && !primaryKeyCheck) return false;
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
        if (primaryKeyCheck) checkPrimaryKey(primaryKeyCheck, cells, ctx.row);
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
