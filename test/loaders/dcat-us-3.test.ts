/**
 * DCAT-US 3.0 JSON: dataset series with their members, nested catalogues, `@graph` documents and a
 * single dataset — every dataset of every level loads, each once; what is only linked is said.
 * Fixtures: fixtures/dcat-us-3 (DOI-DO/dcat-us examples, and a catalogue tree written for odlint).
 */
import { describe, it, expect } from 'vitest';
import { dcatUsLoader } from '../../src/loaders/dcat-us.js';
import { lineOf, loadFixture, parseText, scores } from './helpers.js';
import { allFindings, brief, lintReport } from '../helpers/lint.js';

const rel = (name: string) => `dcat-us-3/${name}`;

describe('dcat-us 3.0: detection', () => {
  it('the DCAT-US 3.0 context makes each fixture dcat-us with certainty (not JSON-LD to expand, not odlint)', () => {
    for (const name of ['doi-do__dataset-series.jsonld', 'doi-do__in_series.jsonld', 'doi-do__catalog.jsonld', 'doi-do__example1-dcat-us-3.0.json', 'nested-catalogues.json']) {
      const { doc } = loadFixture(dcatUsLoader, rel(name));
      expect(scores(doc)['dcat-us'], name).toBe(1);
      expect(Math.max(...Object.entries(scores(doc)).filter(([k]) => k !== 'dcat-us').map(([, v]) => v)), name).toBeLessThan(0.5);
    }
  });
});

describe('dcat-us 3.0: nested catalogues and an inline series (nested-catalogues.json)', () => {
  const { doc, result } = loadFixture(dcatUsLoader, rel('nested-catalogues.json'));

  it('six datasets from three catalogue levels: a dataset, a series and its two members, one per nested catalogue', () => {
    expect(result.datasets.map((d) => [d.at.pointer, d.id])).toEqual([
      ['/dataset/0', 'AGY-4495'],
      ['/dataset/1', 'https://data.agency.gov/series/air-quality'],
      ['/dataset/1/seriesMember/0', 'https://data.agency.gov/dataset/air-quality-2022'],
      ['/dataset/1/seriesMember/1', 'https://data.agency.gov/dataset/air-quality-2023'],
      ['/catalog/0/dataset/0', 'https://data.agency.gov/dataset/water-gauges'],
      ['/catalog/0/catalog/0/dataset/0', 'https://data.agency.gov/dataset/drought-index'],
    ]);
  });

  it('a dataset and a catalogue named only by IRI are reported where they are listed, not dropped', () => {
    expect(result.issues.map((i) => [i.ruleId, i.messageId, i.data?.kind, i.data?.url, i.location.pointer, lineOf(doc, i.location.pointer), i.dataset])).toEqual([
      ['core/reference-not-fetched', 'remote', 'dataset', 'https://data.agency.gov/dataset/not-described-here', '/dataset/2', 61, undefined],
      ['core/reference-not-fetched', 'remote', 'catalogue', 'https://data.agency.gov/bureau-of-energy/catalog', '/catalog/1', 100, undefined],
    ]);
  });

  it('3.0 value shapes: contact point list, theme and spatial objects, {@value} dates, distribution licence', () => {
    const ds = result.datasets[0]!;
    expect(ds.title).toEqual({ '': 'Inventory of Owned and Leased Properties' });
    expect(ds.publisher).toEqual({ name: 'Department of Examples' });
    expect(ds.contactPoint).toEqual({ name: 'Data Steward', email: 'data@agency.gov' });
    expect(ds.locations['contactPoint.email']?.pointer).toBe('/dataset/0/contactPoint/0/hasEmail');
    expect(ds.themes).toEqual(['Geospatial']);
    expect(ds.spatial).toEqual(['United States']);
    expect(ds.issued).toBe('2002-01-01');
    expect(ds.licence).toEqual({ raw: 'https://creativecommons.org/publicdomain/zero/1.0/', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
    expect(ds.distributions[0]!.licence).toEqual({ raw: 'https://creativecommons.org/publicdomain/zero/1.0/', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
  });

  it('series links are kept as ids; a publisher IRI is the agent uri', () => {
    const [, series, member] = result.datasets;
    expect(series!.extras.seriesMember).toEqual(['https://data.agency.gov/dataset/air-quality-2022', 'https://data.agency.gov/dataset/air-quality-2023']);
    expect(series!.frequency).toBe('annual');
    expect(member!.extras.inSeries).toEqual(['https://data.agency.gov/series/air-quality']);
    expect(member!.temporal).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(result.datasets[4]!.publisher).toEqual({ uri: 'https://www.agency.gov/water' });
  });
});

describe('dcat-us 3.0: DOI-DO examples', () => {
  it('dataset-series.jsonld (@graph): the series and its two members; {@value} dates, {@id} references to a Location node', () => {
    const { result } = loadFixture(dcatUsLoader, rel('doi-do__dataset-series.jsonld'));
    expect(result.issues).toEqual([]);
    expect(result.datasets.map((d) => [d.at.pointer, d.id, d.extras['@type']])).toEqual([
      ['/@graph/0', 'http://example.org/ns#populationCensus', 'dcat:DatasetSeries'],
      ['/@graph/2', 'http://example.org/ns#populationCensus-1950', 'dcat:Dataset'],
      ['/@graph/3', 'http://example.org/ns#populationCensus-1960', 'dcat:Dataset'],
    ]);
    const [series, y1950] = result.datasets;
    expect(series!.title).toEqual({ '': 'US Population Census Data' });
    expect(series!.temporal).toEqual({ start: '1950-01-01', end: '2020-12-31' });
    expect(series!.frequency).toBe('http://purl.org/cld/freq/decennial');
    expect(series!.issued).toBe('1950');
    expect(series!.spatial).toEqual(['United States']);
    expect(y1950!.spatial).toEqual(['United States']);
    expect(y1950!.temporal).toEqual({ start: '1950-01-01', end: '1950-12-31' });
    expect(y1950!.extras.inSeries).toEqual(['http://example.org/ns#populationCensus']);
  });

  it('an earlier revision of the same example: blank-node periods, language-tagged titles, titleMap', () => {
    const doc = parseText('dcat-us-3/series-blank-nodes.jsonld', JSON.stringify({
      '@context': 'https://raw.githubusercontent.com/DOI-DO/dcat-us/main/context/dcat-us-3.0.jsonld',
      '@graph': [
        { '@id': 'http://example.org/ns#populationCensus', '@type': 'dcat:DatasetSeries', 'dcterms:title': { '@language': 'en', '@value': 'US Population Census Data' }, 'dcterms:temporal': { '@id': '_:b1' } },
        { '@id': '_:b1', '@type': 'dcterms:PeriodOfTime', endDate: { '@value': '2020-12-31' }, startDate: { '@value': '1950-01-01' } },
        { '@id': 'http://example.org/ns#populationCensus-1950', '@type': 'dcat:Dataset', titleMap: { en: 'US Population Census Data for year 1950' }, temporal: ['_:b2'], inSeries: ['http://example.org/ns#populationCensus'] },
        { '@id': '_:b2', '@type': 'dcterms:PeriodOfTime', endDate: { '@value': '1950-12-31' }, startDate: { '@value': '1950-01-01' } },
      ],
    }));
    const { datasets, issues } = dcatUsLoader.load(doc);
    expect(issues).toEqual([]);
    expect(datasets.map((d) => [d.title, d.temporal])).toEqual([
      [{ en: 'US Population Census Data' }, { start: '1950-01-01', end: '2020-12-31' }],
      [{ en: 'US Population Census Data for year 1950' }, { start: '1950-01-01', end: '1950-12-31' }],
    ]);
  });

  it('in_series.jsonld (@graph): a series listing its members by IRI, each member loaded once', () => {
    const { result } = loadFixture(dcatUsLoader, rel('doi-do__in_series.jsonld'));
    expect(result.issues).toEqual([]);
    expect(result.datasets.map((d) => d.id)).toEqual(['http://example.org/ns#populationCensus', 'http://example.org/ns#populationCensus-1950', 'http://example.org/ns#populationCensus-1960']);
    expect(result.datasets[0]!.extras.seriesMember).toEqual(['http://example.org/ns#populationCensus-1950', 'http://example.org/ns#populationCensus-1960']);
    expect(result.datasets[1]!.temporal).toEqual({ start: '1940-01-01', end: '1950-01-01' });
  });

  it('catalog.jsonld (@graph): the two datasets the catalogue lists by IRI; the publisher IRI resolved to its node name', () => {
    const { result } = loadFixture(dcatUsLoader, rel('doi-do__catalog.jsonld'));
    expect(result.issues).toEqual([]);
    expect(result.datasets.map((d) => [d.at.pointer, d.id])).toEqual([
      ['/@graph/0', 'https://census.gov/data/345'],
      ['/@graph/2', 'https://census.gov/data/123'],
    ]);
    expect(result.datasets[0]!.publisher).toEqual({ name: 'US Census', uri: 'https://census.gov' });
    expect(result.datasets[0]!.title).toEqual({ en: 'some title' });
  });

  it('example1-dcat-us-3.0.json: a single dataset (inventory.data.gov IOLP) with three distributions', () => {
    const { result } = loadFixture(dcatUsLoader, rel('doi-do__example1-dcat-us-3.0.json'));
    expect(result.issues).toEqual([]);
    expect(result.datasets).toHaveLength(1);
    const ds = result.datasets[0]!;
    expect(ds.id).toBe('GSA-4495');
    expect(ds.publisher).toEqual({ name: 'General Services Administration' });
    expect(ds.contactPoint).toEqual({ name: 'Valerie R Butler', email: 'valerie.butler@gsa.gov' });
    expect(ds.themes).toEqual(['Geospatial']);
    expect(ds.spatial).toEqual(['United States']);
    expect(ds.issued).toBe('2002-01-01');
    expect(ds.distributions.map((d) => [d.mediaType, d.conformsTo])).toEqual([
      ['application/xml', ['http://www.isotc211.org/2005/gmd']],
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined],
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined],
    ]);
  });
});

describe('dcat-us 3.0: links are not listings', () => {
  it('a series\' `first`/`last` written inline are loaded; named only (like `inSeries`), they are links, not lost datasets', () => {
    const doc = parseText('dcat-us-3/links.json', JSON.stringify({
      '@context': 'https://raw.githubusercontent.com/DOI-DO/dcat-us/main/context/dcat-us-3.0.jsonld',
      '@type': 'dcat:DatasetSeries',
      '@id': 'https://data.agency.gov/series/tides',
      title: 'Tide tables',
      first: { '@type': 'dcat:Dataset', '@id': 'https://data.agency.gov/dataset/tides-1990', title: 'Tide tables 1990', inSeries: 'https://data.agency.gov/series/tides' },
      last: 'https://data.agency.gov/dataset/tides-2024',
    }));
    const { datasets, issues } = dcatUsLoader.load(doc);
    expect(datasets.map((d) => [d.at.pointer, d.id])).toEqual([
      ['', 'https://data.agency.gov/series/tides'],
      ['/first', 'https://data.agency.gov/dataset/tides-1990'],
    ]);
    expect(datasets[0]!.extras).toMatchObject({ first: ['https://data.agency.gov/dataset/tides-1990'], last: ['https://data.agency.gov/dataset/tides-2024'] });
    expect(issues).toEqual([]);
  });
});

describe('dcat-us 3.0: lint', () => {
  it('every dataset of the folder reaches the report (6 + 3 + 3 + 2 + 1); the two links are info findings on the file', async () => {
    const report = await lintReport(['fixtures/dcat-us-3'], { presets: ['recommended'] });
    expect(report.datasets).toHaveLength(15);
    const file = 'fixtures/dcat-us-3/nested-catalogues.json';
    expect(allFindings(report).filter((f) => f.ruleId.startsWith('core/')).map(brief)).toEqual([
      { ruleId: 'core/reference-not-fetched', messageId: 'remote', severity: 'info', location: { file, pointer: '/dataset/2', line: 61, column: 5 } },
      { ruleId: 'core/reference-not-fetched', messageId: 'remote', severity: 'info', location: { file, pointer: '/catalog/1', line: 100, column: 5 } },
    ]);
  });
});
