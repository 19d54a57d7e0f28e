import { describe, it, expect, beforeAll } from 'vitest';
import { lintReport } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

/**
 * Every CKAN, udata and Frictionless descriptor of the shared corpus (copied in fixtures/corpus,
 * see its SOURCES.md), with what its licence is and why, and every licence finding odlint makes.
 *
 * The claim under test: a dataset whose licence is missing, a placeholder, not open or unknown is
 * reported by the licence-quality rules (licence-missing, licence-placeholder, licence-not-open,
 * licence-not-recognised) at warning or error; a dataset with a clearly open licence never is.
 * Other licence rules may still speak about an open licence (an HVD dataset under CC BY 3.0, a
 * CKAN isopen flag contradicting it, a distribution under another licence): those are listed too.
 */
type Status = 'missing' | 'placeholder' | 'not-open' | 'not-recognised' | 'open' | 'no-dataset';

const CORPUS: [dataset: string, status: Status, why: string, findings: string[]][] = [
  ['ckan/ckanext-canada__obd_sample.json#48faf331-a3ba-46bd-9344-c7e096b14bc4', 'open', 'ca-ogl-lgo: Open Government Licence - Canada; isopen: false contradicts it', ['ckan-isopen-mismatch:flaggedClosed:warning']],
  ['ckan/ckanext-dcat__ckan_dataset.json#2988a6aa-2802-4f32-b846-d4520c79c4b7', 'missing', 'no license_id', ['licence-missing:missing:error']],
  ['ckan/ckanext-dcat__ckan_dataset_multilingual.json#test-dataset-multilingual', 'missing', 'no licence field at all', ['licence-missing:missing:error']],
  ['ckan/ckanext-dcat__ckan_dcat_ap_dataset_series.json#test-dataset-series', 'missing', 'no licence field at all', ['licence-missing:missing:error']],
  ['ckan/ckanext-dcat__ckan_full_dataset_croissant.json#test-dataset-croissant', 'open', 'license: http://creativecommons.org/licenses/by/3.0/', []],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json#test-dataset-shacl', 'open', 'resource licence CC BY 3.0, but the dataset is HVD (CC BY 4.0 or more permissive required)', ['hvd-licence:notEligible:error']],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_legacy.json#test-dataset-shacl', 'open', 'the same dataset with legacy extras', ['hvd-licence:notEligible:error']],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_vocabularies.json#test-dataset-shacl', 'not-open', 'resource licence EU NAL CC_BYNC_4_0 (non-commercial), on an HVD dataset', ['hvd-licence:notEligible:error', 'licence-not-open:nonCommercial:warning']],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_us_vocabularies.json#test-dataset-shacl', 'not-open', 'resource licence …/vocab/license/TODO/CC_BYNC_4_0 (non-commercial)', ['licence-not-open:nonCommercial:warning']],
  ['ckan/ckanext-dcat__full_ckan_dataset_legacy.json#zimbabwe-regional-geochemical-survey', 'missing', 'license_id: null', ['licence-missing:missing:error']],
  ['ckan/ckanext-dcat__health_dcat_ap.json#test-dcat-1', 'missing', 'license_id: ""', ['licence-missing:missing:error']],
  ['ckan/frictionless-py__dadosgovbr_package_search_rows2.json#corridas-do-taxigov', 'open', 'other-pd: declared public domain, no licence named (information only)', ['licence-placeholder:generic:info']],
  ['ckan/frictionless-py__dadosgovbr_package_search_rows2.json#comprasnet-contratos', 'open', 'cc-by with its Open Definition URL', []],
  ['ckan/frictionless-py__demockan_package_show_frictionless.json#frictionless', 'open', 'cc-by', []],
  ['ckan/frictionless-py__localckan_package_show_with_organization.json#dataset-test-package-with-organization', 'open', 'CC-BY-4.0, unknown to that CKAN register: isopen: false', ['ckan-isopen-mismatch:flaggedClosed:warning']],
  ['udata/udata-front-kit__datasetResponse-found.json#5de8f397634f4164071119c5', 'open', 'lov2: Licence Ouverte 2.0', []],
  ...[
    '5ff5e6e99724cb8fff59a5be', '5b7ffc618b4c4169d30727e0', '6010206e7aa742eb447930f7', '5c4ae55a634f4117716d5656', '5fa9901b0d72fc70afa686ec',
    '613a1108a962ea8114b25369', '5fbcdc30658eea9e55782183', '65271c20a80b3f04010e71ff', '5c1bab838b4c415d323a5741', '5ee2391763c79811ddfbc86a',
    '6164085521df2138379e8854', '6155ad9c9c3b0ee5891f3374', '5530fbacc751df5ff937dddb', '612904755f59b6818346ea4d', '6065c5cd9f89bfd828bcbf5c',
  ].map((id): [string, Status, string, string[]] => [`udata/udata__results.json#${id}`, 'missing', 'udata fixture export without a license field', ['licence-missing:missing:error']]),
  ['frictionless/datasets-gdp__gdp/datapackage.json#gdp', 'open', 'ODC-PDDL-1.0', []],
  ['frictionless/fd-examples__countries-and-currencies/datapackage.json#countries-and-currencies', 'open', 'CC0-1.0', []],
  ['frictionless/fd-examples__cpi-data-via-url/datapackage.json#cpi', 'open', 'CC-BY-4.0', []],
  ['frictionless/fd-examples__donation-codes/datapackage.json#donation-codes', 'open', 'CC-BY-4.0', []],
  ['frictionless/fd-examples__donations/datapackage.json#donations', 'open', 'CC-BY-4.0', []],
  ['frictionless/fd-examples__geo-location-fk/datapackage.json#geo-location-fk', 'open', 'CC0-1.0 (legacy id/url keys); one resource under CC-BY-4.0', ['distribution-licence-conflict:conflict:warning']],
  ['frictionless/fd-examples__geopoint-object/datapackage.json#office-locations', 'open', 'CC0-1.0', []],
  ['frictionless/fd-examples__inflation/datapackage.json#inflation', 'missing', 'no licenses', ['licence-missing:missing:error']],
  ['frictionless/fd-examples__iso-639-1-language-codes/datapackage.json#iso-639-1-language-codes', 'open', 'CC BY-SA 3.0 given by a multilingual title and path, without name', ['licence-not-canonical:notCanonical:info']],
  ['frictionless/fd-examples__open-data-day-tweets-2018/datapackage.json#opendataday-tweets-2018', 'not-recognised', "Twitter Developer Agreement: a platform's terms, not an open licence", ['licence-not-recognised:notRecognised:warning']],
  ['frictionless/fd-examples__periodic-table/datapackage.json#period-table', 'open', 'CC0-1.0 (legacy id/url keys)', []],
  ['frictionless/fd-examples__text-file/datapackage.json#text-file', 'open', 'CC0-1.0', []],
  ['frictionless/fd-examples__units-and-prefixes/datapackage.json#units-and-prefixes', 'open', 'CC-BY-4.0', []],
  // datapackage.yml is not valid YAML (core/parse-error): its data file is linted on its own, without metadata.
  ['frictionless/datasets-country-list__country-list/data.csv#fixtures/corpus/frictionless/datasets-country-list__country-list/data.csv', 'no-dataset', 'descriptor does not parse', []],
];

const QUALITY_RULE: Record<string, Status> = {
  'licence/licence-missing': 'missing',
  'licence/licence-placeholder': 'placeholder',
  'licence/licence-not-open': 'not-open',
  'licence/licence-not-recognised': 'not-recognised',
};

let report: Report;
beforeAll(async () => {
  report = await lintReport(['fixtures/corpus/ckan', 'fixtures/corpus/udata', 'fixtures/corpus/frictionless'], { data: false });
});

const key = (d: Report['datasets'][number]) => `${d.source.file.replace('fixtures/corpus/', '')}#${d.id}`;
const licenceFindings = (d: Report['datasets'][number]) => d.findings.filter((f) => f.ruleId.startsWith('licence/'));

describe('licence rules on the real corpus (CKAN, udata, Frictionless)', () => {
  it('classifies every dataset of the corpus', () => {
    expect(report.datasets.map(key).sort()).toEqual(CORPUS.map(([k]) => k).sort());
    expect(report.files.map((f) => [f.file, f.findings.map((x) => x.ruleId)])).toEqual([
      ['fixtures/corpus/frictionless/datasets-country-list__country-list/datapackage.yml', ['core/parse-error']],
    ]);
  });

  it.each(CORPUS)('%s is %s (%s)', (dataset, status, _why, expected) => {
    const d = report.datasets.find((x) => key(x) === dataset)!;
    const found = licenceFindings(d);
    expect(found.map((f) => `${f.ruleId.slice('licence/'.length)}:${f.messageId}:${f.severity}`)).toEqual(expected);
    const quality = found.filter((f) => QUALITY_RULE[f.ruleId] && f.severity !== 'info');
    if (status === 'open' || status === 'no-dataset') expect(quality).toEqual([]);
    else expect(quality.some((f) => QUALITY_RULE[f.ruleId] === status)).toBe(true);
  });
});
