import { defineRule } from '../../src/engine/rule-api.js';
import {
  below,
  SPECIAL_CATEGORY_LABELS,
  specialCategoriesInText,
  type CountColumns,
  type ShapeSample,
  type ShapeSpec,
  type SpecialCategory,
  type SpecialValueSample,
  type PersonalDataScan,
  type TableProfile,
} from '../../src/knowledge/personal-data/index.js';
import { cellAt, PERSONAL_DATA_SCAN, rowList } from './_shared.js';

interface Options {
  threshold: number;
  sampleSize: number;
}

/** Age columns with single years (`42`), not bands (`40-44`). */
const SINGLE_YEAR_AGES: ShapeSpec = { categories: ['age'], test: (v) => /^\d{1,3}$/.test(v), mask: (v) => v };

/** Header cells that are postcodes or municipality codes: a wide table by fine geography. */
const GEO_CODE_HEADER = /^\d{4,5}$/;

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'personal-data/small-counts',
    family: 'personal-data',
    description: 'A count column of a statistical table has cells between 1 and the threshold (statistical disclosure).',
    rationale:
      'A count of 1 to 4 people in a cell of a published table can reveal who they are and something about them ' +
      '(Eurostat and national statistical offices suppress or group such cells; GDPR recital 26 on identifiability). ' +
      'Fine geography, single-year ages and sensitive topics (GDPR Art. 9/10) raise the risk and the severity: info ' +
      'without any of them, warning with one, error with two or more. Suppression markers (x, c, .., :, <5, ' +
      'confidentiel, SDMX Q) are recognised as intended.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        threshold: { type: 'integer', minimum: 2, description: 'Counts strictly between 0 and this value are small (default 5).' },
        sampleSize: { type: 'integer', minimum: 10, description: 'Rows sampled for single-year ages and sensitive category values (default 1000).' },
      },
    },
    defaultOptions: { threshold: 5, sampleSize: 1000 },
    messages: {
      smallCounts:
        'column "{{column}}" has {{small}} of {{cells}} counts between 1 and {{max}} (rows {{rows}}){{factors}}; {{suppressed}} cells carry a suppression marker: suppress or group cells below {{threshold}}',
    },
  },
  create(context) {
    const { threshold, sampleSize } = context.options;
    // The dataset's sensitive topics matter only for a count column: read at the first data
    // file, not in a `dataset` hook (most datasets of a catalogue have none).
    let topics: SpecialCategory[] | undefined;
    let scan: PersonalDataScan | undefined;
    let counts: CountColumns | undefined;
    let ages: ShapeSample | undefined;
    let specialValues: SpecialValueSample | undefined;
    return {
      table(table, _dist, ds) {
        topics ??= ds.source.format === 'data-file' ? [] : specialCategoriesInText([...Object.values(ds.title ?? {}), ...ds.keywords, ...ds.themes].join(' '));
        scan = context.analysis(PERSONAL_DATA_SCAN, table);
        counts = scan.countColumns(threshold);
        ages = scan.sampleShapes(SINGLE_YEAR_AGES, sampleSize);
        specialValues = scan.sampleSpecialValues(sampleSize);
      },
      endTable(table) {
        if (!scan || !counts || !ages || !specialValues) return;
        const factors = aggravatingFactors(scan.profile, table.header, ages, specialValues, topics ?? []);
        const severity = below(context.severity, 2 - Math.min(2, factors.length));
        for (const { column, tally } of counts.confirmed) {
          if (tally.small === 0) continue;
          context.report({
            messageId: 'smallCounts',
            severity,
            data: {
              column: column.name,
              small: tally.small,
              cells: tally.counts,
              max: threshold - 1,
              threshold,
              rows: rowList(tally.smallRows),
              suppressed: tally.suppressed,
              factors: factors.length ? `, with ${factors.join(' and ')}` : '',
            },
            location: cellAt(table, column, tally.smallRows[0]),
          });
        }
      },
    };
  },
});

/** What makes small counts riskier in this table: fine geography, single-year age, a sensitive topic. */
function aggravatingFactors(
  profile: TableProfile,
  header: readonly string[],
  ages: ShapeSample,
  specialValues: SpecialValueSample,
  topics: SpecialCategory[],
): string[] {
  const factors: string[] = [];
  const geo = profile.fineGeography.map((c) => `"${c.name}"`);
  if (geo.length === 0 && header.filter((h) => GEO_CODE_HEADER.test(h.trim())).length >= 3) geo.push('postcodes as columns');
  if (geo.length) factors.push(`fine geography (${geo.join(', ')})`);
  const fineAge = profile.of('age').filter((c) => {
    const s = ages.get(c);
    return s.sampled > 0 && s.matching >= 0.8 * s.sampled;
  });
  const birth = profile.of('birth-date', 'birth-year');
  if (fineAge.length || birth.length) factors.push(`single-year age or birth date (${[...fineAge, ...birth].map((c) => `"${c.name}"`).join(', ')})`);
  const sensitive = new Set<SpecialCategory>([
    ...topics,
    ...profile.special.map((c) => c.special!),
    ...specialValues.found().flatMap((f) => f.categories),
  ]);
  if (sensitive.size) factors.push(`a sensitive topic (${[...sensitive].map((c) => SPECIAL_CATEGORY_LABELS[c]).join(', ')})`);
  return factors;
}
