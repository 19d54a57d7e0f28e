import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { ckanLoader } from '../../src/loaders/ckan.js';
import { fixture, fixturesIn, lineOf, loadFixture, parseFixture, parseText, scores, winner } from './helpers.js';

describe('ckan loader: fixtures/ckan/good/package.json (package_show envelope)', () => {
  const { doc, result } = loadFixture(ckanLoader, 'ckan/good/package.json');
  const ds = result.datasets[0]!;

  it('detects the envelope with certainty and nobody else claims it', () => {
    expect(scores(doc)).toEqual({ odlint: 0, frictionless: 0, ckan: 1, udata: 0, 'dcat-us': 0 });
  });

  it('loads one dataset located at /result with no issue', () => {
    expect(result.issues).toEqual([]);
    expect(result.datasets).toHaveLength(1);
    expect(ds.at).toEqual({ file: doc.file, pointer: '/result' });
    expect(ds.source.format).toBe('ckan');
    expect(ds.source.file).toBe(fixture('ckan/good/package.json'));
    expect(ds.source.position?.('/result/license_id')).toEqual({ line: 9, column: 5 });
  });

  it('maps the core CKAN fields with their pointers and lines', () => {
    expect(ds.id).toBe('population-by-sex-2023');
    expect(ds.locations.id?.pointer).toBe('/result/name');
    expect(lineOf(doc, ds.locations.id?.pointer)).toBe(6);
    expect(ds.title).toEqual({ '': 'Population by municipality and sex, 2023' });
    expect(ds.description?.['']).toMatch(/^Number of inhabitants of each municipality/);
    expect(ds.locations.description?.pointer).toBe('/result/notes');
    expect(ds.keywords).toEqual(['population', 'demography', 'sex']);
    expect(ds.locations.keywords?.pointer).toBe('/result/tags');
    expect(lineOf(doc, '/result/tags')).toBe(30);
    expect(ds.themes).toEqual(['society']);
    expect(ds.locations.themes?.pointer).toBe('/result/groups');
    expect(ds.landingPage).toBe('https://opendata.example.brussels/dataset/population-by-sex-2023');
    expect(lineOf(doc, ds.locations.landingPage?.pointer)).toBe(13);
  });

  it('takes the licence from license_id/title/url', () => {
    expect(ds.licence).toEqual({
      raw: 'cc-by',
      title: 'Creative Commons Attribution',
      url: 'http://www.opendefinition.org/licenses/cc-by',
    });
    expect(ds.locations.licence).toEqual({ file: doc.file, pointer: '/result/license_id' });
    expect(lineOf(doc, ds.locations.licence?.pointer)).toBe(9);
  });

  it('publisher from the organization, contact point from the maintainer (author kept in extras)', () => {
    expect(ds.publisher).toEqual({ name: 'Brussels Institute for Statistics and Analysis' });
    expect(ds.locations.publisher?.pointer).toBe('/result/organization');
    expect(ds.locations['publisher.name']?.pointer).toBe('/result/organization/title');
    expect(lineOf(doc, '/result/organization/title')).toBe(24);
    expect(ds.contactPoint).toEqual({ name: 'Open data team', email: 'opendata@example.brussels' });
    expect(ds.locations['contactPoint.email']?.pointer).toBe('/result/maintainer_email');
    expect(lineOf(doc, '/result/maintainer_email')).toBe(15);
    expect(ds.extras.author).toBe('Statistics unit');
    expect(ds.extras.author_email).toBe('stats@example.brussels');
  });

  it('fills DCAT fields from key/value extras when the top level has none', () => {
    expect(ds.frequency).toBe('http://publications.europa.eu/resource/authority/frequency/ANNUAL');
    expect(ds.locations.frequency?.pointer).toBe('/result/extras/0/value');
    expect(lineOf(doc, '/result/extras/0/value')).toBe(39);
    expect(ds.language).toEqual(['en', 'fr', 'nl']);
    expect(ds.locations.language?.pointer).toBe('/result/extras/1/value');
    expect(ds.spatial).toEqual(['https://sws.geonames.org/2800867/']);
    expect(ds.temporal).toEqual({ start: '2023-01-01', end: '2023-01-01' });
    expect(ds.locations.temporal?.pointer).toBe('/result/extras/3/value');
    // metadata_created/modified are the fallbacks for issued/modified.
    expect(ds.issued).toBe('2023-03-15T10:02:11.120044');
    expect(ds.locations.issued?.pointer).toBe('/result/metadata_created');
    expect(ds.modified).toBe('2024-03-14T08:45:00.000000');
  });

  it('keeps every extra in ds.extras, JSON-decoded, at /extras/<i>/value', () => {
    expect(ds.extras.language).toEqual(['en', 'fr', 'nl']);
    expect(ds.locations['extras.language']?.pointer).toBe('/result/extras/1/value');
    expect(ds.extras.frequency).toBe('http://publications.europa.eu/resource/authority/frequency/ANNUAL');
    expect(ds.extras.isopen).toBe(true);
    expect(ds.locations['extras.isopen']?.pointer).toBe('/result/isopen');
    expect(lineOf(doc, '/result/isopen')).toBe(12);
  });

  it('reads the gender flags from extras (true / oui / no)', () => {
    expect(ds.flags).toEqual({ concernsIndividuals: true, sexDisaggregated: true, genderStatistics: false });
    expect(ds.locations['flags.sexDisaggregated']?.pointer).toBe('/result/extras/6/value');
    expect(lineOf(doc, '/result/extras/6/value')).toBe(45);
  });

  it('maps an uploaded resource with a relative url to a local data file', () => {
    const dist = ds.distributions[0]!;
    expect(dist.at.pointer).toBe('/result/resources/0');
    expect(dist.id).toBe('9d4c8e0a-1111-4f00-9000-00000000000a');
    expect(dist.title).toEqual({ '': 'Population by municipality and sex (CSV)' });
    expect(dist.accessURL).toBe('data/population-by-sex.csv');
    expect(dist.downloadURL).toBe('data/population-by-sex.csv');
    expect(dist.localRef).toBe('data/population-by-sex.csv');
    expect(dist.localPath).toBe(fixture('ckan/good/data/population-by-sex.csv'));
    expect(fs.existsSync(dist.localPath!)).toBe(true);
    expect(dist.locations.localPath?.pointer).toBe('/result/resources/0/url');
    expect(lineOf(doc, '/result/resources/0/url')).toBe(56);
    expect(dist.format).toBe('CSV');
    expect(dist.mediaType).toBe('text/csv');
    expect(dist.byteSize).toBe(121);
    expect(dist.checksum).toBe('sha256:faa470396e23e90d3674f04c4db6ea4a84ec68799a6d9ab603d0a9cc5c051984');
    expect(dist.issued).toBe('2023-03-15T10:05:00.000000');
    expect(dist.modified).toBe('2024-03-14T08:44:00.000000');
    expect(dist.extras).toEqual({ package_id: '5b0c3a52-8f7e-4a31-9a35-0d6a1f0f6c11', url_type: 'upload', position: 0 });
  });

  it('maps a remote resource with its own licence and no download URL', () => {
    const dist = ds.distributions[1]!;
    expect(dist.accessURL).toBe('https://opendata.example.brussels/api/population?year=2023');
    expect(dist.downloadURL).toBeUndefined();
    expect(dist.localPath).toBeUndefined();
    expect(dist.licence).toEqual({ raw: 'cc-zero' });
    expect(dist.locations.licence?.pointer).toBe('/result/resources/1/license_id');
    expect(lineOf(doc, '/result/resources/1/license_id')).toBe(71);
  });
});

describe('ckan loader: fixtures/ckan/bad/package.json (bare dict, defects)', () => {
  const { doc, result } = loadFixture(ckanLoader, 'ckan/bad/package.json');
  const ds = result.datasets[0]!;

  it('reports a resource url that escapes the folder and never resolves it', () => {
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect(issue).toMatchObject({ ruleId: 'core/unsafe-path', messageId: 'outside', data: { path: '../../../etc/passwd' } });
    expect(issue.location.pointer).toBe('/resources/0/url');
    expect(lineOf(doc, issue.location.pointer)).toBe(23);
    expect(issue.dataset).toBe(ds);
    expect(ds.distributions[0]!.localPath).toBeUndefined();
  });

  it('keeps a relative url to a missing file as localPath (the data rules report it)', () => {
    const dist = ds.distributions[1]!;
    expect(dist.localRef).toBe('data/counts-2019.csv');
    expect(dist.localPath).toBe(fixture('ckan/bad/data/counts-2019.csv'));
    expect(fs.existsSync(dist.localPath!)).toBe(false);
    expect(dist.title).toBeUndefined();
  });

  it('skips values of the wrong type and null / non-object resources', () => {
    expect(ds.distributions).toHaveLength(2);
    expect(ds.distributions[0]!.byteSize).toBeUndefined();
    expect(ds.contactPoint).toBeUndefined();
    expect(ds.keywords).toEqual([]);
    expect(ds.licence).toEqual({ raw: 'cc-nc', title: 'Creative Commons Non-Commercial (Any)' });
    // "maybe" is not a boolean: the flag stays unknown.
    expect(ds.flags).toEqual({ sexDisaggregated: true });
  });
});

describe('ckan loader: API error envelopes', () => {
  it('turns {success:false, error} into one core/api-error issue at /error', () => {
    const { doc, result } = loadFixture(ckanLoader, 'ckan/api-error.json');
    expect(ckanLoader.detect(doc)).toBe(0.9);
    expect(winner(doc)).toBe('ckan');
    expect(result.datasets).toEqual([]);
    expect(result.issues).toEqual([
      {
        ruleId: 'core/api-error',
        messageId: 'apiError',
        data: { message: 'Not Found Error: Not found' },
        location: { file: doc.file, pointer: '/error' },
      },
    ]);
    expect(lineOf(doc, '/error')).toBe(4);
  });

  it('words validation errors (no message, one list per field)', () => {
    const doc = parseText('ckan/validation-error.json', '{"success": false, "error": {"__type": "Validation Error", "name": ["Missing value"], "url": ["Invalid URL", "Too long"]}}');
    expect(ckanLoader.load(doc).issues[0]!.data).toEqual({ message: 'Validation Error: name: Missing value; url: Invalid URL, Too long' });
  });
});

describe('ckan loader: real CKAN files (fixtures/corpus/ckan)', () => {
  for (const rel of fixturesIn('corpus/ckan', /\.json$/)) {
    it(`claims ${rel} and loads it without issues`, () => {
      const doc = parseFixture(rel);
      const s = scores(doc);
      expect(s.ckan).toBeGreaterThanOrEqual(0.65);
      expect(s.frictionless).toBe(0);
      expect(s.udata).toBe(0);
      expect(s.odlint).toBe(0);
      const result = ckanLoader.load(doc);
      expect(result.issues).toEqual([]);
      expect(result.datasets.length).toBeGreaterThanOrEqual(1);
    });
  }

  it('legacy DCAT-AP extras: JSON-encoded lists decoded, model fields filled from extras', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_legacy.json');
    const ds = result.datasets[0]!;
    expect(ds.themes).toEqual(['https://example.org/uri/theme1', 'https://example.org/uri/theme2', 'https://example.org/uri/theme3']);
    expect(ds.locations.themes?.pointer).toBe('/extras/9/value');
    expect(lineOf(doc, '/extras/9/value')).toBe(54);
    expect(ds.extras.alternate_identifier).toEqual(['alt-id-1', 'alt-id-2']);
    expect(ds.extras.theme).toEqual(ds.themes);
    expect(ds.language).toEqual(['en', 'ca', 'es']);
    expect(ds.conformsTo).toEqual(['Standard1', 'Standard2']);
    expect(ds.applicableLegislation).toEqual(['http://data.europa.eu/eli/reg_impl/2023/138/oj', 'http://data.europa.eu/eli/reg_impl/2023/138/oj_alt']);
    expect(ds.accessRights).toBe('Statement about access rights');
    expect(ds.issued).toBe('2024-05-01');
    expect(ds.frequency).toBe('monthly');
    expect(ds.publisher).toEqual({ name: 'Test Publisher', email: 'publisher@example.org', url: 'https://example.org' });
    expect(ds.locations['publisher.name']?.pointer).toBe('/extras/17/value');
    expect(lineOf(doc, '/extras/17/value')).toBe(86);
    expect(ds.contactPoint).toEqual({ name: 'Contact 1', email: 'contact1@example.org' });
    expect(ds.temporal).toEqual({ start: '1905-03-01', end: '2013-01-05' });
    expect(ds.spatial?.[0]).toBe('https://sws.geonames.org/6361390/');
    expect(ds.spatial?.[1]).toBe('Tarragona');
    expect(ds.spatial).toHaveLength(3);
    expect(ds.extras.spatial_resolution_in_meters).toBe(1.5);
    const dist = ds.distributions[0]!;
    expect(dist.licence).toEqual({ raw: 'http://creativecommons.org/licenses/by/3.0/' });
    expect(dist.downloadURL).toBe('https://example.com/data.csv');
    expect(dist.byteSize).toBe(12323);
  });

  it('scheming DCAT-AP fields: publisher / contact / temporal_coverage / spatial_coverage lists', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json');
    const ds = result.datasets[0]!;
    expect(ds.id).toBe('test-dataset-shacl');
    expect(ds.publisher).toEqual({ name: 'Test Publisher', email: 'publisher@example.org', url: 'https://example.org', uri: 'http://example.org/publisher-id' });
    expect(ds.locations.publisher?.pointer).toBe('/publisher/0');
    expect(lineOf(doc, '/publisher')).toBe(83);
    expect(ds.contactPoint).toEqual({ name: 'Contact 1', email: 'contact1@example.org', url: 'https://example.org', uri: '123' });
    expect(ds.temporal).toEqual({ start: '1905-03-01', end: '2013-01-05' });
    expect(ds.locations.temporal?.pointer).toBe('/temporal_coverage/0');
    expect(lineOf(doc, '/temporal_coverage')).toBe(92);
    expect(ds.spatial).toEqual(['https://sws.geonames.org/6361390/']);
    expect(ds.locations.spatial?.pointer).toBe('/spatial_coverage');
    expect(ds.documentation).toEqual(['https://example.org/some-doc.html']);
    expect(ds.conformsTo).toEqual(['Standard 1', 'Standard 2']);
    expect(ds.frequency).toBe('monthly');
  });

  it('ckanext-fluent: *_translated texts and tags_translated keywords', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__ckan_dataset_multilingual.json');
    const ds = result.datasets[0]!;
    expect(ds.title).toEqual({ en: 'Test DCAT dataset', ca: 'Conjunt de dades de prova DCAT', es: 'Conjunto de datos de prueba DCAT' });
    expect(ds.locations.title?.pointer).toBe('/title_translated');
    expect(lineOf(doc, '/title_translated')).toBe(4);
    expect(ds.keywords).toEqual(['Oaks', 'Pines', 'Roures', 'Pins', 'Robles', 'Pinos']);
    expect(lineOf(doc, ds.locations.keywords?.pointer)).toBe(24);
    expect(ds.contactPoint).toEqual({ name: 'Contact 1', email: 'contact1@example.org', uri: '123' });
    expect(lineOf(doc, ds.locations.contactPoint?.pointer)).toBe(51);
    expect(ds.distributions[0]!.title).toEqual({ en: 'Resource 1', ca: 'Recurs 1', es: 'Recurso 1' });
  });

  it('open.canada.ca: fluent keywords, email-only maintainer, isopen kept as written', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-canada__obd_sample.json');
    const ds = result.datasets[0]!;
    expect(ds.id).toBe('48faf331-a3ba-46bd-9344-c7e096b14bc4');
    expect(ds.title).toEqual({ en: 'Dark Helmet', fr: 'Lord Casque Noir' });
    expect(ds.keywords).toEqual(['helmet', 'dark', 'casque', 'noir']);
    expect(lineOf(doc, ds.locations.keywords?.pointer)).toBe(22);
    expect(ds.licence).toEqual({ raw: 'ca-ogl-lgo', title: 'Open Government Licence - Canada', url: 'http://open.canada.ca/en/open-government-licence-canada' });
    expect(lineOf(doc, ds.locations.licence?.pointer)).toBe(32);
    expect(ds.contactPoint).toEqual({ email: 'open-ouvert@tbs-sct.gc.ca' });
    expect(ds.locations.contactPoint?.pointer).toBe('/maintainer_email');
    expect(ds.extras.isopen).toBe(false);
    expect(ds.landingPage).toBeUndefined();
    expect(ds.distributions.map((d) => d.format)).toEqual(['DOCX', 'DOCX']);
  });

  it('package_search envelope: one dataset per result', () => {
    const { result } = loadFixture(ckanLoader, 'corpus/ckan/frictionless-py__dadosgovbr_package_search_rows2.json');
    expect(result.datasets.map((d) => d.id)).toEqual(['corridas-do-taxigov', 'comprasnet-contratos']);
    expect(result.datasets.map((d) => d.at.pointer)).toEqual(['/result/results/0', '/result/results/1']);
    expect(result.datasets.map((d) => d.licence?.raw)).toEqual(['other-pd', 'cc-by']);
    expect(result.datasets[0]!.publisher?.name).toBe('Ministério da Economia - ME');
    expect(result.datasets[0]!.extras['Cobertura temporal']).toBe('a partir de 08/2019');
    expect(result.datasets.map((d) => d.distributions.length)).toEqual([47, 38]);
  });

  it('bare list of packages (HealthDCAT-AP): empty licence skipped, spatial_uri from extras', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__health_dcat_ap.json');
    const ds = result.datasets[0]!;
    expect(ds.at.pointer).toBe('/0');
    expect(ds.licence).toBeUndefined();
    expect(ds.accessRights).toBe('http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC');
    expect(lineOf(doc, ds.locations.accessRights?.pointer)).toBe(24);
    expect(ds.spatial).toEqual(['http://publications.europa.eu/resource/authority/country/BEL']);
    expect(lineOf(doc, ds.locations.spatial?.pointer)).toBe(158);
    expect(ds.themes).toEqual(['http://publications.europa.eu/resource/authority/data-theme/HEAL']);
  });

  it('INSPIRE-harvested legacy dict: JSON-list extras, dcat_issued beats metadata_created', () => {
    const { doc, result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__full_ckan_dataset_legacy.json');
    const ds = result.datasets[0]!;
    expect(ds.temporal).toEqual({ start: '1982', end: '1986' });
    expect(lineOf(doc, ds.locations.temporal?.pointer)).toBe(227);
    expect(ds.frequency).toBe('notPlanned');
    expect(ds.issued).toBe('2012-05-10');
    expect(ds.locations.issued?.pointer).toBe('/extras/29/value');
    expect(ds.contactPoint).toEqual({ name: 'Geological Society', email: 'info@gs.org' });
    expect(lineOf(doc, ds.locations.contactPoint?.pointer)).toBe(255);
    expect(ds.language).toEqual(['en', 'es', 'ca']);
    expect(ds.extras['dataset-reference-date']).toEqual([{ type: 'publication', value: '1982' }]);
  });

  it('falls back to the package id when there is no name, and to dcat_publisher_* extras', () => {
    const { result } = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__ckan_dataset.json');
    const ds = result.datasets[0]!;
    expect(ds.id).toBe('2988a6aa-2802-4f32-b846-d4520c79c4b7');
    expect(ds.locations.id?.pointer).toBe('/id');
    expect(ds.publisher).toEqual({ name: 'Geological Society', email: 'info@gs.org' });
    expect(ds.issued).toBe('2012-05-10');
  });

  it('uploaded resources get a download URL; scheming `license` URL is the licence', () => {
    const uploaded = loadFixture(ckanLoader, 'corpus/ckan/frictionless-py__localckan_package_show_with_organization.json').result.datasets[0]!;
    expect(uploaded.distributions[1]!.downloadURL).toBe(uploaded.distributions[1]!.accessURL);
    expect(uploaded.publisher).toEqual({ name: 'Frictionless data' });
    expect(uploaded.licence).toEqual({ raw: 'CC-BY-4.0', title: 'CC-BY-4.0' });
    const croissant = loadFixture(ckanLoader, 'corpus/ckan/ckanext-dcat__ckan_full_dataset_croissant.json').result.datasets[0]!;
    expect(croissant.licence).toEqual({ raw: 'http://creativecommons.org/licenses/by/3.0/', url: 'http://creativecommons.org/licenses/by/3.0/' });
    expect(croissant.distributions[0]!.byteSize).toBe(12323);
  });
});

describe('ckan loader: detection by content', () => {
  it('does not claim Frictionless packages, udata datasets or odlint descriptors', () => {
    for (const rel of ['corpus/frictionless/fd-examples__text-file/datapackage.json', 'corpus/udata/udata-front-kit__datasetResponse-found.json', 'odlint/good/dataset.yaml', 'frictionless/good/datapackage.json']) {
      expect(ckanLoader.detect(parseFixture(rel))).toBe(0);
    }
  });

  it('needs CKAN keys, not a file name', () => {
    expect(ckanLoader.detect(parseText('package.json', '{"name": "x", "version": "1.0.0", "dependencies": {}}'))).toBe(0);
    expect(ckanLoader.detect(parseText('anything.json', '{"name": "x", "notes": "y", "license_id": "cc-by"}'))).toBe(0.65);
    expect(ckanLoader.detect(parseText('result.json', '{"success": true, "result": {"answer": 42}}'))).toBe(0);
  });
});
