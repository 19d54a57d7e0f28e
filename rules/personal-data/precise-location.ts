import { defineRule } from '../../src/engine/rule-api.js';
import { PRECISE_DECIMALS, type PersonalDataScan, type PointSample } from '../../src/knowledge/personal-data/index.js';
import { cellAt, GDPR_RATIONALE, PERSONAL_DATA_SCAN, rowList, SAMPLE_SIZE_OPTION } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/precise-location',
    family: 'personal-data',
    description: 'A file about individual people gives their location with house-level precision (4 or more decimals of a degree).',
    rationale:
      'Four decimals of a degree are about 11 m: a point that precise next to a person locates their home (EDPB Guidelines ' +
      '04/2020 on location data; CNIL guidance on geolocated open data). Round to 2 decimals (about 1 km) or aggregate by area. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: {
      precise:
        'column "{{column}}" locates individual people to about 11 m: {{count}} of {{sampled}} sampled points have {{decimals}} or more decimals (rows {{rows}}; e.g. {{sample}})',
    },
  },
  create(context) {
    let scan: PersonalDataScan | undefined;
    let points: PointSample | undefined;
    return {
      // The points are sampled by the shared scan (a part that leaves its rows once full): no row hook.
      table(table) {
        scan = context.analysis(PERSONAL_DATA_SCAN, table);
        points = scan.samplePoints(context.options.sampleSize);
      },
      endTable(table) {
        if (!scan?.personLevel || !points) return;
        for (const s of points.sources) {
          if (s.sampled === 0 || s.precise < 0.5 * s.sampled) continue;
          context.report({
            messageId: 'precise',
            data: {
              column: s.columns.map((c) => c.name).join('" + "'),
              count: s.precise,
              sampled: s.sampled,
              decimals: PRECISE_DECIMALS,
              rows: rowList(s.rows),
              sample: s.sample!,
            },
            location: cellAt(table, s.columns[0]!, s.rows[0]),
          });
        }
        points = undefined;
        scan = undefined;
      },
    };
  },
});
