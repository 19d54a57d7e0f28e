import { defineRule } from '../../src/engine/rule-api.js';
import {
  SPECIAL_CATEGORY_LABELS,
  type CountColumns,
  type PersonalDataScan,
  type SpecialCategory,
  type SpecialValueSample,
} from '../../src/knowledge/personal-data/index.js';
import { cellAt, GDPR_RATIONALE, PERSONAL_DATA_SCAN } from './_shared.js';

interface Options {
  sampleSize: number;
  threshold: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'personal-data/special-category',
    family: 'personal-data',
    description:
      'A file about individual people, or a table with small counts, holds GDPR special-category data (health, ethnic origin, religion, politics, union, sexual orientation, genetic/biometric, criminal).',
    rationale:
      'Processing special categories of personal data is prohibited unless an exception of GDPR Art. 9(2) applies; data on ' +
      'criminal convictions and offences only under official authority (Art. 10). Aggregates with large counts are fine; ' +
      'person-level rows or small counts on these topics are not. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        sampleSize: { type: 'integer', minimum: 10, description: 'Rows sampled for sensitive category values (default 1000).' },
        threshold: { type: 'integer', minimum: 2, description: 'Counts below this are small (default 5), as in personal-data/small-counts.' },
      },
    },
    defaultOptions: { sampleSize: 1000, threshold: 5 },
    messages: {
      personLevel: 'column "{{column}}" holds {{category}} about individual people{{evidence}}',
      smallCounts: 'column "{{column}}" is about {{category}} and the table has counts below {{threshold}}{{evidence}}',
    },
  },
  create(context) {
    let scan: PersonalDataScan | undefined;
    let counts: CountColumns | undefined;
    let values: SpecialValueSample | undefined;
    return {
      table(table) {
        scan = context.analysis(PERSONAL_DATA_SCAN, table);
        counts = scan.countColumns(context.options.threshold);
        values = scan.sampleSpecialValues(context.options.sampleSize);
      },
      endTable(table) {
        if (!scan || !counts || !values) return;
        const { profile, personLevel, firstRow } = scan;
        const smallCounts = counts.confirmed.some((c) => c.tally.small > 0);
        if (!personLevel && !smallCounts) return;
        const found = new Map<number, { categories: SpecialCategory[]; evidence: string; row?: number }>();
        for (const c of profile.special) found.set(c.index, { categories: [c.special!], evidence: ' (by its name)', row: firstRow });
        for (const f of values.found()) {
          if (!found.has(f.column.index)) found.set(f.column.index, { categories: f.categories, evidence: ' (by its values)', row: f.row });
        }
        for (const [index, f] of found) {
          const column = profile.columns[index]!;
          context.report({
            messageId: personLevel ? 'personLevel' : 'smallCounts',
            data: {
              column: column.name,
              category: f.categories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join(', '),
              evidence: f.evidence,
              threshold: context.options.threshold,
            },
            location: cellAt(table, column, f.row),
          });
        }
      },
    };
  },
});
