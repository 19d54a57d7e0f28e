import { describe, it, expect } from 'vitest';
import {
  FORMATS,
  UDATA_CLOSED_FORMATS,
  compatibleFormats,
  effectiveFormat,
  euFileType,
  euFileTypeUri,
  formatFromPath,
  formatNamed,
  ianaMediaType,
  isIanaMediaType,
  normaliseFormats,
  resolveFormat,
} from '../../src/knowledge/formats.js';

describe('resolveFormat: what portals write', () => {
  it.each([
    ['CSV', 'csv'],
    ['text/csv; charset=utf-8', 'csv'],
    ['.csv', 'csv'],
    ['http://publications.europa.eu/resource/authority/file-type/CSV', 'csv'],
    ['https://publications.europa.eu/resource/authority/file-type/RDF_TURTLE', 'turtle'],
    ['http://www.iana.org/assignments/media-types/application/vnd.ms-excel', 'xls'],
    ['https://resources.data.gov/vocab/file-type/TODO/JSON', 'json'],
    ['page web', 'html'],
    ['www', 'html'],
    ['text/html', 'html'],
    ['ESRI Shapefile', 'shp'],
    ['shapefile', 'shp'],
    ['gtfs', 'gtfs'],
    ['ZIP+CSV', 'csv'],
    ['CSV (zip)', 'csv'],
    ['csv.gz', 'csv'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['application/geo+json', 'geojson'],
    ['application/vnd.example+json', 'json'],
    ['n-triples', 'n-triples'],
    ['parquet', 'parquet'],
    ['REST', 'api'],
  ])('%s → %s', (raw, id) => {
    expect(resolveFormat(raw)?.id).toBe(id);
  });

  it('knows nothing of unknown names', () => {
    expect(resolveFormat('r package')).toBeUndefined();
    expect(resolveFormat('')).toBeUndefined();
    expect(resolveFormat('https://example.org/')).toBeUndefined();
  });
});

describe('format knowledge', () => {
  it('has unique ids, extensions and EU codes, and parents that exist', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exts = FORMATS.flatMap((f) => f.extensions);
    expect(new Set(exts).size).toBe(exts.length);
    const eu = FORMATS.flatMap((f) => (f.eu ? [f.eu] : []));
    expect(new Set(eu).size).toBe(eu.length);
    for (const f of FORMATS) if (f.parent) expect(ids, f.id).toContain(f.parent);
  });

  it('carries ckanext-qa stars and openness as published', () => {
    const f = (id: string) => FORMATS.find((x) => x.id === id)!;
    expect([f('rdf').stars, f('csv').stars, f('xlsx').stars, f('pdf').stars, f('html').stars]).toEqual([5, 3, 2, 1, 0]);
    expect([f('csv').open, f('xlsx').open, f('ods').open, f('pdf').open]).toEqual([true, false, true, false]);
    expect([f('xlsx').machineReadable, f('pdf').machineReadable]).toEqual([true, false]);
    expect(euFileTypeUri(f('geojson'))).toBe('http://publications.europa.eu/resource/authority/file-type/GEOJSON');
  });

  it('finds formats from file names and URLs', () => {
    expect(formatFromPath('https://example.org/files/data.XLSX?download=1')?.id).toBe('xlsx');
    expect(formatFromPath('data/a.csv.gz')?.id).toBe('gzip');
    expect(formatFromPath('https://example.org/download')).toBeUndefined();
  });

  it('treats a content as compatible with a more general or more specific declaration', () => {
    expect(compatibleFormats('geojson', 'json')).toBe(true);
    expect(compatibleFormats('json', 'geojson')).toBe(true);
    expect(compatibleFormats('xlsx', 'zip')).toBe(true);
    expect(compatibleFormats('csv', 'txt')).toBe(true);
    expect(compatibleFormats('tsv', 'csv')).toBe(true);
    expect(compatibleFormats('xlsx', 'csv')).toBe(false);
    expect(compatibleFormats('docx', 'xlsx')).toBe(false);
    expect(compatibleFormats('html', 'json')).toBe(false);
  });

  it('prefers the content, then the declaration, then the extension', () => {
    expect(effectiveFormat({ formatId: 'csv', localContent: { format: 'xlsx' } })).toMatchObject({ format: { id: 'xlsx' }, from: 'content' });
    expect(effectiveFormat({ formatId: 'csv', localContent: { format: 'txt' } })).toMatchObject({ format: { id: 'csv' }, from: 'declared' });
    expect(effectiveFormat({ downloadURL: 'https://x.org/a.pdf' })).toMatchObject({ format: { id: 'pdf' }, from: 'extension' });
  });

  it('normalises distributions at load time from format, else media type', () => {
    const ds = { distributions: [{ format: 'Excel' }, { mediaType: 'text/csv' }, { format: 'unknown thing' }] as { format?: string; mediaType?: string; formatId?: string }[] };
    normaliseFormats(ds);
    expect(ds.distributions.map((d) => d.formatId)).toEqual(['xls', 'csv', undefined]);
  });
});

describe('facts the scores take from the knowledge base', () => {
  const euCodesOn = (list: 'nonProprietary' | 'machineReadable') => FORMATS.filter((f) => f.mqa.includes(list)).map((f) => f.eu).sort();

  it('carries the data.europa.eu MQA lists exactly (edp-vocabularies)', () => {
    // edp-non-proprietary-format.rdf
    expect(euCodesOn('nonProprietary')).toEqual([
      'BMP', 'CSV', 'DBF', 'GEOJSON', 'GZIP', 'HTML', 'ICS', 'JPEG2000', 'JSON', 'JSON_LD', 'KML', 'KMZ', 'NETCDF', 'ODS', 'PNG',
      'RDF_N_QUADS', 'RDF_N_TRIPLES', 'RDF_TRIG', 'RDF_TURTLE', 'RDF_XML', 'RSS', 'RTF', 'TAR', 'TIFF', 'TSV', 'TXT', 'WMS_SRVC', 'XML', 'ZIP',
    ]);
    // edp-machine-readable-format.rdf
    expect(euCodesOn('machineReadable')).toEqual([
      'CSV', 'GEOJSON', 'ICS', 'JSON', 'JSON_LD', 'KML', 'KMZ', 'NETCDF', 'ODS', 'RDFA', 'RDF_N_QUADS', 'RDF_N_TRIPLES', 'RDF_TRIG',
      'RDF_TURTLE', 'RDF_XML', 'RSS', 'SHP', 'XLS', 'XLSX', 'XML',
    ]);
  });

  it('carries udata\'s CLOSED_FORMATS exactly', () => {
    expect([...UDATA_CLOSED_FORMATS].sort()).toEqual(['doc', 'docx', 'excel', 'pdf', 'word', 'xls', 'xlsx']);
  });

  it('scores every format ckanext-qa scores, under its ckanext-qa name', () => {
    // resource_format_openness_scores.json, all entries but Perl and MOP.
    const scores: [string, number][] = [
      ['N3', 5], ['SPARQL', 5], ['RDF', 5], ['TTL', 5], ['JSON_LD', 5],
      ['KML', 3], ['WCS', 3], ['WCS_SRVC', 3], ['NetCDF', 3], ['TSV', 3], ['WFS', 3], ['WFS_SRVC', 3], ['KMZ', 3], ['QGIS', 3], ['ODS', 3],
      ['JSON', 3], ['ODB', 3], ['ODF', 3], ['ODG', 3], ['XML', 3], ['GML', 3], ['WMS', 3], ['WMS_SRVC', 3], ['WMTS', 3], ['WMTS_SRVC', 3],
      ['SVG', 3], ['JPEG', 3], ['CSV', 3], ['Atom Feed', 3], ['XYZ', 3], ['PNG', 3], ['RSS', 3], ['GeoJSON', 3], ['IATI', 3], ['ICS', 3],
      ['XLS', 2], ['MDB', 2], ['ArcGIS Map Service', 2], ['BMP', 2], ['TIFF', 2], ['GEOTIFF', 2], ['XLSX', 2], ['GIF', 2], ['E00', 2],
      ['MrSID', 2], ['ArcGIS Map Preview', 2], ['Esri REST', 2], ['dBase', 2], ['DBF', 2], ['SHP', 2],
      ['PPTX', 1], ['DOC', 1], ['ArcGIS Online Map', 1], ['ZIP', 1], ['GZ', 1], ['ODT', 1], ['RAR', 1], ['TXT', 1], ['DCR', 1], ['DOCX', 1],
      ['BIN', 1], ['PPT', 1], ['ODP', 1], ['PDF', 1], ['PDF1X', 1], ['PDFA1A', 1], ['PDFA1B', 1], ['PDFA2A', 1], ['PDFA2B', 1], ['PDFA3', 1],
      ['PDFX', 1], ['PDFX1A', 1], ['PDFX2A', 1], ['PDFX4', 1], ['PDFUA', 1], ['ODC', 1], ['MXD', 1], ['TAR', 1],
      ['EXE', 0], ['JS', 0], ['OWL', 0], ['HTML', 0], ['XSLT', 0], ['RDFa', 0],
    ];
    expect(scores.filter(([name, stars]) => formatNamed(name)?.stars !== stars)).toEqual([]);
  });

  it('looks names up exactly for the scores, without resolving compound values', () => {
    expect(formatNamed('text/csv; charset=utf-8')?.id).toBe('csv');
    expect(formatNamed('http://publications.europa.eu/resource/authority/file-type/JSON_LD')?.id).toBe('jsonld');
    expect(formatNamed('CSV (zip)')).toBeUndefined();
    expect(formatNamed('csv.zip')).toBeUndefined();
    expect(resolveFormat('csv.zip')?.id).toBe('csv');
  });

  it('recognises EU file-type codes and URIs, and only IANA-registered media types', () => {
    expect(euFileType('http://publications.europa.eu/resource/authority/file-type/CSV')?.id).toBe('csv');
    expect(euFileType('rdf_turtle')?.id).toBe('turtle');
    expect(euFileType('Excel')).toBeUndefined();
    expect(euFileType('text/csv')).toBeUndefined();
    expect(ianaMediaType('text/csv; charset=utf-8')?.id).toBe('csv');
    expect(ianaMediaType('https://www.iana.org/assignments/media-types/application/vnd.shp')?.id).toBe('shp');
    expect(ianaMediaType('application/x-shapefile')).toBeUndefined();
    expect(ianaMediaType('text/json')).toBeUndefined();
    expect(resolveFormat('text/json')?.id).toBe('json');
  });

  it.each([
    ['text/markdown', true], // RFC 7763; not in formats.yaml
    ['application/vnd.apache.arrow.file', true],
    ['application/vnd.apache.parquet', true],
    ['text/csv; charset=utf-8', true],
    ['TEXT/CSV', true],
    ['https://www.iana.org/assignments/media-types/text/markdown', true],
    ['application/geo+json', true],
    ['application/sparql-results+json', true], // W3C registration mime-db lacks, from formats.yaml
    ['application/x-shapefile', false],
    ['text/json', false],
    ['application/x-zip-compressed', false],
    ['csv', false],
    ['text/csvx', false],
    ['', false],
  ])('isIanaMediaType(%s): %s', (value, registered) => {
    expect(isIanaMediaType(value)).toBe(registered);
  });

  it('gives no two formats the same name or media type (EU codes rank below names on purpose: REST is an API)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of FORMATS) {
      for (const key of new Set([f.id, ...f.names, ...f.mediaTypes, ...f.otherMediaTypes].map((k) => k.toLowerCase()))) {
        if (seen.has(key) && seen.get(key) !== f.id) clashes.push(`${key}: ${seen.get(key)} and ${f.id}`);
        seen.set(key, f.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('format lookups remembered by the value as written', () => {
  it('answer a repeated value the same, a value differing in case or spaces on its own, and an unknown one every time', () => {
    expect(formatNamed('CSV')?.id).toBe('csv');
    expect(formatNamed('CSV')).toBe(formatNamed('csv'));
    expect(formatNamed(' text/csv ')?.id).toBe('csv');
    expect(formatNamed('csv.zip')).toBeUndefined(); // exact names only
    expect(resolveFormat('csv.zip')?.id).toBe('csv'); // the data inside
    expect(formatNamed('csv.zip')).toBeUndefined(); // one lookup's memo is not the other's
    expect(formatNamed('not a format')).toBeUndefined();
    expect(formatNamed('not a format')).toBeUndefined();
    expect(formatNamed(`https://example.org/formats/${'x'.repeat(300)}/csv`)?.id).toBe('csv');
  });
});
