import { defineRule } from '../../src/engine/rule-api.js';
import {
  degree,
  decimalsOf,
  maskCoordinate,
  parsePoint,
  PRECISE_DECIMALS,
  type ColumnRole,
  type PersonalDataScan,
} from '../../src/knowledge/personal-data/index.js';
import { cellAt, GDPR_RATIONALE, PERSONAL_DATA_SCAN, rowList, SAMPLE_SIZE_OPTION } from './_shared.js';

/** Where points are read: a latitude/longitude column pair, or one column of points. */
interface PointSource {
  columns: ColumnRole[];
  read(cells: readonly string[]): { decimals: number; text: string } | undefined;
  sampled: number;
  precise: number;
  rows: number[];
  sample?: string;
}

function pairSource(lat: ColumnRole, lon: ColumnRole): PointSource {
  return {
    columns: [lat, lon],
    read(cells) {
      const a = cells[lat.index]?.trim() ?? '';
      const o = cells[lon.index]?.trim() ?? '';
      if (degree(a, 90) === undefined || degree(o, 180) === undefined) return undefined;
      return { decimals: Math.min(decimalsOf(a), decimalsOf(o)), text: `${a}, ${o}` };
    },
    sampled: 0,
    precise: 0,
    rows: [],
  };
}

function pointSource(column: ColumnRole): PointSource {
  return {
    columns: [column],
    read(cells) {
      const text = cells[column.index]?.trim() ?? '';
      const p = parsePoint(text);
      return p && { decimals: p.decimals, text: `${p.lat}, ${p.lon}` };
    },
    sampled: 0,
    precise: 0,
    rows: [],
  };
}

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
    let sources: PointSource[] = [];
    return {
      table(table) {
        scan = context.analysis(PERSONAL_DATA_SCAN, table);
        const { profile } = scan;
        const lats = profile.of('latitude');
        const lons = profile.of('longitude');
        sources = [
          ...lats.flatMap((lat, i) => (lons[i] ? [pairSource(lat, lons[i])] : [])),
          ...profile.of('coordinates').map(pointSource),
        ];
        // No coordinate column: nothing to read in the rows.
        if (sources.length === 0) return false;
      },
      row(cells, ctx) {
        for (const s of sources) {
          if (s.sampled >= context.options.sampleSize) continue;
          const point = s.read(cells);
          if (!point) continue;
          s.sampled++;
          if (point.decimals < PRECISE_DECIMALS) continue;
          s.precise++;
          if (s.rows.length < 5) s.rows.push(ctx.row);
          s.sample ??= maskCoordinate(point.text);
        }
      },
      endTable(table) {
        if (!scan?.personLevel) return;
        for (const s of sources) {
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
        sources = [];
        scan = undefined;
      },
    };
  },
});
