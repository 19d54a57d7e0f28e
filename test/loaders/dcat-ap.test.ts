import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { loadDescriptor, type LoadOutcome } from '../../src/loaders/index.js';
import type { Dataset, SourceLocation } from '../../src/model/index.js';
import { fixture } from './helpers.js';

type Loaded = Extract<LoadOutcome, { kind: 'loaded' }>;

async function load(rel: string): Promise<Loaded> {
  const outcome = await loadDescriptor(fixture(rel));
  if (outcome.kind !== 'loaded') throw new Error(`${rel}: ${JSON.stringify(outcome)}`);
  return outcome;
}

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const corpus = (f: string) => `corpus/dcat-ap/${f}`;

/** A location's line/column and RDF statement, without the (absolute) file. */
function where(loc: SourceLocation | undefined) {
  if (!loc) return undefined;
  const { file: _file, ...rest } = loc;
  return rest;
}

describe('dcat-ap loader: every corpus file loads or is reported (fixtures/corpus/dcat-ap)', () => {
  // Datasets per file, counted by hand in the files (dcat:Dataset and dcat:DatasetSeries).
  const expected: Record<string, number | { parseError: [number, number] }> = {
    'ckanext-dcat__catalog.rdf': 2,
    'ckanext-dcat__catalog_datasets_list.rdf': 2,
    'ckanext-dcat__catalog_with_at_graph.jsonld': 1,
    'ckanext-dcat__dataset.rdf': 1,
    // `healthdcatap:` is used but never declared (and line 154 has a stray `<` in `^^<<…>`):
    // those triples are reported and left out, the rest is read.
    'ckanext-dcat__dataset.ttl': 2,
    'ckanext-dcat__dataset_afs.ttl': 1,
    'ckanext-dcat__dataset_deri.ttl': 1,
    'ckanext-dcat__dataset_gob_es.ttl': 1,
    'ckanext-dcat__dataset_gov_de.rdf': 1,
    'ckanext-dcat__dataset_health.ttl': 1,
    'ckanext-dcat__dataset_multilingual.ttl': 1,
    'ckanext-dcat__dataset_sweden.rdf': 1,
    // Its remote context (SEMIC's examples context) is bundled: read offline.
    'semic-dcat-ap__example-bee-population-dataset-series-combined.jsonld': 5,
    // `example-dist:BeePopulation2023/biojson`: `/` is not allowed in a Turtle prefixed name;
    // the two distributions written so are reported and left out, the rest is read.
    'semic-dcat-ap__example-bee-population-dataset-series-combined.ttl': 5,
    'semic-dcat-ap__example-data_service_terms_sla.ttl': 2,
    'semic-dcat-ap__example-ms_catalogue.jsonld': 1,
    'semic-dcat-ap__example-ms_catalogue.ttl': 1,
    'semic-dcat-ap__example-ms_dataset_2_licenses.ttl': 2,
    'semic-dcat-ap__example-ms_dataset_hvd_profile.jsonld': 1,
    'semic-dcat-ap__example1.nt': 1,
    'semic-dcat-ap__example2.nt': 1,
  };

  it('covers every file of the folder', () => {
    expect(fs.readdirSync(fixture('corpus/dcat-ap')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${typeof want === 'number' ? `${want} dataset(s)` : `parse error at ${want.parseError.join(':')}`}`, async () => {
      const outcome = await loadDescriptor(fixture(corpus(file)));
      if (typeof want === 'number') {
        expect(outcome.kind).toBe('loaded');
        const { format, datasets } = outcome as Loaded;
        expect(format).toBe('dcat-ap');
        expect(datasets).toHaveLength(want);
        for (const ds of datasets) {
          expect(ds.source).toMatchObject({ format: 'dcat-ap', file: fixture(corpus(file)) });
          expect(ds.at.subject).toBe(ds.id);
          expect(ds.at.line).toBeGreaterThan(0);
        }
      } else {
        expect(outcome).toMatchObject({ kind: 'parse-error', line: want.parseError[0], column: want.parseError[1] });
      }
    });
  }

  it('errors the parser reads around are issues at their line; the rest of the file loads', async () => {
    const health = await load(corpus('ckanext-dcat__dataset.ttl'));
    const undefinedPrefix = 'invalid Turtle: Undefined prefix "healthdcatap:"';
    expect(health.issues.map((i) => [i.ruleId, i.messageId, i.data?.message ?? i.data?.iri, i.location.line, i.location.column])).toEqual([
      ['core/parse-error', 'skipped', undefinedPrefix, 149, 17],
      ['core/parse-error', 'skipped', undefinedPrefix, 150, 17],
      ['core/parse-error', 'skipped', 'invalid Turtle: Unexpected "<<http://www.w3.org/2001/XMLSchema#dateTime>"', 154, 44],
      ['core/parse-error', 'skipped', undefinedPrefix, 206, 17],
      ['core/parse-error', 'skipped', undefinedPrefix, 207, 17],
      // `foaf:homepage <https:/example.com/homepage>`: valid RDF, no web address.
      ['core/invalid-rdf-term', 'iri', 'https:/example.com/homepage', 221, 9],
    ]);
    expect(health.datasets.map((d) => [d.id, d.title?.en])).toEqual([
      ['http://example.healthdata.nl/set/dataset', 'HealthDCAT-AP test dataset'],
      ['http://example.com/series', 'Example dataset series'],
    ]);
    // The statement around the undefined prefixes still gives its other values.
    expect(health.datasets[1]!.publisher).toEqual({ name: 'Test Example', email: 'test@example.com', url: 'http://example.com/' });
    expect(health.datasets[1]!.temporal).toEqual({ start: '2020-03-01', end: '2024-12-31' });
    const bees = await load(corpus('semic-dcat-ap__example-bee-population-dataset-series-combined.ttl'));
    expect(bees.issues.map((i) => [i.data?.message, i.location.line, i.location.column])).toEqual([
      ['invalid Turtle: Unexpected "example-dist:BeePopulation2023/biojson"', 32, 1],
      ['invalid Turtle: Unexpected "example-dist:BeePopulation2023/csv"', 34, 1],
    ]);
  });
});

describe('dcat-ap loader: Turtle with literal licences and blank nodes (ckanext-dcat__dataset_afs.ttl)', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = (await load(corpus('ckanext-dcat__dataset_afs.ttl'))).datasets[0]!;
  });

  it('maps the dataset, located at its subject and each property at its own line', () => {
    expect(ds.id).toBe('http://example.com/data/test-dataset-1');
    expect(where(ds.at)).toEqual({ subject: 'http://example.com/data/test-dataset-1', line: 7, column: 1 });
    expect(ds.title).toEqual({ '': 'A test dataset on your catalogue' });
    expect(where(ds.locations.title)).toEqual({ subject: ds.id, predicate: `${DCT}title`, line: 18, column: 5 });
    expect(ds.description).toEqual({ '': 'A longer description of the dataset' });
    expect(ds.keywords).toEqual(['pollution', 'stats']);
    expect(ds.locations.keywords?.line).toBe(35);
    // dc:language (DC elements) when there is no dct:language.
    expect(ds.language).toEqual(['ca', 'en', 'es']);
    expect(ds.issued).toBe('2012-05-10');
    expect(ds.modified).toBe('2012-05-10T21:04');
    expect(ds.landingPage).toBe('http://url.to.dataset.home');
    expect(ds.extras['dct:identifier']).toBe('http://example.com/data/test-dataset-1');
  });

  it('blank-node publisher: name and mbox, each part at its own line', () => {
    expect(ds.publisher).toEqual({ name: 'Name of the Publishing Organization', email: 'contact@some.org' });
    expect(ds.locations.publisher?.line).toBe(14);
    expect(ds.locations['publisher.name']).toMatchObject({ predicate: 'http://xmlns.com/foaf/0.1/name', line: 16 });
    expect(ds.locations['publisher.email']?.line).toBe(15);
  });

  it('no dataset licence; literal licences, download URLs and IMT formats on the distributions', () => {
    expect(ds.licence).toBeUndefined();
    expect(ds.locations.licence).toBeUndefined();
    const [csv, html] = ds.distributions;
    expect(csv).toMatchObject({
      title: { '': 'Test resource CSV file' },
      downloadURL: 'http://url.to.csv.file',
      format: 'text/csv',
      licence: { raw: 'https://url.to.license', url: 'https://url.to.license' },
    });
    expect(html).toMatchObject({ accessURL: 'http://url.to.html.page', format: 'text/html', licence: { raw: 'https://url.to.license' } });
    // `dcat:distribution [ … ]` twice: each blank node where its bracket opens.
    expect(csv!.at.line).toBe(19);
    expect(html!.at.line).toBe(27);
    expect(csv!.locations.licence).toMatchObject({ subject: csv!.at.subject, predicate: `${DCT}license`, line: 23 });
    expect(html!.locations.accessURL?.line).toBe(33);
  });
});

describe('dcat-ap loader: HVD member-state catalogue, Turtle and JSON-LD', () => {
  let ttl: Dataset;
  let jsonld: Dataset;
  beforeAll(async () => {
    ttl = (await load(corpus('semic-dcat-ap__example-ms_catalogue.ttl'))).datasets[0]!;
    jsonld = (await load(corpus('semic-dcat-ap__example-ms_catalogue.jsonld'))).datasets[0]!;
  });

  it('exposes the HVD category and applicable legislation', () => {
    for (const ds of [ttl, jsonld]) {
      expect(ds.hvdCategory).toEqual(['http://data.europa.eu/bna/c_b7f6a4f3']);
      expect(ds.applicableLegislation).toEqual(['http://data.europa.eu/eli/reg_impl/2023/138/oj', 'http://data.europa.eu/eli/dir/2007/2/2019-06-26']);
    }
    expect(where(ttl.locations.hvdCategory)).toEqual({ subject: ttl.id, predicate: 'http://data.europa.eu/r5r/hvdCategory', line: 21, column: 3 });
    expect(where(jsonld.locations.hvdCategory)).toEqual({
      subject: jsonld.id,
      predicate: 'http://data.europa.eu/r5r/hvdCategory',
      pointer: '/@graph/4/dcatap:hvdCategory',
      line: 52,
      column: 7,
    });
  });

  it('reads the same dataset from both syntaxes', () => {
    const core = (ds: Dataset) => ({
      id: ds.id,
      title: ds.title,
      description: ds.description,
      publisher: ds.publisher,
      frequency: ds.frequency,
      conformsTo: ds.conformsTo,
      // What the loader read (the licence normaliser adds openness etc. afterwards).
      distributions: ds.distributions.map((d) => ({ id: d.id, accessURL: d.accessURL, format: d.format, licence: d.licence && { raw: d.licence.raw, url: d.licence.url }, conformsTo: d.conformsTo })),
    });
    expect(core(jsonld)).toEqual(core(ttl));
    expect(core(ttl)).toEqual({
      id: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B',
      title: { en: 'The population of bees' },
      description: { en: 'This dataset provides the population of bees based on a yearly inquiry held among beekeepers and farmers in spring.' },
      publisher: { name: 'MS Environmental Agency' },
      frequency: 'http://publications.europa.eu/resource/authority/frequency/BIENNIAL',
      conformsTo: ['https://orgea.exampleMS.gov/applicationprofile/populationOfInsects'],
      distributions: [
        {
          id: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B-dist-SHP',
          accessURL: 'https://orgea.exampleMS.gov/files/1T2p3o4B.shp',
          format: 'http://publications.europa.eu/resource/authority/file-type/SHP',
          licence: { raw: 'https://data.exampleMS.gov/resource/FreeAndOpen', url: 'https://data.exampleMS.gov/resource/FreeAndOpen' },
          conformsTo: ['https://orgea.exampleMS.gov/dataset/1T2p3o4B/schema/shp'],
        },
        // Listed by the dataset, described nowhere in the file.
        { id: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B-dist-RDF', accessURL: undefined, format: undefined, licence: undefined, conformsTo: undefined },
      ],
    });
  });

  it('JSON-LD values are located by JSON pointer and line', () => {
    expect(where(jsonld.at)).toEqual({ subject: jsonld.id, pointer: '/@graph/4', line: 41, column: 5 });
    expect(jsonld.locations.title).toMatchObject({ pointer: '/@graph/4/dcterms:title', line: 69 });
    expect(jsonld.source.position?.('/@graph/4/dcterms:title')).toEqual({ line: 69, column: 7 });
    expect(jsonld.distributions[0]!.at).toMatchObject({ pointer: '/@graph/5', line: 90 });
  });

  it('keeps what the model does not name in extras, by prefixed name', () => {
    expect(ttl.extras['dct:identifier']).toBe('https://data.exampleMS.gov/id/dataset/1T2p3o4B');
    expect(ttl.extras['adms:identifier']).toEqual([
      { 'skos:notation': 'https://data.exampleMS.gov/id/dataset/1T2p3o4B' },
      { 'dct:creator': 'https://dataportal.exampleMS.gov', 'skos:notation': 'https://dataportal.exampleMS.gov/dataset/Thepopulationofbees' },
    ]);
    expect(ttl.locations['extras.adms:identifier']?.line).toBe(24);
    expect(ttl.distributions[0]!.extras['dcatap:applicableLegislation']).toBe('http://data.europa.eu/eli/reg_impl/2023/138/oj');
  });

  it('a DataService is no dataset; the non-open licence stays on its distribution (2 licences example)', async () => {
    const { datasets } = await load(corpus('semic-dcat-ap__example-ms_dataset_2_licenses.ttl'));
    expect(datasets.map((d) => d.title)).toEqual([{ en: 'The population of bees' }, { en: 'The population of wasps' }]);
    expect(datasets[1]!.distributions.map((d) => d.licence?.raw)).toEqual(['https://data.exampleMS.gov/resource/NoCommercialUseWithFees']);
    expect(datasets[0]!.applicableLegislation).toHaveLength(2);
    expect(datasets[0]!.hvdCategory).toEqual([]);
  });
});

describe('dcat-ap loader: RDF/XML (ckanext-dcat__dataset_gov_de.rdf, DCAT-AP.de)', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = (await load(corpus('ckanext-dcat__dataset_gov_de.rdf'))).datasets[0]!;
  });

  it('maps the dataset, each property at the line of its element', () => {
    expect(ds.id).toBe('https://www.opendata-hro.de/dataset/c1be4007-d811-48fb-8818-2cb358b06a63');
    expect(where(ds.at)).toEqual({ subject: ds.id, line: 14, column: 3 });
    expect(ds.title).toEqual({ '': 'Liefer- und Abholservices (Gastronomie)' });
    expect(ds.locations.title?.line).toBe(15);
    expect(ds.themes).toEqual(['http://publications.europa.eu/resource/authority/data-theme/ECON']);
    expect(ds.accessRights).toBe('http://publications.europa.eu/resource/authority/access-right/PUBLIC');
    expect(ds.language).toEqual(['http://publications.europa.eu/resource/authority/language/DEU']);
    // After nine nested distributions, at the dataset's own level again.
    expect(ds.hvdCategory).toEqual(['http://data.europa.eu/bna/c_e1da4e07']);
    expect(ds.locations.hvdCategory?.line).toBe(245);
    expect(ds.applicableLegislation).toEqual(['http://data.europa.eu/eli/reg_impl/2023/138/oj']);
    expect(ds.locations.applicableLegislation?.line).toBe(244);
  });

  it('publisher IRI with foaf:name; vCard contact point', () => {
    expect(ds.publisher).toEqual({ uri: 'https://www.opendata-hro.de/organization/b952e781-ab4c-456a-8e7a-2845f7efaf83', name: 'Hanse- und Universitätsstadt Rostock' });
    expect(ds.contactPoint).toEqual({ name: 'Hanse- und Universitätsstadt Rostock – Kataster-, Vermessungs- und Liegenschaftsamt', email: 'geodienste@rostock.de' });
    expect(ds.locations['contactPoint.email']?.line).toBe(36);
  });

  it('distributions: formats, media types, byte sizes, checksums, licences', () => {
    expect(ds.distributions).toHaveLength(9);
    const geojson = ds.distributions[0]!;
    expect(geojson).toMatchObject({
      downloadURL: 'https://geo.sv.rostock.de/download/opendata/lieferservices/lieferservices.json',
      format: 'http://publications.europa.eu/resource/authority/file-type/GEOJSON',
      mediaType: 'https://www.iana.org/assignments/media-types/application/geo+json',
      byteSize: 147253,
      checksum: 'sha256:1d5a3926327046c8fcd75652c6e44d3c74004c6727939f33fb05e16e324df241',
      licence: { raw: 'http://dcat-ap.de/def/licenses/cc-zero' },
    });
    expect(geojson.at.line).toBe(56);
    expect(geojson.locations.checksum?.line).toBe(70);
    expect(ds.distributions.map((d) => d.format?.split('/').pop())).toEqual(['GEOJSON', 'WMS', 'WFS', undefined, undefined, 'XLSX', 'CSV', 'GML', 'KML']);
  });
});

describe('dcat-ap loader: other corpus details', () => {
  it('dataset.rdf: temporal, spatial (IRI and WKT geometry), checksum, access service, documentation', async () => {
    const ds = (await load(corpus('ckanext-dcat__dataset.rdf'))).datasets[0]!;
    expect(ds.temporal).toEqual({ start: '1905-03-01', end: '2013-01-05' });
    expect(ds.spatial).toEqual(['http://publications.europa.eu/mdr/authority/country/ZWE', 'POLYGON ((11.9936 54.0486, 11.9936 54.2466, 12.3045 54.2466, 12.3045 54.0486, 11.9936 54.0486))']);
    expect(ds.documentation).toEqual(['http://dataset.info.org/doc1', 'http://dataset.info.org/doc2']);
    expect(ds.contactPoint).toEqual({ name: 'Point of Contact', email: 'contact@some.org', url: 'https://example.org' });
    const [dist] = ds.distributions;
    expect(dist).toMatchObject({ checksum: 'sha1:4304cf2e751e6053c90b1804c89c0ebb758f395a', byteSize: 12323, accessService: 'http://publications.europa.eu/webapi/rdf/sparql' });
    // foaf:homepage only fills the landing page when dcat:landingPage is absent; otherwise extras.
    expect(ds.landingPage).toBe('http://dataset.info.org');
    expect(ds.extras['foaf:homepage']).toBe('http://dataset.info.org/home');
  });

  it('multilingual Turtle: one text per language tag', async () => {
    const ds = (await load(corpus('ckanext-dcat__dataset_multilingual.ttl'))).datasets[0]!;
    expect(ds.title).toEqual({ ca: 'Conjunt de dades de prova DCAT', en: 'Test DCAT dataset', es: 'Conjunto de datos de prueba DCAT' });
    expect(ds.keywords).toEqual(['Pins', 'Roures', 'Oaks', 'Pines', 'Pinos', 'Robles']);
    // Two contact points: the first one written.
    expect(ds.contactPoint).toEqual({ name: 'Contact 2', email: 'contact2@example.org' });
  });

  it('old DCAT draft (data.london.gov.uk): dcat:Download distribution, foaf:homepage landing page, values as written', async () => {
    const ds = (await load(corpus('ckanext-dcat__dataset_deri.ttl'))).datasets[0]!;
    expect(ds.issued).toBe('06/05/2009');
    expect(ds.frequency).toBe('Annual');
    expect(ds.spatial).toEqual(['Greater London']);
    expect(ds.landingPage).toBe('http://data.london.gov.uk/datastore/package/abandoned-vehicles');
    expect(ds.distributions.map((d) => [d.id, d.at.line])).toEqual([['http://data.london.gov.uk/dataset/Abandoned_Vehicles/csv', 27]]);
  });

  it('HealthDCAT-AP: licence title from the licence resource described in the file', async () => {
    const ds = (await load(corpus('ckanext-dcat__dataset_health.ttl'))).datasets[0]!;
    expect(ds.accessRights).toBe('http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC');
    expect(ds.temporal).toEqual({ start: '2020-03-01', end: '2024-12-31' });
    expect(ds.distributions[0]!.licence).toMatchObject({
      raw: 'http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0',
      url: 'http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0',
      title: 'Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported',
    });
    // Normalised after loading, as for every other format.
    expect(ds.distributions[0]!.licence).toMatchObject({ spdx: 'CC-BY-NC-ND-3.0', openness: 'not-open' });
  });

  it('N-Triples: each property at the line of its triple', async () => {
    const ds = (await load(corpus('semic-dcat-ap__example1.nt'))).datasets[0]!;
    expect(where(ds.at)).toEqual({ subject: 'https://myorg.eu/opendata/datasets/1', line: 12, column: 1 });
    expect(ds.locations.title?.line).toBe(14);
    expect(ds.contactPoint).toEqual({ email: 'opendata@myorg.eu' });
    expect(ds.locations.contactPoint?.line).toBe(16);
  });
});

describe('dcat-ap loader: JSON-LD contexts are never fetched', () => {
  it('a well-known remote @context is served from its bundled copy (SEMIC DCAT-AP 3 examples context)', async () => {
    const outcome = await load(corpus('semic-dcat-ap__example-bee-population-dataset-series-combined.jsonld'));
    // Before the copy was bundled: no dataset and a core/remote-context warning.
    expect(outcome.issues).toEqual([]);
    expect(outcome.datasets.map((d) => [d.id, d.title?.en, d.issued, d.at.line])).toEqual([
      ['https://data.gov.gr/id/dataset/BeePopulation2000', 'Bee population 2000 in Greece', '2023-06-01', 4],
      ['https://data.gov.gr/id/dataset/BeePopulation2022', 'Bee population 2022 in the region of Thessaloniki', '2022-03-01', 15],
      ['https://data.gov.gr/id/dataset/BeePopulation2023', 'Bee population 2023 in the region of Thessaloniki and Athens', '2023-03-21', 27],
      ['https://data.gov.gr/id/dataset/BeePopulationLive', 'life counts of the Bee population in Greece', '2023-03-21', 54],
      ['https://data.gov.gr/id/datasetseries/BeePopulation', 'Bee population', '2022-04-01', 76],
    ]);
    // Terms of the context's type-scoped contexts are located too.
    expect(outcome.datasets[0]!.locations.title).toMatchObject({ pointer: '/@graph/0/title', line: 10 });
  });

  it('a remote context is replaced by the bundled prefixes: prefixed properties are still read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odlint-jsonld-'));
    const file = path.join(dir, 'remote.jsonld');
    fs.writeFileSync(
      file,
      JSON.stringify({
        '@context': ['https://example.org/unknown-context.jsonld', { ex: 'https://example.org/' }],
        '@id': 'ex:dataset',
        '@type': 'dcat:Dataset',
        'dct:title': 'Read through the dct: prefix',
        title: 'Lost: defined by the remote context only',
      }),
    );
    const outcome = await loadDescriptor(file);
    expect(outcome).toMatchObject({ kind: 'loaded', format: 'dcat-ap' });
    const { datasets, issues } = outcome as Loaded;
    expect(datasets.map((d) => [d.id, d.title])).toEqual([['https://example.org/dataset', { '': 'Read through the dct: prefix' }]]);
    expect(issues.map((i) => [i.ruleId, i.data?.url, i.location.pointer])).toEqual([['core/remote-context', 'https://example.org/unknown-context.jsonld', '/@context/0']]);
  });

  it("the bundled context's own URL is served, not reported; blank distributions located by pointer", async () => {
    const { datasets, issues } = await load('dcat-ap/good/catalogue.jsonld');
    expect(issues).toEqual([]);
    const [ds] = datasets;
    expect(ds!.title).toEqual({ en: 'Schools by municipality', fr: 'Écoles par commune' });
    expect(ds!.publisher).toEqual({ name: 'Brussels Region' });
    expect(ds!.locations['publisher.name']).toMatchObject({ pointer: '/@graph/1/dct:publisher/foaf:name', line: 18 });
    expect(ds!.flags).toEqual({ concernsIndividuals: false });
    expect(ds!.distributions.map((d) => [d.title?.[''], d.at.pointer, d.licence?.raw])).toEqual([
      ['Schools (CSV)', '/@graph/1/dcat:distribution/0', undefined],
      ['Schools (GeoJSON)', '/@graph/1/dcat:distribution/1', 'http://publications.europa.eu/resource/authority/licence/CC0'],
    ]);
    expect(ds!.distributions[1]!.locations.licence).toMatchObject({ pointer: '/@graph/1/dcat:distribution/1/dct:license', line: 30 });
  });
});

describe('dcat-ap loader: a publisher-written Turtle descriptor (fixtures/dcat-ap/good/dataset.ttl)', () => {
  let ds: Dataset;
  let issues: Loaded['issues'];
  beforeAll(async () => {
    ({ datasets: [ds!], issues } = await load('dcat-ap/good/dataset.ttl'));
  });

  it('maps every DCAT-AP 3 property', () => {
    expect(issues).toEqual([]);
    expect(ds.title).toEqual({ en: 'Population by municipality and sex, 2023', fr: 'Population par commune et par sexe, 2023' });
    expect(ds.publisher).toEqual({ name: 'Brussels Institute for Statistics and Analysis', email: 'info@example.brussels', url: 'https://example.brussels/ibsa' });
    expect(ds.contactPoint).toEqual({ name: 'Open data team', email: 'opendata@example.brussels' });
    expect(ds.temporal).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(ds.locations.temporal?.line).toBe(31);
    expect(ds.spatial).toEqual(['https://sws.geonames.org/2800867/']);
    expect(ds.frequency).toBe('http://publications.europa.eu/resource/authority/frequency/ANNUAL');
    expect(ds.language).toEqual(['http://publications.europa.eu/resource/authority/language/ENG', 'http://publications.europa.eu/resource/authority/language/FRA']);
    expect(ds.documentation).toEqual(['https://example.brussels/datasets/population-by-sex/methodology']);
    expect(ds.hvdCategory).toEqual(['http://data.europa.eu/bna/c_e1da4e07']);
    expect(ds.applicableLegislation).toEqual(['http://data.europa.eu/eli/reg_impl/2023/138/oj']);
  });

  it('gender flags from a portal namespace, located at their triples', () => {
    expect(ds.flags).toEqual({ concernsIndividuals: true, sexDisaggregated: true, genderStatistics: false });
    expect(where(ds.locations['flags.sexDisaggregated'])).toEqual({ subject: ds.id, predicate: 'https://example.brussels/ns/gender#sexDisaggregated', line: 47, column: 5 });
    expect(Object.keys(ds.extras)).toEqual(['rdf:type', 'dct:identifier']);
  });

  it('a relative download IRI is the data file beside the descriptor', () => {
    const csv = ds.distributions[0]!;
    expect(csv.downloadURL).toBe('data/population-by-sex.csv');
    expect(csv.localRef).toBe('data/population-by-sex.csv');
    expect(csv.localPath).toBe(fixture('dcat-ap/good/data/population-by-sex.csv'));
    expect(csv.locations.localPath?.line).toBe(61);
    expect(csv).toMatchObject({
      byteSize: 121,
      checksum: 'sha256:faa470396e23e90d3674f04c4db6ea4a84ec68799a6d9ab603d0a9cc5c051984',
      mediaType: 'http://www.iana.org/assignments/media-types/text/csv',
      licence: { raw: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0', title: 'Creative Commons Attribution 4.0 International' },
    });
  });

  it('a blank-node distribution with an access service', () => {
    const api = ds.distributions[1]!;
    expect(api).toMatchObject({ title: { en: 'Population API' }, accessURL: 'https://api.example.brussels/population', accessService: 'https://api.example.brussels/population/v1' });
    expect(api.at).toMatchObject({ line: 50, column: 87 });
    expect(api.locations.accessService?.line).toBe(54);
  });
});

describe('dcat-ap loader: unsafe data paths and malformed RDF', () => {
  it('relative IRIs leaving the folder are refused, never read', async () => {
    const { datasets, issues } = await load('dcat-ap/bad/paths.ttl');
    expect(datasets[0]!.distributions.map((d) => d.localPath)).toEqual([undefined, undefined]);
    expect(issues.map((i) => [i.ruleId, i.data?.path, i.location.line, i.location.column, i.dataset === datasets[0]])).toEqual([
      ['core/unsafe-path', '../secret.csv', 8, 25, true],
      ['core/unsafe-path', path.relative(fixture('dcat-ap/bad'), '/etc/passwd'), 8, 64, true],
    ]);
  });

  it('syntax errors with line and column in each syntax', async () => {
    expect(await loadDescriptor(fixture('malformed/broken.rdf'))).toEqual({ kind: 'parse-error', message: 'invalid RDF/XML: unexpected close tag', line: 6, column: 35 });
    // The triple before the broken one is read.
    const nt = (await load('malformed/broken.nt')) as Loaded;
    expect(nt.datasets.map((d) => d.id)).toEqual(['https://example.org/dataset/1']);
    expect(nt.issues).toEqual([
      {
        ruleId: 'core/parse-error',
        messageId: 'skipped',
        data: { message: 'invalid N-Triples: Expected punctuation to follow ""No final dot""' },
        location: { file: fixture('malformed/broken.nt'), line: 3, column: 1 },
      },
    ]);
    expect(await loadDescriptor(fixture('malformed/broken.jsonld'))).toEqual({
      kind: 'parse-error',
      message: 'invalid JSON-LD: Invalid JSON-LD syntax; @context must be an object',
      line: 2,
      column: 3,
    });
  });

  it('truncated or corrupted RDF never throws: a parse error or a load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odlint-rdf-'));
    const files = fs.readdirSync(fixture('corpus/dcat-ap')).filter((f) => !f.endsWith('.jsonld'));
    for (const f of files) {
      const text = fs.readFileSync(fixture(corpus(f)), 'utf8');
      for (const cut of [0.13, 0.37, 0.61, 0.89]) {
        const at = Math.floor(text.length * cut);
        for (const [name, body] of [
          ['cut', text.slice(0, at)],
          ['junk', `${text.slice(0, at)}<"[;${text.slice(at + 3)}`],
        ]) {
          const file = path.join(dir, `${name}-${cut}-${f}`);
          fs.writeFileSync(file, body!);
          const outcome = await loadDescriptor(file);
          expect(['loaded', 'parse-error', 'not-a-descriptor'], `${file}: ${JSON.stringify(outcome)}`).toContain(outcome.kind);
        }
      }
    }
  });
});

describe('dcat-ap loader: what counts as RDF', () => {
  it('XML that is not RDF/XML is no descriptor (POD legacy catalog); Turtle is recognised by content', async () => {
    expect(await loadDescriptor(fixture('corpus/dcat-us/pod__catalog-sample.xml'))).toEqual({ kind: 'not-a-descriptor', reason: 'XML that is not RDF' });
    expect(await loadDescriptor(fixture('corpus/dcat-us/pod__catalog-template-extended.xml'))).toEqual({ kind: 'not-a-descriptor', reason: 'XML that is not RDF' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odlint-ttl-'));
    const file = path.join(dir, 'catalogue.txt');
    fs.writeFileSync(file, `@prefix dcat: <${DCAT}> .\n<https://example.org/d> a dcat:Dataset .\n`);
    const outcome = await loadDescriptor(file);
    expect(outcome).toMatchObject({ kind: 'loaded', format: 'dcat-ap' });
    expect((outcome as Loaded).datasets.map((d) => d.id)).toEqual(['https://example.org/d']);
  });
});
