import { defineRule, FindingLimit, HashSeen, hash53, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { castCell, fieldColumns, missingValues, schemaLocation } from '../../src/knowledge/table-schema.js';
import type { Dataset, Distribution, SourceLocation, TableInfo, TableSchemaField } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
  maxKeys: number;
}

/** The keys of one referenced table (`resource` + `fields`), collected while it is read. */
interface KeySet {
  dist: Distribution;
  fields: string[];
  seen?: HashSeen;
  /** A key came when `seen` was full: it may not have been kept. */
  truncated?: boolean;
  /** Columns of `fields` in the table being read, when it is this one, and their schema fields. */
  columns?: number[];
  typed?: (TableSchemaField | undefined)[];
  missing?: Set<string>;
}

/** One foreign key of one table: its rows' keys, kept (bounded) until the referenced keys are all known. */
interface ForeignKey {
  dist: Distribution;
  fields: string[];
  target: KeySet;
  resource: string;
  at: SourceLocation;
  file?: string;
  columns?: number[];
  typed?: (TableSchemaField | undefined)[];
  missing?: Set<string>;
  hashes: number[];
  rows: number[];
  /** Rows whose key was not kept (past `maxKeys`). */
  dropped: number;
}

/**
 * The key of a row as compared: each value cast to its field's type when it has one (`01` and `1`
 * are the same integer, as Frictionless compares them), or undefined when a value is not of its
 * type (data/schema-type-error reports it; Frictionless takes it for null).
 */
function keyOf(cells: readonly string[], columns: number[], typed: (TableSchemaField | undefined)[], missing: Set<string>): string[] | undefined {
  const key: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const raw = cells[columns[i]!] ?? '';
    const field = typed[i];
    if (!field?.type || field.type === 'string' || field.type === 'any' || missing.has(raw)) {
      key.push(raw);
      continue;
    }
    const cast = castCell(field, raw);
    if (!cast.ok) return undefined;
    key.push(typeof cast.value === 'number' ? String(cast.value) : raw);
  }
  return key;
}

const list = (v: unknown): string[] | undefined => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/foreign-key',
    family: 'data',
    description: 'A row’s foreign key (Table Schema `foreignKeys`) has no matching row in the referenced resource of the package, or in its own table.',
    rationale:
      'A foreign key promises that every code in one table exists in another (a station of a reading, a municipality of a budget line); a dangling one breaks joins and hides data from aggregates. ' +
      'Checked within a Data Package: self-references and references to other resources read from disk, in bounded memory (a 53-bit hash per key). ' +
      'Frictionless: `foreign-key`; csvlint (CSVW): `unmatched_foreign_key_reference`.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxKeys: { type: 'integer', minimum: 1, description: 'Keys remembered per referenced table and per referencing table (21 to 29 bytes each); past it the check says it was partial.' },
      },
    },
    defaultOptions: { maxFindings: 10, maxKeys: 1_000_000 },
    equivalents: { frictionless: { missing: ['foreign-key'] }, csvlint: { missing: ['unmatched_foreign_key_reference'] } },
    messages: {
      missing: 'row {{row}}: no row of {{resource}} has this {{fields}} (as {{reference}})',
      more: '{{count}} more rows have foreign keys not found in {{resource}} (rows {{firstRow}} to {{lastRow}})',
      unknownResource: 'the foreign key on {{fields}} references the resource "{{resource}}", which the package does not have',
      unknownField: 'the foreign key names the field "{{field}}", which {{resource}} does not have',
      notChecked: 'the foreign key on {{fields}} was not checked: {{reason}}',
      partial: 'the foreign key on {{fields}} was checked only in part: more than {{maxKeys}} keys (option maxKeys)',
    },
  },
  create(context) {
    let keySets: KeySet[] = [];
    let foreignKeys: ForeignKey[] = [];
    /** Tables read, by distribution (a file shared by two distributions is read for the first). */
    const read = new Set<Distribution>();
    let reading: { table: TableInfo; sets: KeySet[]; keys: ForeignKey[] } | undefined;

    const keySet = (dist: Distribution, fields: string[]): KeySet => {
      let set = keySets.find((k) => k.dist === dist && k.fields.join('\0') === fields.join('\0'));
      if (!set) keySets.push((set = { dist, fields }));
      return set;
    };

    /** The foreign keys of every table of the dataset, before any is read. */
    const plan = (ds: Dataset) => {
      keySets = [];
      foreignKeys = [];
      ds.distributions.forEach((dist) => {
        const fks = dist.schema?.foreignKeys;
        if (!Array.isArray(fks)) return;
        fks.forEach((fk: unknown, k) => {
          const at = schemaLocation(dist, `/foreignKeys/${k}`);
          const def = (fk ?? {}) as { fields?: unknown; reference?: { resource?: unknown; fields?: unknown } };
          const fields = list(def.fields);
          const refFields = list(def.reference?.fields);
          if (!fields || !refFields || fields.length !== refFields.length) return; // an invalid schema: data/table-schema-invalid
          const name = typeof def.reference?.resource === 'string' ? def.reference.resource : '';
          const target = name === '' ? dist : ds.distributions.find((d) => d.id === name);
          const shown = fields.map((f) => `"${f}"`).join(', ');
          if (!target) {
            context.report({ messageId: 'unknownResource', data: { fields: shown, resource: name }, location: schemaLocation(dist, `/foreignKeys/${k}/reference/resource`) });
            return;
          }
          const resource = name === '' ? 'its own table' : `resource "${name}"`;
          const own = dist.schema!.fields.map((f) => f.name);
          const theirs = target.schema?.fields?.map((f) => f.name);
          const unknown = fields.find((f) => !own.includes(f)) ?? refFields.find((f) => theirs && !theirs.includes(f));
          if (unknown !== undefined) {
            context.report({ messageId: 'unknownField', data: { field: unknown, resource: own.includes(unknown) ? resource : 'its table' }, location: at });
            return;
          }
          foreignKeys.push({ dist, fields, target: keySet(target, refFields), resource, at, hashes: [], rows: [], dropped: 0 });
        });
      });
    };

    /** Columns of `fields` in `table`: through the schema when there is one, else by header name. */
    const columnsOf = (dist: Distribution, table: TableInfo, fields: string[]): number[] | undefined => {
      const names = table.header.map((h) => h.trim());
      const byField = dist.schema?.fields ? fieldColumns(dist.schema, table.header) : undefined;
      const cols = fields.map((f) => {
        const i = dist.schema?.fields?.findIndex((x) => x.name === f) ?? -1;
        return i >= 0 && byField ? byField[i] : names.indexOf(f) >= 0 ? names.indexOf(f) : undefined;
      });
      return cols.every((c) => c !== undefined) ? (cols as number[]) : undefined;
    };

    return {
      dataset(ds) {
        plan(ds);
      },
      table(table, dist) {
        reading = undefined;
        if (read.has(dist)) return false; // nothing to check in its rows
        read.add(dist);
        const sets = keySets.filter((k) => k.dist === dist);
        const keys = foreignKeys.filter((k) => k.dist === dist);
        const missing = new Set(dist.schema ? missingValues(dist.schema) : ['']);
        const typed = (fields: string[]) => fields.map((f) => dist.schema?.fields?.find((x) => x.name === f));
        for (const s of sets) {
          s.columns = columnsOf(dist, table, s.fields);
          s.typed = typed(s.fields);
          s.missing = missing;
          s.seen = new HashSeen(context.options.maxKeys);
          s.truncated = false;
        }
        for (const k of keys) {
          k.columns = columnsOf(dist, table, k.fields);
          k.typed = typed(k.fields);
          k.missing = missing;
          k.file = table.path;
        }
        reading = { table, sets, keys };
        if (!sets.length && !keys.length) return false;
      },
      row(cells, ctx) {
        if (!reading) return;
        for (const s of reading.sets) {
          if (!s.columns) continue;
          if (s.columns.every((c) => s.missing!.has(cells[c] ?? ''))) continue;
          const key = keyOf(cells, s.columns, s.typed!, s.missing!);
          if (!key) continue;
          s.truncated ||= s.seen!.full;
          s.seen!.add(hash53(key), ctx.row);
        }
        for (const k of reading.keys) {
          if (!k.columns) continue;
          if (k.columns.every((c) => k.missing!.has(cells[c] ?? ''))) continue; // no key at all: nothing referenced (Frictionless)
          const key = keyOf(cells, k.columns, k.typed!, k.missing!);
          if (!key) continue;
          if (k.hashes.length >= context.options.maxKeys) {
            k.dropped++;
            continue;
          }
          k.hashes.push(hash53(key));
          k.rows.push(ctx.row);
        }
      },
      end() {
        for (const k of foreignKeys) {
          const fields = k.fields.map((f) => `"${f}"`).join(', ');
          if (!read.has(k.dist)) {
            if (context.settings.data) context.report({ messageId: 'notChecked', data: { fields, reason: 'its table was not read (no local CSV file)' }, location: k.at, severity: 'info' });
            continue;
          }
          const { seen, columns, truncated } = k.target;
          if (!read.has(k.target.dist) || !seen) {
            context.report({ messageId: 'notChecked', data: { fields, reason: `${k.resource} was not read (no local CSV file)` }, location: k.at, severity: 'info' });
            continue;
          }
          if (!columns || !k.columns) {
            const which = !k.columns ? 'its own columns' : `the columns of ${k.resource}`;
            context.report({ messageId: 'notChecked', data: { fields, reason: `${which} are not all in the file's header` }, location: k.at, severity: 'info' });
            continue;
          }
          // Past maxKeys a key not found may just not have been kept: only a complete set can prove a miss.
          const partial = truncated || k.dropped > 0;
          if (!truncated) {
            const limit = new FindingLimit(context.options.maxFindings);
            const reference = k.target.fields.join(', ');
            k.hashes.forEach((h, i) => {
              if (seen.has(h)) return;
              const row = k.rows[i]!;
              if (limit.take(row)) context.report({ messageId: 'missing', data: { row, fields, resource: k.resource, reference }, location: { file: k.file!, row, field: k.fields[0]! } });
            });
            const more = limit.overflow();
            if (more) context.report({ messageId: 'more', data: { ...more, resource: k.resource }, location: { file: k.file!, row: more.firstRow } });
          }
          if (partial) context.report({ messageId: 'partial', data: { fields, maxKeys: context.options.maxKeys }, location: k.at, severity: 'info' });
          k.hashes = [];
          k.rows = [];
        }
      },
    };
  },
});
