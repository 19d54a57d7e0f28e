import { defineRule } from '../../src/engine/rule-api.js';
import { columnAt, datasetGender } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/**
 * One sex column, codes from several schemes: "F" next to "V" (femme/vrouw), "1"/"2" next to
 * "M"/"F", "Homme" next to "Female". Reported where the first code of a minority scheme appears.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'gender/mixed-sex-codes',
    family: 'gender',
    description: 'A sex column mixes codes of several schemes (e.g. French F and Dutch V, or 1/2 and M/F).',
    rationale:
      'A sex dimension is only usable when every value has one meaning: tallies by "F" silently miss the rows coded "V" ' +
      '(vrouw) or "2". Use one code list per column, ideally SDMX CL_SEX (F, M, _T) or ISO/IEC 5218 (1, 2). ' +
      'UNSTATS gender statistics require data disaggregated by sex as a primary classification.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      mixed: 'column "{{column}}" mixes sex codes of {{schemes}}: "{{value}}" ({{valueScheme}}) among {{dominant}} ({{dominantScheme}})',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        for (const t of datasetGender(ds)?.tables ?? []) {
          for (const c of t.sexColumns) {
            const [dominant, minority] = c.mixedSchemes ?? [];
            if (!dominant || !minority) continue;
            // The earliest value of any minority scheme is where the column stops being consistent.
            const minorityValues = new Set(c.mixedSchemes!.slice(1).flatMap((s) => s.values));
            const first = c.values.filter((v) => minorityValues.has(v.value)).sort((a, b) => a.firstRow - b.firstRow)[0]!;
            const scheme = c.mixedSchemes!.find((s) => s.values.includes(first.value))!;
            context.report({
              messageId: 'mixed',
              data: {
                column: c.column,
                schemes: c.schemeLabel,
                value: first.value,
                valueScheme: scheme.label,
                dominant: dominant.values.map((v) => `"${v}"`).join(', '),
                dominantScheme: dominant.label,
              },
              location: columnAt(t, c.column, first.firstRow),
            });
          }
        }
      },
    });
  },
});
