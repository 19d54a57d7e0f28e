import { defineRule } from '../../src/engine/rule-api.js';
import { jsonSummaryFacts } from '../../src/model/index.js';

const TYPES = 'FeatureCollection, Feature or a geometry';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/geojson-invalid',
    family: 'data',
    description: 'A GeoJSON file does not follow RFC 7946: no valid type, malformed features or geometries, projected coordinates, a `crs` member.',
    rationale:
      'Web maps and GIS tools expect RFC 7946: WGS 84 longitude/latitude (projected coordinates such as Belgian Lambert 72 land in the ocean off Africa, or nowhere), ' +
      'features with a geometry and properties. Frictionless: none (GeoJSON is checked only as a `geojson` field type); ogr2ogr / geojsonhint report the same.',
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      type: 'the top-level "type" is {{type}}, not {{types}}',
      invalid: '{{count}} feature(s) or geometries are malformed (no "geometry", wrong coordinates), first: feature {{first}}',
      outOfRange: '{{count}} feature(s) have coordinates outside longitude ±180 / latitude ±90, first: feature {{first}}; GeoJSON must use WGS 84 (EPSG:4326)',
      crs: 'the file has a "crs" member: RFC 7946 removed it and requires WGS 84 coordinates',
    },
  },
  create(context) {
    return {
      endTable(table, summary) {
        const geo = jsonSummaryFacts(summary)?.geojson;
        if (!geo) return;
        const location = { file: table.path };
        if (!geo.type || !/^(FeatureCollection|Feature|Point|MultiPoint|LineString|MultiLineString|Polygon|MultiPolygon|GeometryCollection)$/.test(geo.type)) {
          context.report({ messageId: 'type', data: { type: geo.type ? `"${geo.type}"` : 'missing', types: TYPES }, location });
          return;
        }
        if (geo.invalid.count) context.report({ messageId: 'invalid', data: { ...geo.invalid }, location });
        if (geo.outOfRange.count) context.report({ messageId: 'outOfRange', data: { ...geo.outOfRange }, location });
        if (geo.crs) context.report({ messageId: 'crs', location });
      },
    };
  },
});
