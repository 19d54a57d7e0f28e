import { defineRule } from '../../src/engine/rule-api.js';
import { canonicalCode, columnAt, datasetGender, quotedColumns, schemeById } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

interface Options {
  totalValues: string[];
}

/**
 * Off unless enabled: some publishers (statistical offices) are expected to give the total next
 * to women and men, as a row coded "total" in a sex column or as a "Total" column in a wide table.
 */
export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'gender/total-missing',
    family: 'gender',
    description: 'Sex-disaggregated data give women and men but no total (enable where totals are expected).',
    rationale:
      'Statistical tables disaggregated by sex usually give the total as well (SDMX CL_SEX "_T", CBS "T001038", "Total"), ' +
      'so that reusers need not add up categories that may not be exhaustive (other, unknown). UNSTATS gender statistics ' +
      'guidance; Brussels ordinance of 29 March 2012 on gender mainstreaming.',
    severity: 'warning',
    presets: [],
    needsRows: true,
    optionsSchema: {
      properties: {
        totalValues: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'More values that mean "total" in a sex column (besides each scheme\'s own total code).',
        },
      },
    },
    defaultOptions: { totalValues: [] },
    messages: {
      noTotalCode: 'column "{{column}}" gives {{values}} but no total ({{hint}})',
      noTotalColumn: 'columns {{female}} and {{male}} have no total column beside them',
    },
  },
  create(context) {
    const extra = new Set(context.options.totalValues.map(canonicalCode));
    return observeData(context, {
      end(ds) {
        for (const t of datasetGender(ds)?.tables ?? []) {
          for (const c of t.sexColumns) {
            const cats = new Set(c.values.map((v) => v.category));
            if (!(cats.has('male') && cats.has('female'))) continue;
            if (cats.has('total') || c.values.some((v) => extra.has(canonicalCode(v.value)))) continue;
            const scheme = schemeById(c.scheme);
            const hint = scheme?.totalCode ? `${scheme.label} total: "${scheme.totalCode}"` : 'add a total row';
            const values = c.values.map((v) => `"${v.value}"`).join(', ');
            context.report({ messageId: 'noTotalCode', data: { column: c.column, values, hint }, location: columnAt(t, c.column) });
          }
          const g = t.sexColumnGroup;
          if (g && g.male.length && g.female.length && !g.total.length && !t.sexColumns.length) {
            context.report({ messageId: 'noTotalColumn', data: { female: quotedColumns(g.female), male: quotedColumns(g.male) }, location: columnAt(t, g.female[0]!) });
          }
        }
      },
    });
  },
});
