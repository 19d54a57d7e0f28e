import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { cellValue, checkList, checkOptionsSchema, tableFields, type FieldRef } from '../../src/knowledge/field-checks.js';
import { FormulaError, parseFormula, type Formula } from '../../src/knowledge/row-formula.js';
import { isBlankRow, type TableInfo } from '../../src/model/index.js';

interface Check {
  formula: string;
}
type Options = Partial<Check> & { checks?: Check[]; maxFindings: number };

interface Constraint {
  source: string;
  formula: Formula;
  fields: Map<string, FieldRef>;
  limit: FindingLimit;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/row-constraint',
    family: 'data',
    description: 'A row breaks a constraint between its fields, written as a formula (`salary == bonus * 5`, `end >= start`).',
    rationale:
      'Rules that tie fields together (a total equals the sum of its parts, an end date follows its start) catch errors that no single-field check sees. ' +
      'Opt-in: write the `formula`, in the Python expression syntax frictionless uses; it is evaluated by odlint’s own evaluator, which cannot run code. ' +
      'Frictionless: `row-constraint`.',
    severity: 'error',
    presets: [],
    needsRows: true,
    optionsSchema: checkOptionsSchema(
      { formula: { type: 'string', description: 'A Python expression over the row’s field names that must be true (frictionless `formula`).' } },
      ['formula'],
      MAX_FINDINGS_OPTION,
    ),
    defaultOptions: { maxFindings: 10 },
    messages: {
      violated: 'row {{row}} does not satisfy the row constraint {{formula}}',
      error: 'row {{row}}: the row constraint {{formula}} cannot be evaluated: {{reason}}',
      more: '{{count}} more rows do not satisfy the row constraint {{formula}} (rows {{firstRow}} to {{lastRow}})',
      invalidFormula: 'the row constraint {{formula}} is not a valid formula: {{reason}}',
      unknownField: 'the row constraint {{formula}} names "{{field}}", which this table does not have',
    },
    equivalents: {
      frictionless: { violated: ['row-constraint'], error: ['row-constraint'], more: ['row-constraint'], invalidFormula: ['row-constraint'], unknownField: ['row-constraint'] },
    },
  },
  create(context) {
    let table: TableInfo;
    let constraints: Constraint[] = [];
    // Parsed once per dataset: a formula is the same for every table.
    const parsed = checkList(context.options, 'formula').map((c): { source: string; formula: Formula } | { source: string; reason: string } => {
      try {
        return { source: c.formula, formula: parseFormula(c.formula) };
      } catch (err) {
        if (!(err instanceof FormulaError)) throw err;
        return { source: c.formula, reason: err.message };
      }
    });
    return {
      table(t, dist) {
        table = t;
        constraints = [];
        const byName = new Map(tableFields(t.header, dist.schema).map((f) => [f.name, f]));
        for (const p of parsed) {
          if (!('formula' in p)) {
            context.report({ messageId: 'invalidFormula', data: { formula: p.source, reason: p.reason }, location: { file: t.path } });
            continue;
          }
          // A name the table lacks would fail every row: said once (info: options may be shared by
          // tables of other shapes), and the formula is not run on this table.
          const unknown = p.formula.names.find((n) => !byName.has(n));
          if (unknown !== undefined) context.report({ messageId: 'unknownField', data: { formula: p.source, field: unknown }, location: { file: t.path }, severity: 'info' });
          else constraints.push({ source: p.source, formula: p.formula, fields: byName, limit: new FindingLimit(context.options.maxFindings) });
        }
        if (!constraints.length) return false; // nothing to check in its rows
      },
      row(cells, ctx) {
        if (isBlankRow(cells)) return; // data/blank-rows
        for (const c of constraints) {
          let ok: boolean;
          let reason: string | undefined;
          try {
            ok = c.formula.test((name) => {
              const ref = c.fields.get(name);
              return ref ? cellValue(cells, ref) : undefined;
            });
          } catch (err) {
            if (!(err instanceof FormulaError)) throw err;
            ok = false;
            reason = err.message;
          }
          if (ok || !c.limit.take(ctx.row)) continue;
          const location = { file: table.path, row: ctx.row };
          if (reason === undefined) context.report({ messageId: 'violated', data: { row: ctx.row, formula: c.source }, location });
          else context.report({ messageId: 'error', data: { row: ctx.row, formula: c.source, reason }, location });
        }
      },
      endTable(t) {
        for (const c of constraints) {
          const more = c.limit.overflow();
          if (more) context.report({ messageId: 'more', data: { ...more, formula: c.source }, location: { file: t.path, row: more.firstRow } });
        }
      },
    };
  },
});
