import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { dcatUsLoader } from '../../src/loaders/dcat-us.js';
import { loadDescriptor, type LoadOutcome } from '../../src/loaders/index.js';
import { fixture, lineOf, loadFixture, parseFixture, parseText, scores } from './helpers.js';

type Loaded = Extract<LoadOutcome, { kind: 'loaded' }>;
const corpus = (f: string) => `corpus/dcat-us/${f}`;

describe('dcat-us loader: POD v1.1 catalog (pod__catalog-sample-extended.json)', () => {
  const { doc, result } = loadFixture(dcatUsLoader, corpus('pod__catalog-sample-extended.json'));
  const [ds] = result.datasets;

  it('is claimed with certainty by its conformsTo, and by nobody else', () => {
    // The catalog's `conformsTo` is one of odlint's own model names: a faint signal, far behind.
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0, 'dcat-us': 1 });
    expect(result.issues).toEqual([]);
    expect(result.datasets).toHaveLength(3);
  });

  it('maps the POD fields with their pointers and lines', () => {
    expect(ds!.at.pointer).toBe('/dataset/0');
    expect(ds!.source.format).toBe('dcat-us');
    expect(ds!.id).toBe('http://dx.doi.org/10.7927/H4PZ56R2');
    expect(ds!.title).toEqual({ '': 'U.S. Widget Manufacturing Statistics' });
    expect(ds!.keywords).toEqual(['widget', 'manufacturing', 'factory']);
    expect(ds!.themes).toEqual(['manufacturing']);
    expect(ds!.accessRights).toBe('public');
    expect(ds!.locations.accessRights?.pointer).toBe('/dataset/0/accessLevel');
    expect(lineOf(doc, ds!.locations.accessRights?.pointer)).toBe(10);
    expect(ds!.rights).toBe('This dataset has been given an international public domain dedication for worldwide reuse');
    expect(ds!.licence).toEqual({ raw: 'http://creativecommons.org/publicdomain/zero/1.0/', url: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(ds!.temporal).toEqual({ start: '2009-09-01T12:00:00Z', end: '2010-05-31T12:00:00Z' });
    expect(ds!.spatial).toEqual(['United States']);
    expect(ds!.frequency).toBe('R/P1Y');
    expect(ds!.language).toEqual(['en-US']);
    expect(ds!.conformsTo).toEqual(['http://www.agency.gov/widget-taxonomy/']);
    expect(ds!.documentation).toEqual(['http://agency.gov/docs/widgets-1.html', 'http://agency.gov/docs/widgets-2.html']);
    expect(ds!.locations.documentation?.pointer).toBe('/dataset/0/references');
  });

  it('publisher name (parent organisations in extras) and vCard contact without mailto:', () => {
    expect(ds!.publisher).toEqual({ name: 'Widget Services' });
    expect(ds!.locations['publisher.name']?.pointer).toBe('/dataset/0/publisher/name');
    expect(ds!.extras.subOrganizationOf).toEqual(['Office of Citizen Services and Innovative Technologies', 'General Services Administration', 'U.S. Government']);
    expect(ds!.contactPoint).toEqual({ name: 'Jane Doe', email: 'jane.doe@agency.gov' });
    expect(ds!.locations['contactPoint.email']?.pointer).toBe('/dataset/0/contactPoint/hasEmail');
  });

  it('POD-only fields stay in extras', () => {
    expect(ds!.extras).toMatchObject({ bureauCode: ['018:10'], programCode: ['018:001'], primaryITInvestmentUII: '021-006227212', dataQuality: true, describedBy: 'http://www.agency.gov/datasets/widgets-dictionary.html' });
  });

  it('distributions: download/access URLs, media type, format, conformsTo; the data dictionary as schemaRef', () => {
    expect(ds!.distributions.map((d) => [d.downloadURL ?? d.accessURL, d.mediaType, d.format])).toEqual([
      ['https://data.agency.gov/datasets/widgets-statistics/widgets.csv', 'text/csv', 'CSV'],
      ['https://data.agency.gov/datasets/widgets-statistics/widgets-all.zip', 'application/zip', 'Zipped CSV'],
      ['http://www.agency.gov/feeds/widgets-all.json', 'application/json', 'JSON'],
      ['https://data.agency.gov/api/widgets-statistics/', undefined, 'API'],
    ]);
    const json = ds!.distributions[2]!;
    expect(json.title).toEqual({ '': 'widgets-all.json' });
    expect(json.conformsTo).toEqual(['http://www.agency.gov/widget-data-standard/']);
    expect(json.extras.schemaRef).toBe('http://www.agency.gov/widgets/schema.json');
    expect(json.extras.describedByType).toBe('application/schema+json');
    expect(json.at.pointer).toBe('/dataset/0/distribution/2');
  });
});

describe('dcat-us loader: legacy v1.0 bare list (pod__examples__catalog-sample.json)', () => {
  const { doc, result } = loadFixture(dcatUsLoader, corpus('pod__examples__catalog-sample.json'));

  it('is claimed by its POD keys', () => {
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 0, udata: 0, 'dcat-us': 0.9 });
    expect(result.datasets.map((d) => d.id)).toEqual(['1', 'gov-doe-nces-1121', 'gov-doe-nces-1120']);
  });

  it('publisher and contact as plain strings, mbox as the email', () => {
    const ds = result.datasets[1]!;
    expect(ds.publisher).toEqual({ name: 'US Department of Education' });
    expect(ds.contactPoint).toEqual({ name: 'Jane Doe', email: 'Jane.doe@ed.gov' });
    expect(ds.locations['contactPoint.email']?.pointer).toBe('/1/mbox');
    expect(ds.licence).toEqual({ raw: 'Public Domain' });
  });

  it('dataset-level accessURL (+ format) and webService become distributions, without duplicates', () => {
    expect(result.datasets[1]!.distributions.map((d) => [d.accessURL, d.format, d.at.pointer])).toEqual([
      ['https://data.example_agency.gov/views/ykv5-fn9t/rows.csv?accessType=DOWNLOAD', 'text/csv', '/1/accessURL'],
      ['http://data.example_agency.gov/api/views/ykv5-fn9t/rows.json', undefined, '/1/webService'],
    ]);
    expect(lineOf(doc, '/1/webService')).toBe(33);
    expect(result.datasets[2]!.distributions).toHaveLength(4);
  });
});

describe('dcat-us loader: broken samples load what is there', () => {
  it('missing catalog wrapper fields and an empty dataset object: two datasets, the first empty but located', async () => {
    const { result } = loadFixture(dcatUsLoader, corpus('ckanext-datajson__missing-catalog.data.json'));
    const [empty, ds] = result.datasets;
    expect(empty!.at.pointer).toBe('/dataset/0');
    expect(empty!.title).toBeUndefined();
    expect(empty!.locations).toEqual({});
    expect(ds!.title).toEqual({ '': 'Employee Relations Roundtables' });
    expect(ds!.extras['@type']).toBe('dcat:Dataset');
    // `"@context": "project-open-data.cio.gov/v1.1/schema"` (no scheme): still POD, not JSON-LD.
    expect(await loadDescriptor(fixture(corpus('ckanext-datajson__missing-catalog.data.json')))).toMatchObject({ kind: 'loaded', format: 'dcat-us' });
  });

  it('a numeric title becomes text; a null spatial is located but empty', () => {
    const { doc, result } = loadFixture(dcatUsLoader, corpus('ckanext-datajson__numerical-title.data.json'));
    const ds = result.datasets[0]!;
    expect(ds.title).toEqual({ '': '707' });
    expect(lineOf(doc, ds.locations.title?.pointer)).toBe(19);
    expect(ds.spatial).toBeUndefined();
    expect(ds.locations.spatial?.pointer).toBe('/dataset/0/spatial');
  });

  it('missing identifier and title', () => {
    const { result } = loadFixture(dcatUsLoader, corpus('ckanext-datajson__missing-identifier-title.data.json'));
    expect(result.datasets.map((d) => [d.id, d.title?.['']])).toEqual([
      [undefined, 'simple test title'],
      ['Test-0001', 'simple test title2'],
      ['Test-0002', undefined],
    ]);
  });

  it('entries that are not objects are reported, the others loaded', () => {
    const doc = parseText('dcat-us/odd.json', JSON.stringify({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset: [null, 'x', { title: 'ok', accessLevel: 'public' }] }));
    const { datasets, issues } = dcatUsLoader.load(doc);
    expect(datasets.map((d) => d.title)).toEqual([{ '': 'ok' }]);
    expect(issues.map((i) => [i.ruleId, i.data?.message, i.location.pointer])).toEqual([
      ['core/invalid-descriptor', 'a dataset entry is null, not an object', '/dataset/0'],
      ['core/invalid-descriptor', 'a dataset entry is a string, not an object', '/dataset/1'],
    ]);
  });

  it('an entry that is not an object, deep in a big file read batch by batch: the message names no pointer of its batch', async () => {
    const dataset = Array.from({ length: 40 }, (_, i) => (i === 30 ? 7 : { title: `t${i}`, accessLevel: 'public', description: 'x'.repeat(50) }));
    const dir = mkdtempSync(path.join(tmpdir(), 'odlint-dcat-us-'));
    const file = path.join(dir, 'data.json');
    writeFileSync(file, JSON.stringify({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset }, null, 1));
    const outcome = await loadDescriptor(file, undefined, { streamFrom: 0, streamBatchChars: 300 });
    const issues = outcome.kind === 'loaded' ? [...outcome.issues] : [];
    for await (const b of outcome.kind === 'loaded' ? (outcome.more ?? []) : []) issues.push(...b.issues);
    expect(issues.map((i) => [i.data?.message, i.location.pointer])).toEqual([['a dataset entry is a number, not an object', '/dataset/30']]);
  });

  it('temporal intervals: start/end, durations and repeats', () => {
    const temporal = (value: string) => {
      const doc = parseText('dcat-us/t.json', JSON.stringify([{ accessLevel: 'public', bureauCode: ['1'], temporal: value }]));
      const ds = dcatUsLoader.load(doc).datasets[0]!;
      return [ds.temporal, ds.extras.temporal];
    };
    expect(temporal('2010-01-01/2011-12-31')).toEqual([{ start: '2010-01-01', end: '2011-12-31' }, undefined]);
    expect(temporal('R/2010-01-01/P1Y')).toEqual([{ start: '2010-01-01' }, undefined]);
    expect(temporal('P1Y/2011-12-31')).toEqual([{ end: '2011-12-31' }, undefined]);
    // Not an interval: kept as written.
    expect(temporal('today')).toEqual([undefined, 'today']);
  });

  it('gender flags from the Brussels keys', () => {
    const doc = parseText('dcat-us/flags.json', JSON.stringify([{ accessLevel: 'public', bureauCode: ['1'], sex_disaggregated: 'yes', concernsIndividuals: true }]));
    expect(dcatUsLoader.load(doc).datasets[0]!.flags).toEqual({ sexDisaggregated: true, concernsIndividuals: true });
  });
});

describe('detection: every corpus descriptor goes to its own loader', () => {
  const expectations: [string, string | null, number | null][] = [
    // dcat-us: [file, format, datasets]
    ...([
      ['ckanext-datajson__arm.data.json', 3],
      ['ckanext-datajson__collection-1-parent-2-children.data.json', 3],
      ['ckanext-datajson__geospatial.data.json', 2],
      ['ckanext-datajson__many-resources.data.json', 1],
      ['ckanext-datajson__missing-catalog.data.json', 2],
      ['ckanext-datajson__missing-dataset-fields.data.json', 2],
      ['ckanext-datajson__missing-identifier-title.data.json', 3],
      ['ckanext-datajson__null-spatial.data.json', 1],
      ['ckanext-datajson__numerical-title.data.json', 1],
      ['ckanext-datajson__ny.data.json', 1],
      ['ckanext-datajson__reserved-title.data.json', 1],
      ['ckanext-datajson__usda.gov.data.json', 3],
      // POD written as JSON-LD: read as POD, not as generic JSON-LD.
      ['ckanext-dcat__catalog_pod.jsonld', 1],
      ['pod__catalog-sample-extended.json', 3],
      ['pod__catalog-sample.json', 3],
      ['pod__examples__catalog-sample.json', 3],
    ] as const).map(([f, n]) => [corpus(f), 'dcat-us', n] as [string, string, number]),
    // The legacy XML catalog and an empty template are no descriptors.
    [corpus('pod__catalog-sample.xml'), null, null],
    [corpus('pod__catalog-template-extended.xml'), null, null],
  ];

  for (const [rel, format, count] of expectations) {
    it(`${rel} → ${format ?? 'not a descriptor'}`, async () => {
      const outcome = await loadDescriptor(fixture(rel));
      if (format === null) return expect(outcome.kind).toBe('not-a-descriptor');
      expect(outcome).toMatchObject({ kind: 'loaded', format });
      expect((outcome as Loaded).datasets).toHaveLength(count!);
      expect((outcome as Loaded).issues).toEqual([]);
    });
  }

  it('covers every POD file of the corpus (the CSV is a data file, never a descriptor)', () => {
    const covered = new Set(expectations.map(([rel]) => path.basename(rel)));
    expect(fs.readdirSync(fixture('corpus/dcat-us')).filter((f) => !covered.has(f))).toEqual(['pod__catalog-sample.csv']);
  });

  it('CKAN, udata, Frictionless and DCAT-AP JSON-LD files are not taken for DCAT-US', async () => {
    const files = [
      ...fs.readdirSync(fixture('corpus/ckan')).map((f) => [`corpus/ckan/${f}`, 'ckan']),
      ...fs.readdirSync(fixture('corpus/udata')).map((f) => [`corpus/udata/${f}`, 'udata']),
      ...fs
        .readdirSync(fixture('corpus/frictionless'))
        .map((d) => [`corpus/frictionless/${d}/${fs.readdirSync(fixture(`corpus/frictionless/${d}`)).find((f) => /^datapackage\.(json|ya?ml)$/.test(f))}`, 'frictionless']),
      ...fs
        .readdirSync(fixture('corpus/dcat-ap'))
        .filter((f) => f.endsWith('.jsonld'))
        .map((f) => [`corpus/dcat-ap/${f}`, 'dcat-ap']),
    ];
    expect(files.length).toBeGreaterThan(30);
    for (const [rel, format] of files) {
      if (rel!.endsWith('.json') || rel!.endsWith('.jsonld')) expect(scores(parseFixture(rel!))['dcat-us'], rel).toBe(0);
      const outcome = await loadDescriptor(fixture(rel!));
      // country-list's datapackage.yml does not parse (see the frictionless tests).
      if (outcome.kind === 'parse-error') expect(rel).toMatch(/country-list/);
      else expect(outcome, rel).toMatchObject({ kind: 'loaded', format });
    }
  });
});
