import { describe, it, expect } from 'vitest';
import { FORMATS, compatibleFormats, effectiveFormat, formatFromPath, resolveFormat, euFileTypeUri, normaliseFormats } from '../../src/knowledge/formats.js';

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
