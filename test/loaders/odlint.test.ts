import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { odlintLoader } from '../../src/loaders/odlint.js';
import { packageRoot } from '../../src/util/package-root.js';
import { fixture, lineOf, loadFixture, parseFixture, parseText, ROOT, scores, winner } from './helpers.js';

describe('odlint loader: fixtures/odlint/good/dataset.yaml', () => {
  const { doc, result } = loadFixture(odlintLoader, 'odlint/good/dataset.yaml');
  const ds = result.datasets[0]!;

  it('is recognised by its $schema and valid against schemas/dataset.schema.json', () => {
    expect(scores(doc)).toEqual({ odlint: 1, frictionless: 0, ckan: 0, udata: 0, 'dcat-us': 0 });
    expect(result.issues).toEqual([]);
    expect(ds.source.format).toBe('odlint');
    expect(ds.at.pointer).toBe('');
  });

  it('maps every property with its YAML line', () => {
    expect(ds.id).toBe('population-by-sex-2023');
    expect(ds.title).toEqual({ en: 'Population by municipality and sex, 2023', fr: 'Population par commune et par sexe, 2023' });
    expect(lineOf(doc, ds.locations.title?.pointer)).toBe(4);
    expect(ds.description?.en?.length).toBeGreaterThan(100);
    expect(ds.keywords).toEqual(['population', 'demography', 'sex', 'municipalities']);
    expect(ds.themes).toEqual(['http://publications.europa.eu/resource/authority/data-theme/SOCI']);
    expect(ds.publisher).toEqual({ name: 'Brussels Institute for Statistics and Analysis', email: 'info@example.brussels', url: 'https://example.brussels/ibsa' });
    expect(doc.position(ds.locations['publisher.email']!.pointer!)).toEqual({ line: 16, column: 3 });
    expect(ds.contactPoint).toEqual({ email: 'opendata@example.brussels' });
    expect(ds.licence).toEqual({ raw: 'CC-BY-4.0' });
    expect(ds.locations.licence?.pointer).toBe('/licence');
    expect(doc.position('/licence')).toEqual({ line: 19, column: 1 });
    expect(ds.temporal).toEqual({ start: '2023-01-01', end: '2023-01-01' });
    expect(ds.spatial).toEqual(['https://sws.geonames.org/2800867/']);
    expect(ds.frequency).toBe('http://publications.europa.eu/resource/authority/frequency/ANNUAL');
    expect(ds.issued).toBe('2023-03-15');
    expect(ds.modified).toBe('2024-03-14');
    expect(lineOf(doc, ds.locations.modified?.pointer)).toBe(27);
    expect(ds.language).toEqual(['en', 'fr']);
    expect(ds.landingPage).toBe('https://example.brussels/datasets/population-by-sex');
    expect(ds.flags).toEqual({ concernsIndividuals: true, sexDisaggregated: true, genderStatistics: false });
    expect(lineOf(doc, ds.locations['flags.genderStatistics']?.pointer)).toBe(33);
    expect(ds.extras).toEqual({ collection: 'demography' });
    expect(lineOf(doc, ds.locations['extras.collection']?.pointer)).toBe(35);
  });

  it('the distribution: local data file, inline Table Schema', () => {
    const dist = ds.distributions[0]!;
    expect(dist.at.pointer).toBe('/distributions/0');
    expect(lineOf(doc, '/distributions/0')).toBe(37);
    expect(dist.id).toBe('population-by-sex-2023-csv');
    expect(dist.localRef).toBe('data/population-by-sex.csv');
    expect(dist.localPath).toBe(fixture('odlint/good/data/population-by-sex.csv'));
    expect(fs.existsSync(dist.localPath!)).toBe(true);
    expect(lineOf(doc, dist.locations.localPath?.pointer)).toBe(39);
    expect(dist.downloadURL).toBe('https://example.brussels/files/population-by-sex-2023.csv');
    expect(dist.byteSize).toBe(fs.statSync(dist.localPath!).size);
    expect(dist.mediaType).toBe('text/csv');
    expect(dist.schema?.fields.map((f) => f.name)).toEqual(['year', 'municipality', 'sex', 'population']);
    expect(lineOf(doc, dist.locations.schema?.pointer)).toBe(45);
  });
});

describe('odlint loader: fixtures/odlint/bad/dataset.yaml (valid, but poor)', () => {
  const { doc, result } = loadFixture(odlintLoader, 'odlint/bad/dataset.yaml');
  const ds = result.datasets[0]!;

  it('is recognised from its name plus a distributions list', () => {
    expect(scores(doc)).toEqual({ odlint: 0.75, frictionless: 0, ckan: 0, udata: 0, 'dcat-us': 0 });
  });

  it('loads it as written: no licence, short description, no keywords, missing data file', () => {
    expect(result.issues).toEqual([]);
    expect(ds.licence).toBeUndefined();
    expect(ds.description).toEqual({ '': 'Bike counters.' });
    expect(ds.keywords).toEqual([]);
    expect(ds.publisher).toEqual({ name: 'City of Example' });
    const dist = ds.distributions[0]!;
    expect(dist.localPath).toBe(fixture('odlint/bad/data/counts.csv'));
    expect(fs.existsSync(dist.localPath!)).toBe(false);
    expect(lineOf(doc, dist.locations.localPath?.pointer)).toBe(7);
  });
});

describe('odlint loader: fixtures/odlint/invalid/dataset.yaml (schema violations)', () => {
  const { doc, result } = loadFixture(odlintLoader, 'odlint/invalid/dataset.yaml');
  const ds = result.datasets[0]!;
  const violations = result.issues.filter((i) => i.ruleId === 'core/invalid-descriptor');

  it('reports each violation at its pointer and line', () => {
    const rows = violations.map((i) => [lineOf(doc, i.location.pointer), i.location.pointer, i.data?.message]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rows).toEqual([
      [4, '/description', '/description must be string,object'],
      [6, '/licnese', '/ unknown property "licnese"'],
      [9, '/publisher/email', '/publisher/email must match format "email"'],
      [10, '/issued', '/issued must be an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ)'],
      [12, '/flags/sexDisaggregated', '/flags/sexDisaggregated must be boolean'],
      [16, '/distributions/0/byteSize', '/distributions/0/byteSize must be integer'],
      [17, '/distributions/0/downloadURL', '/distributions/0/downloadURL must match format "uri"'],
      [18, '/distributions/0/formt', '/distributions/0 unknown property "formt"'],
    ]);
    expect(violations.every((i) => i.messageId === 'schemaViolation' && i.dataset === ds)).toBe(true);
  });

  it('still reports the unsafe data path', () => {
    const unsafe = result.issues.filter((i) => i.ruleId === 'core/unsafe-path');
    expect(unsafe.map((i) => [i.data?.path, i.location.pointer])).toEqual([['../../outside.csv', '/distributions/0/path']]);
    expect(ds.distributions[0]!.localPath).toBeUndefined();
  });

  it('loads whatever is usable, typos kept in extras', () => {
    expect(ds.title).toEqual({ '': 'Air quality measurements' });
    expect(ds.description).toBeUndefined();
    expect(ds.keywords).toEqual(['air quality']);
    expect(ds.licence).toBeUndefined();
    expect(ds.extras.licnese).toBe('CC-BY-4.0');
    expect(ds.publisher).toEqual({ name: 'Environment agency', email: 'not-an-email' });
    expect(ds.issued).toBe('15/03/2023');
    expect(ds.flags).toEqual({ sexDisaggregated: true });
    expect(ds.distributions[0]!.byteSize).toBeUndefined();
    expect(ds.distributions[0]!.extras.formt).toBe('CSV');
  });
});

describe('odlint loader: several datasets in one file', () => {
  const { doc, result } = loadFixture(odlintLoader, 'odlint/multi/catalogue.dataset.yaml');

  it('top-level properties are defaults, located where they were written', () => {
    expect(result.issues).toEqual([]);
    const [trees, benches] = result.datasets;
    expect(result.datasets.map((d) => d.at.pointer)).toEqual(['/datasets/0', '/datasets/1']);
    expect(trees!.licence).toEqual({ raw: 'CC-BY-4.0' });
    expect(trees!.locations.licence?.pointer).toBe('/licence');
    expect(lineOf(doc, '/licence')).toBe(6);
    expect(benches!.licence).toEqual({ raw: 'CC0-1.0' });
    expect(benches!.locations.licence?.pointer).toBe('/datasets/1/licence');
    expect(benches!.publisher).toEqual({ name: 'City of Example', email: 'opendata@example.org' });
    expect(benches!.contactPoint).toEqual({ name: 'Parks department', email: 'parks@example.org' });
    expect(trees!.distributions[0]!.localPath).toBe(fixture('odlint/multi/data/trees.csv'));
    expect(benches!.distributions).toEqual([]);
  });

  it('attaches a violation to the dataset it is in', () => {
    const doc2 = parseText('odlint/multi/x.dataset.json', JSON.stringify({ odlint: 1, datasets: [{ id: 'a' }, { id: 'b', keywords: 5 }], bogus: true }));
    const r = odlintLoader.load(doc2);
    const byPointer = Object.fromEntries(r.issues.map((i) => [i.location.pointer, i.dataset?.id]));
    expect(byPointer).toEqual({ '/datasets/1/keywords': 'b', '/bogus': undefined });
  });
});

describe('odlint loader: detection, JSON syntax, the licence object', () => {
  it('needs a marker or model-like keys; the name only adds confidence', () => {
    const content = 'title: T\nlicence: CC-BY-4.0\ndistributions:\n  - path: a.csv\n';
    expect(odlintLoader.detect(parseText('dataset.yaml', content))).toBe(0.95);
    expect(odlintLoader.detect(parseText('things.yaml', content))).toBe(0.65);
    expect(odlintLoader.detect(parseText('dataset.yaml', 'title: T\ndescription: just a title\n'))).toBe(0);
    expect(odlintLoader.detect(parseText('x.yaml', 'odlint: 1\ntitle: T\n'))).toBe(0.95);
    expect(odlintLoader.detect(parseText('x.json', '{"$schema": "https://odlint.dev/schemas/dataset.schema.json"}'))).toBe(1);
  });

  it('does not claim CKAN, udata, Frictionless or DCAT-US-like documents', () => {
    for (const rel of ['ckan/good/package.json', 'udata/good/dataset.json', 'frictionless/good/datapackage.json', 'corpus/frictionless/fd-examples__units-and-prefixes/datapackage.json']) {
      expect(odlintLoader.detect(parseFixture(rel))).toBe(0);
    }
    const dcatUs = '{"title": "T", "license": "x", "distribution": [{"downloadURL": "https://e.org/a.csv"}], "keyword": ["a"]}';
    expect(odlintLoader.detect(parseText('data.json', dcatUs))).toBe(0);
  });

  it('dataset.json with a licence object and the American spelling', () => {
    const doc = parseText('odlint/inline/dataset.json', JSON.stringify({
      odlint: 1,
      title: 'T',
      license: { id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      distributions: [{ path: 'https://example.org/a.csv', license: 'CC0-1.0' }],
    }));
    expect(winner(doc)).toBe('odlint');
    const r = odlintLoader.load(doc);
    expect(r.issues).toEqual([]);
    const ds = r.datasets[0]!;
    expect(ds.licence).toEqual({ raw: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(ds.locations.licence?.pointer).toBe('/license/id');
    expect(ds.distributions[0]!.downloadURL).toBe('https://example.org/a.csv');
    expect(ds.distributions[0]!.licence).toEqual({ raw: 'CC0-1.0' });
  });
});

describe('schemas/dataset.schema.json', () => {
  const schemaFile = path.join(packageRoot(), 'schemas', 'dataset.schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;

  it('is found from the package root', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(schema.$id).toBe('https://odlint.dev/schemas/dataset.schema.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('compiles in ajv strict mode', () => {
    const Ajv2020 = Ajv2020Module.default;
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormatsModule.default(ajv);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('describes every property', () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const obj = node as Record<string, unknown>;
      if (obj.properties && typeof obj.properties === 'object') {
        for (const [name, prop] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
          if (typeof prop.description !== 'string' || prop.description.length < 10) missing.push(`${at}/properties/${name}`);
        }
      }
      for (const [k, v] of Object.entries(obj)) walk(v, `${at}/${k}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });
});
