import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { frictionlessLoader } from '../../src/loaders/frictionless.js';
import { SyntaxProblem } from '../../src/loaders/parse.js';
import { fixture, lineOf, loadFixture, parseFixture, parseText, scores, winner } from './helpers.js';

describe('frictionless loader: fixtures/frictionless/good/datapackage.json', () => {
  const { doc, result } = loadFixture(frictionlessLoader, 'frictionless/good/datapackage.json');
  const ds = result.datasets[0]!;

  it('is claimed by frictionless only', () => {
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 1, ckan: 0, udata: 0, 'dcat-us': 0 });
  });

  it('maps the package with pointers and lines', () => {
    expect(result.issues).toEqual([]);
    expect(ds.at.pointer).toBe('');
    expect(ds.source.format).toBe('frictionless');
    expect(ds.id).toBe('air-quality-brussels-2024');
    expect(ds.title).toEqual({ '': 'Air quality measurements in Brussels, 2024' });
    expect(ds.description?.['']?.length).toBeGreaterThan(100);
    expect(ds.keywords).toEqual(['air quality', 'NO2', 'PM10', 'Brussels']);
    expect(ds.landingPage).toBe('https://example.brussels/air-quality');
    expect(lineOf(doc, ds.locations.landingPage?.pointer)).toBe(7);
    expect(ds.issued).toBe('2024-02-01T09:00:00Z');
    expect(lineOf(doc, ds.locations.issued?.pointer)).toBe(8);
  });

  it('takes the licence from licenses[0] (name, title, path)', () => {
    expect(ds.licence).toEqual({ raw: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(ds.locations.licence?.pointer).toBe('/licenses/0/name');
    expect(doc.position('/licenses/0/name')).toEqual({ line: 12, column: 7 });
    expect(ds.extras.licenses).toBeUndefined();
  });

  it('publisher and contact point from contributor roles; contributors and sources kept in extras', () => {
    expect(ds.publisher).toEqual({ name: 'Brussels Environment', url: 'https://example.brussels' });
    expect(ds.locations.publisher?.pointer).toBe('/contributors/1');
    expect(lineOf(doc, '/contributors/1')).toBe(19);
    expect(ds.contactPoint).toEqual({ name: 'Data team', email: 'data@example.brussels' });
    expect(ds.locations['contactPoint.email']?.pointer).toBe('/contributors/0/email');
    expect(ds.extras.sources).toEqual([{ title: 'Telemetric network', path: 'https://example.brussels/telemetry' }]);
    expect(lineOf(doc, ds.locations['extras.sources']?.pointer)).toBe(21);
    expect(ds.extras.contributors).toHaveLength(2);
    expect(ds.extras.version).toBe('1.0.0');
    expect(ds.extras.profile).toBe('tabular-data-package');
  });

  it('resource with a schema file inside the folder: loaded from disk', () => {
    const dist = ds.distributions[0]!;
    expect(dist.id).toBe('stations');
    expect(dist.title).toEqual({ '': 'Measuring stations' });
    expect(dist.localRef).toBe('data/stations.csv');
    expect(dist.localPath).toBe(fixture('frictionless/good/data/stations.csv'));
    expect(fs.existsSync(dist.localPath!)).toBe(true);
    expect(lineOf(doc, dist.locations.localPath?.pointer)).toBe(28);
    expect(dist.downloadURL).toBeUndefined();
    expect(dist.schema?.fields.map((f) => f.name)).toEqual(['station_id', 'name', 'latitude', 'longitude']);
    expect(dist.schema?.primaryKey).toBe('station_id');
    expect(dist.locations.schema?.pointer).toBe('/resources/0/schema');
    expect(lineOf(doc, '/resources/0/schema')).toBe(32);
    expect(dist.extras.schemaRef).toBe('schemas/stations.schema.json');
    expect(dist.extras.encoding).toBe('utf-8');
  });

  it('resource with an inline schema, bytes, hash, dialect', () => {
    const dist = ds.distributions[1]!;
    expect(dist.at.pointer).toBe('/resources/1');
    expect(dist.description).toEqual({ '': 'One row per station, day and pollutant (µg/m³).' });
    expect(dist.format).toBe('csv');
    expect(dist.mediaType).toBe('text/csv');
    expect(dist.byteSize).toBe(141);
    expect(dist.byteSize).toBe(fs.statSync(dist.localPath!).size);
    expect(dist.checksum).toBe('9a3c6185551c146065e2a2adcc312641');
    expect(dist.schema?.fields.map((f) => [f.name, f.type])).toEqual([
      ['station_id', 'string'],
      ['date', 'date'],
      ['pollutant', 'string'],
      ['value', 'number'],
    ]);
    expect(dist.dialect).toEqual({ delimiter: ',', header: true });
    expect(dist.extras.dialect).toBeUndefined();
    expect(lineOf(doc, dist.locations.dialect?.pointer)).toBe(43);
    expect(dist.extras.schemaRef).toBeUndefined();
  });
});

describe('frictionless loader: fixtures/frictionless/bad/datapackage.yaml', () => {
  const { doc, result } = loadFixture(frictionlessLoader, 'frictionless/bad/datapackage.yaml');
  const ds = result.datasets[0]!;

  it('reports paths that escape the folder, a remote schema and an unreadable one, at their YAML lines', () => {
    expect(result.issues.map((i) => [i.ruleId, i.messageId, i.data?.path ?? i.data?.url, i.location.pointer])).toEqual([
      ['core/unsafe-path', 'outside', '../../../etc/passwd', '/resources/0/path'],
      ['core/unsafe-path', 'outside', '../outside.schema.json', '/resources/1/schema'],
      ['core/reference-not-fetched', 'remote', 'https://example.org/schema.json', '/resources/4/schema'],
      ['core/reference-unreadable', 'syntax', 'broken.schema.json', '/resources/5/schema'],
    ]);
    expect(result.issues[3]!.data).toMatchObject({ kind: 'Table Schema', message: 'invalid JSON: value expected (line 1, column 32)', without: 'the schema checks are off for this resource' });
    expect(doc.position('/resources/0/path')).toEqual({ line: 7, column: 5 });
    expect(lineOf(doc, '/resources/1/schema')).toBe(10);
    expect(result.issues.every((i) => i.dataset === ds)).toBe(true);
    expect(ds.distributions[0]!.localPath).toBeUndefined();
    expect(ds.distributions[1]!.schema).toBeUndefined();
    expect(ds.distributions[1]!.extras.schemaRef).toBe('../outside.schema.json');
  });

  it('legacy `license` string is the licence', () => {
    expect(ds.licence).toEqual({ raw: 'notspecified' });
    expect(doc.position(ds.locations.licence!.pointer!)).toEqual({ line: 4, column: 1 });
  });

  it('missing file, inline data, chunked path, legacy url, remote and unreadable schemas', () => {
    const [, missing, inline, chunks, remote, broken] = ds.distributions;
    expect(ds.distributions).toHaveLength(6);
    expect(missing!.localPath).toBe(fixture('frictionless/bad/data/missing.csv'));
    expect(fs.existsSync(missing!.localPath!)).toBe(false);
    expect(inline!.extras.inline).toBe(true);
    expect(inline!.extras.data).toBeUndefined();
    expect(inline!.localPath).toBeUndefined();
    expect(chunks!.localRef).toBe('data/part1.csv');
    expect(chunks!.locations.localPath?.pointer).toBe('/resources/3/path/0');
    expect(lineOf(doc, '/resources/3/path/0')).toBe(17);
    expect(chunks!.extras.pathParts).toEqual(['data/part1.csv', 'data/part2.csv']);
    expect(remote!.downloadURL).toBe('https://example.org/data.csv');
    expect(remote!.localPath).toBeUndefined();
    expect(remote!.extras.schemaRef).toBe('https://example.org/schema.json');
    expect(broken!.schema).toBeUndefined();
    expect(broken!.extras.schemaRef).toBe('broken.schema.json');
    expect(broken!.extras.schemaError).toBe('invalid JSON: value expected (line 1, column 32)');
  });
});


describe('frictionless loader: real packages (fixtures/corpus/frictionless)', () => {
  const folders = fs.readdirSync(fixture('corpus/frictionless')).filter((f) => f !== 'datasets-country-list__country-list').sort();

  for (const folder of folders) {
    it(`claims ${folder}/datapackage.json; every local data file it names is there`, () => {
      const doc = parseFixture(`corpus/frictionless/${folder}/datapackage.json`);
      const s = scores(doc);
      expect(s.frictionless).toBeGreaterThanOrEqual(0.95);
      expect([s.ckan, s.udata, s.odlint]).toEqual([0, 0, 0]);
      const { datasets, issues } = frictionlessLoader.load(doc);
      expect(issues).toEqual([]);
      expect(datasets).toHaveLength(1);
      for (const dist of datasets[0]!.distributions) {
        if (!dist.localPath) continue;
        const rel = `${folder}/${dist.localRef}`;
        expect(fs.existsSync(dist.localPath), rel).toBe(true);
      }
    });
  }

  it('datasets/country-list datapackage.yml is not valid YAML (a ": " inside a plain scalar)', () => {
    const rel = 'corpus/frictionless/datasets-country-list__country-list/datapackage.yml';
    let error: unknown;
    try {
      parseFixture(rel);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyntaxProblem);
    expect((error as SyntaxProblem).line).toBe(15);
  });

  it('country-list content loads once the YAML is fixed (quoted description)', () => {
    const text = fs.readFileSync(fixture('corpus/frictionless/datasets-country-list__country-list/datapackage.yml'), 'utf8');
    const fixed = text.replace(/^( {4}description: )(List of all countries.*)$/m, (_m, key: string, value: string) => `${key}${JSON.stringify(value)}`);
    const doc = parseText('corpus/frictionless/datasets-country-list__country-list/datapackage.yml', fixed);
    expect(winner(doc)).toBe('frictionless');
    const ds = frictionlessLoader.load(doc).datasets[0]!;
    expect(ds.id).toBe('country-list');
    expect(ds.licence).toEqual({ raw: 'ODC-PDDL-1.0', title: 'Open Data Commons Public Domain Dedication and License v1.0', url: 'https://opendatacommons.org/licenses/pddl/' });
    expect(lineOf(doc, ds.locations.licence?.pointer)).toBe(9);
    expect(ds.extras.has_premium).toBe(true);
    expect(ds.extras.collection).toBe('logistics-data');
    const dist = ds.distributions[0]!;
    expect(dist.localPath).toBe(fixture('corpus/frictionless/datasets-country-list__country-list/data.csv'));
    expect(dist.schema?.primaryKey).toEqual(['Code']);
  });

  it('legacy licence objects {id, title, url} (geo-location-fk), per-resource licences', () => {
    const { doc, result } = loadFixture(frictionlessLoader, 'corpus/frictionless/fd-examples__geo-location-fk/datapackage.json');
    const ds = result.datasets[0]!;
    expect(ds.licence).toEqual({ raw: 'CC0-1.0', title: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
    expect(ds.locations.licence?.pointer).toBe('/licenses/0/id');
    expect(lineOf(doc, '/licenses/0/id')).toBe(5);
    expect(ds.distributions.map((d) => d.licence?.raw)).toEqual(['CC0-1.0', 'CC-BY-4.0']);
    // `primaryKeys` (sic) at resource level is not Table Schema: kept in extras.
    expect(ds.distributions[0]!.extras.primaryKeys).toEqual(['Office']);
  });

  it('a licence with only a title (open-data-day-tweets): the title is the raw value', () => {
    const { doc, result } = loadFixture(frictionlessLoader, 'corpus/frictionless/fd-examples__open-data-day-tweets-2018/datapackage.json');
    const ds = result.datasets[0]!;
    expect(ds.licence).toEqual({ raw: 'Twitter Developer Agreement', title: 'Twitter Developer Agreement', url: 'https://developer.twitter.com/en/developer-terms/agreement' });
    expect(lineOf(doc, ds.locations.licence?.pointer)).toBe(40);
    expect(ds.landingPage).toBe('https://okfnlabs.org/blog/2018/03/08/open-data-day-tweets.html');
    expect(ds.publisher).toBeUndefined();
  });

  it('remote-only resource (cpi-data-via-url): a download URL, no local file', () => {
    const dist = loadFixture(frictionlessLoader, 'corpus/frictionless/fd-examples__cpi-data-via-url/datapackage.json').result.datasets[0]!.distributions[0]!;
    expect(dist.downloadURL).toBe('https://raw.githubusercontent.com/frictionlessdata/example-data-packages/master/cpi/data/cpi.csv');
    expect(dist.localPath).toBeUndefined();
    expect(dist.format).toBeUndefined();
  });

  it('data file at the package root (periodic-table) and a non-tabular resource (text-file)', () => {
    const table = loadFixture(frictionlessLoader, 'corpus/frictionless/fd-examples__periodic-table/datapackage.json').result.datasets[0]!;
    expect(table.distributions[0]!.localPath).toBe(fixture('corpus/frictionless/fd-examples__periodic-table/data.csv'));
    expect(table.distributions[0]!.schema?.fields.map((f) => f.name)).toContain('metal or nonmetal?');
    const text = loadFixture(frictionlessLoader, 'corpus/frictionless/fd-examples__text-file/datapackage.json').result.datasets[0]!;
    expect(text.distributions[0]!.localPath).toBe(fixture('corpus/frictionless/fd-examples__text-file/text-file.txt'));
    expect(text.distributions[0]!.schema).toBeUndefined();
    expect(text.issued).toBe('2018-03-04T05:45:00Z');
    // Only `author` and `contributor` roles: no publisher.
    expect(text.publisher).toBeUndefined();
  });
});

describe('frictionless loader: v2, legacy forms and detection', () => {
  it('Data Package v2: $schema, roles list, givenName/familyName', () => {
    const doc = parseText('v2/datapackage.json', JSON.stringify({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'v2',
      contributors: [{ givenName: 'Ada', familyName: 'Lovelace', roles: ['creator', 'publisher'] }],
      resources: [{ name: 'r', type: 'table', path: 'https://example.org/r.csv' }],
    }));
    expect(frictionlessLoader.detect(doc)).toBe(1);
    const ds = frictionlessLoader.load(doc).datasets[0]!;
    expect(ds.publisher).toEqual({ name: 'Ada Lovelace' });
    expect(ds.locations.publisher?.pointer).toBe('/contributors/0');
    expect(ds.distributions[0]!.extras.type).toBe('table');
  });

  it('legacy `license` object {type, url} and several licences kept in extras', () => {
    const legacy = frictionlessLoader.load(parseText('legacy/datapackage.json', '{"name": "l", "license": {"type": "odc-by", "url": "https://opendatacommons.org/licenses/by/"}, "resources": [{"path": "a.csv"}]}')).datasets[0]!;
    expect(legacy.licence).toEqual({ raw: 'odc-by', url: 'https://opendatacommons.org/licenses/by/' });
    expect(legacy.locations.licence?.pointer).toBe('/license/type');
    const several = frictionlessLoader.load(parseText('several/datapackage.json', '{"licenses": [{"name": "CC-BY-4.0"}, "ODbL-1.0"], "resources": [{"path": "a.csv"}]}')).datasets[0]!;
    expect(several.licence).toEqual({ raw: 'CC-BY-4.0' });
    expect(several.extras.licenses).toEqual([{ raw: 'CC-BY-4.0' }, { raw: 'ODbL-1.0' }]);
    expect(several.locations['extras.licenses']?.pointer).toBe('/licenses');
  });

  it('the file name adds confidence but never claims content on its own', () => {
    const content = '{"name": "x", "resources": [{"name": "r", "path": "r.csv"}]}';
    expect(frictionlessLoader.detect(parseText('datapackage.json', content))).toBe(0.8);
    expect(frictionlessLoader.detect(parseText('anything.json', content))).toBe(0.5);
    expect(frictionlessLoader.detect(parseText('x.package.json', content))).toBe(0.8);
    expect(frictionlessLoader.detect(parseText('datapackage.json', '{"name": "x", "title": "no resources"}'))).toBe(0);
  });

  it('does not claim CKAN, udata or odlint documents', () => {
    for (const rel of ['ckan/good/package.json', 'corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json', 'corpus/udata/udata__results.json', 'odlint/good/dataset.yaml', 'odlint/multi/catalogue.dataset.yaml']) {
      expect(frictionlessLoader.detect(parseFixture(rel))).toBe(0);
    }
  });
});
