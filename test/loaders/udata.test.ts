import { describe, it, expect } from 'vitest';
import { udataLoader } from '../../src/loaders/udata.js';
import { fixture, lineOf, loadFixture, parseFixture, parseText, scores, winner } from './helpers.js';

describe('udata loader: fixtures/udata/good/dataset.json (API v1 dataset)', () => {
  const { doc, result } = loadFixture(udataLoader, 'udata/good/dataset.json');
  const ds = result.datasets[0]!;

  it('is claimed by udata only', () => {
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0.95, 'dcat-us': 0 });
  });

  it('maps the dataset fields with pointers and lines', () => {
    expect(result.issues).toEqual([]);
    expect(ds.at).toEqual({ file: fixture('udata/good/dataset.json'), pointer: '' });
    expect(ds.source.format).toBe('udata');
    expect(ds.id).toBe('65f1a2b3c4d5e6f708192a3b');
    expect(ds.extras.slug).toBe('population-par-commune-et-par-sexe-2023');
    expect(ds.title).toEqual({ '': 'Population par commune et par sexe, 2023' });
    expect(ds.description?.['']?.length).toBeGreaterThan(100);
    expect(ds.keywords).toEqual(['population', 'demographie', 'sexe']);
    expect(lineOf(doc, ds.locations.keywords?.pointer)).toBe(7);
    expect(ds.licence).toEqual({ raw: 'lov2' });
    expect(ds.locations.licence?.pointer).toBe('/license');
    expect(doc.position('/license')).toEqual({ line: 8, column: 3 });
    expect(ds.frequency).toBe('annual');
    expect(ds.temporal).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(ds.landingPage).toBe('https://www.data.gouv.fr/fr/datasets/population-par-commune-et-par-sexe-2023/');
    expect(ds.issued).toBe('2023-03-15T10:02:11.120000+00:00');
  });

  it('uses last_update (the data) rather than last_modified (any edit) for modified', () => {
    expect(ds.modified).toBe('2024-03-14T08:44:00.000000+00:00');
    expect(lineOf(doc, ds.locations.modified?.pointer)).toBe(15);
  });

  it('spatial zones as strings; the granularity kept in extras', () => {
    expect(ds.spatial).toEqual(['country:fr']);
    expect(ds.locations.spatial?.pointer).toBe('/spatial/zones');
    expect(lineOf(doc, '/spatial/zones')).toBe(12);
    expect(ds.extras['spatial.granularity']).toBe('fr:commune');
  });

  it('publisher from the organization, contact point from contact_points', () => {
    expect(ds.publisher).toEqual({
      name: 'Institut national de la statistique et des études économiques (Insee)',
      url: 'https://www.data.gouv.fr/fr/organizations/insee/',
      uri: 'https://www.data.gouv.fr/api/1/organizations/insee/',
    });
    expect(ds.locations.publisher?.pointer).toBe('/organization');
    expect(lineOf(doc, '/organization')).toBe(20);
    expect(ds.contactPoint).toEqual({ name: 'Service open data', email: 'opendata@example.fr', uri: '66aa00bb11cc22dd33ee44ff' });
    expect(ds.locations['contactPoint.email']?.pointer).toBe('/contact_points/0/email');
    expect(lineOf(doc, '/contact_points/0/email')).toBe(30);
  });

  it('flags and other extras from the extras object, each at its own pointer', () => {
    expect(ds.flags).toEqual({ concernsIndividuals: true, sexDisaggregated: true, genderStatistics: false });
    expect(ds.locations['flags.concernsIndividuals']?.pointer).toBe('/extras/concerns_individuals');
    expect(lineOf(doc, '/extras/concerns_individuals')).toBe(33);
    expect(ds.extras['recommendations:sources']).toEqual(['matomo']);
    expect(ds.extras.metrics).toEqual({ views: 120, reuses: 2 });
  });

  it('maps the resource: checksum as type:value, type and schema in extras', () => {
    const dist = ds.distributions[0]!;
    expect(dist.at.pointer).toBe('/resources/0');
    expect(dist.id).toBe('2c4e6a8b-0000-4000-8000-00000000abcd');
    expect(dist.title).toEqual({ '': 'population-sexe-2023.csv' });
    expect(dist.accessURL).toBe('https://static.data.gouv.fr/resources/population/20240314/population-sexe-2023.csv');
    expect(dist.downloadURL).toBe(dist.accessURL);
    expect(dist.localPath).toBeUndefined();
    expect(dist.format).toBe('csv');
    expect(dist.mediaType).toBe('text/csv');
    expect(dist.byteSize).toBe(121);
    expect(dist.checksum).toBe('sha256:faa470396e23e90d3674f04c4db6ea4a84ec68799a6d9ab603d0a9cc5c051984');
    expect(lineOf(doc, dist.locations.checksum?.pointer)).toBe(51);
    expect(dist.issued).toBe('2023-03-15T10:05:00+00:00');
    expect(dist.modified).toBe('2024-03-14T08:44:00+00:00');
    expect(dist.extras.type).toBe('main');
    expect(dist.extras.schema).toEqual({ name: 'etalab/schema-population', version: '1.0.0', url: null });
    expect(dist.extras['check:status']).toBe(200);
    expect(dist.locations['extras.check:status']?.pointer).toBe('/resources/0/extras/check:status');
    expect(lineOf(doc, '/resources/0/extras/check:status')).toBe(55);
  });
});

describe('udata loader: fixtures/udata/bad/datasets.json (list page, defects)', () => {
  const { doc, result } = loadFixture(udataLoader, 'udata/bad/datasets.json');
  const ds = result.datasets[0]!;

  it('reads the datasets of a {data, page, page_size, total} page', () => {
    expect(winner(doc)).toBe('udata');
    expect(result.datasets).toHaveLength(1);
    expect(ds.at.pointer).toBe('/data/0');
  });

  it('leaves out what is missing or of the wrong type', () => {
    expect(ds.licence).toBeUndefined();
    expect(ds.keywords).toEqual([]);
    expect(ds.temporal).toBeUndefined();
    expect(ds.spatial).toBeUndefined();
    expect(ds.contactPoint).toBeUndefined();
    expect(ds.distributions[0]!.byteSize).toBeUndefined();
    expect(ds.distributions[0]!.checksum).toBeUndefined();
    expect(ds.distributions[0]!.format).toBe('pdf');
  });

  it('falls back to the owning user as publisher', () => {
    expect(ds.publisher).toEqual({ name: 'Jeanne Martin', url: 'https://www.data.gouv.fr/fr/users/jeanne-martin/' });
    expect(ds.locations.publisher?.pointer).toBe('/data/0/owner');
    expect(lineOf(doc, '/data/0/owner')).toBe(17);
  });
});

describe('udata loader: real files (fixtures/corpus/udata)', () => {
  it('udata-front-kit {status, data} response: data.gouv.fr "Fichier des personnes décédées"', () => {
    const { doc, result } = loadFixture(udataLoader, 'corpus/udata/udata-front-kit__datasetResponse-found.json');
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0.95, 'dcat-us': 0 });
    expect(result.datasets).toHaveLength(1);
    const ds = result.datasets[0]!;
    expect(ds.at.pointer).toBe('/data');
    expect(ds.id).toBe('5de8f397634f4164071119c5');
    expect(ds.title).toEqual({ '': 'Fichier des personnes décédées' });
    expect(ds.licence).toEqual({ raw: 'lov2' });
    expect(ds.locations.licence?.pointer).toBe('/data/license');
    expect(lineOf(doc, '/data/license')).toBe(59);
    expect(ds.spatial).toEqual(['country:fr']);
    expect(lineOf(doc, ds.locations.spatial?.pointer)).toBe(5271);
    expect(ds.temporal).toEqual({ start: '1970-01-01', end: '2022-12-31' });
    expect(ds.frequency).toBe('monthly');
    expect(ds.publisher?.name).toBe('Institut National de la Statistique et des Etudes Economiques (Insee)');
    expect(ds.distributions).toHaveLength(129);
    expect(ds.distributions[0]!.checksum).toBe('sha1:d0e6d9499e556c4269b15a92f9288726e90c10ea');
    expect(ds.distributions[0]!.format).toBe('txt');
    expect(ds.distributions.filter((d) => d.format === 'txt')).toHaveLength(128);
  });

  it('udata fixture export: resources and organization beside each dataset, no licence', () => {
    const { doc, result } = loadFixture(udataLoader, 'corpus/udata/udata__results.json');
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0.95, 'dcat-us': 0 });
    expect(result.datasets).toHaveLength(15);
    expect(result.datasets.map((d) => d.at.pointer).slice(0, 2)).toEqual(['/datasets/0/dataset', '/datasets/1/dataset']);
    expect(lineOf(doc, '/datasets/0/dataset')).toBe(1097);
    expect(result.datasets.every((d) => d.licence === undefined)).toBe(true);
    expect(result.datasets.map((d) => d.distributions.length)).toEqual([22, 18, 30, 9, 3, 2, 2, 3, 1, 3, 1, 2, 1, 1, 1]);
    const ds = result.datasets[0]!;
    expect(ds.id).toBe('5ff5e6e99724cb8fff59a5be');
    expect(ds.publisher).toEqual({ name: "Service d'Information du Gouvernement", url: 'https://www.gouvernement.fr', uri: '54126af3a3a7292a9bbf14d6' });
    expect(ds.locations.publisher?.pointer).toBe('/datasets/0/organization');
    expect(lineOf(doc, '/datasets/0/organization')).toBe(4);
    expect(ds.distributions[0]!.at.pointer).toBe('/datasets/0/resources/0');
    expect(ds.distributions[0]!.extras.type).toBe('documentation');
    // No created_at in the export: the internal timestamps stand in.
    expect(ds.issued).toBe('2021-01-06T17:35:53.838000+00:00');
    expect(ds.modified).toBe('2023-01-18T07:51:59.683000+00:00');
  });
});

describe('udata loader: detection and odd input', () => {
  it('does not claim CKAN packages or Frictionless packages', () => {
    for (const rel of ['ckan/good/package.json', 'corpus/ckan/ckanext-canada__obd_sample.json', 'corpus/frictionless/fd-examples__countries-and-currencies/datapackage.json', 'odlint/good/dataset.yaml']) {
      expect(udataLoader.detect(parseFixture(rel))).toBe(0);
    }
  });

  it('escapes extra keys in pointers (RFC 6901) and still finds their line', () => {
    const doc = parseText('udata/escaped.json', '{\n  "slug": "x",\n  "metrics": {},\n  "extras": {\n    "a/b~c": "v"\n  }\n}\n');
    const ds = udataLoader.load(doc).datasets[0]!;
    expect(ds.extras['a/b~c']).toBe('v');
    expect(ds.locations['extras.a/b~c']?.pointer).toBe('/extras/a~1b~0c');
    expect(lineOf(doc, '/extras/a~1b~0c')).toBe(5);
  });

  it('accepts a licence object and zone objects', () => {
    const doc = parseText('udata/v2.json', JSON.stringify({ slug: 's', metrics: {}, license: { id: 'odc-odbl', title: 'ODbL', url: 'https://opendatacommons.org/licenses/odbl/' }, spatial: { zones: [{ id: 'fr:commune:75056', name: 'Paris' }, 'country:fr'] } }));
    const ds = udataLoader.load(doc).datasets[0]!;
    expect(ds.licence).toEqual({ raw: 'odc-odbl', title: 'ODbL', url: 'https://opendatacommons.org/licenses/odbl/' });
    expect(ds.spatial).toEqual(['fr:commune:75056', 'country:fr']);
  });
});
