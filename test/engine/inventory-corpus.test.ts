import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { lint, type LintResult } from '../../src/engine/lint.js';
import { buildReport } from '../../src/reporters/index.js';
import { loadDescriptor } from '../../src/loaders/index.js';
import { CORPUS, ROOT } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

/**
 * The inventory of a folder walk over the whole real corpus (fixtures/corpus, see its SOURCES.md):
 * what became of every file. One line per file, so that a loader change updates one line:
 *   [file, 'loaded', format, datasets, 'own' | 'distribution'?]  — a data file linted on its own
 *                                            gives 1 dataset, one read as a distribution 0;
 *   [file, 'skipped', format, reason]        — met in the walk, not a descriptor;
 *   [file, 'failed', format, 'ruleId:messageId'] — no dataset, and the finding that says why.
 * The format is the one detected: descriptor format, data format, else the file name's.
 */
type Row =
  | [file: string, status: 'loaded', format: string, datasets: number, how?: 'own' | 'distribution']
  | [file: string, status: 'skipped', format: string, reason: string]
  | [file: string, status: 'failed', format: string, finding: string];

const INVENTORY: Row[] = [
  ['ckan/ckanext-canada__obd_sample.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_dataset_multilingual.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_dataset.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_dcat_ap_dataset_series.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_full_dataset_croissant.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_legacy.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_vocabularies.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__ckan_full_dataset_dcat_us_vocabularies.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__full_ckan_dataset_legacy.json', 'loaded', 'ckan', 1],
  ['ckan/ckanext-dcat__health_dcat_ap.json', 'loaded', 'ckan', 1],
  ['ckan/frictionless-py__dadosgovbr_package_search_rows2.json', 'loaded', 'ckan', 2],
  ['ckan/frictionless-py__demockan_package_show_frictionless.json', 'loaded', 'ckan', 1],
  ['ckan/frictionless-py__localckan_package_show_with_organization.json', 'loaded', 'ckan', 1],
  ['csv/agenda__liste_des_prenoms.csv', 'loaded', 'csv', 1, 'own'],
  ['csv/ckanext-switzerland-ng__01_04_prenom.csv', 'loaded', 'csv', 1, 'own'],
  ['csv/hackabxl-children__ecoles_fr.csv', 'loaded', 'csv', 1, 'own'],
  ['csv/hackabxl-children__Ecoles_primaire-maternelle_2012_FLANDRE.csv', 'loaded', 'csv', 1, 'own'],
  ['csv/hackabxl-children__Ecoles_primaire-maternelle-secondaire_2010_BXL.csv', 'loaded', 'csv', 1, 'own'],
  ['dcat-ap/ckanext-dcat__catalog_datasets_list.rdf', 'loaded', 'dcat-ap', 2],
  ['dcat-ap/ckanext-dcat__catalog_with_at_graph.jsonld', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__catalog.rdf', 'loaded', 'dcat-ap', 2],
  ['dcat-ap/ckanext-dcat__dataset_afs.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_deri.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_gob_es.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_gov_de.rdf', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_health.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_multilingual.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset_sweden.rdf', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/ckanext-dcat__dataset.rdf', 'loaded', 'dcat-ap', 1],
  // Read around their syntax errors (file-level core/parse-error findings); the JSON-LD's remote
  // context is one odlint bundles.
  ['dcat-ap/ckanext-dcat__dataset.ttl', 'loaded', 'dcat-ap', 2],
  ['dcat-ap/semic-dcat-ap__example-bee-population-dataset-series-combined.jsonld', 'loaded', 'dcat-ap', 5],
  ['dcat-ap/semic-dcat-ap__example-bee-population-dataset-series-combined.ttl', 'loaded', 'dcat-ap', 5],
  ['dcat-ap/semic-dcat-ap__example-data_service_terms_sla.ttl', 'loaded', 'dcat-ap', 2],
  ['dcat-ap/semic-dcat-ap__example-ms_catalogue.jsonld', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/semic-dcat-ap__example-ms_catalogue.ttl', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/semic-dcat-ap__example-ms_dataset_2_licenses.ttl', 'loaded', 'dcat-ap', 2],
  ['dcat-ap/semic-dcat-ap__example-ms_dataset_hvd_profile.jsonld', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/semic-dcat-ap__example1.nt', 'loaded', 'dcat-ap', 1],
  ['dcat-ap/semic-dcat-ap__example2.nt', 'loaded', 'dcat-ap', 1],
  ['dcat-us/ckanext-datajson__arm.data.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/ckanext-datajson__collection-1-parent-2-children.data.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/ckanext-datajson__geospatial.data.json', 'loaded', 'dcat-us', 2],
  ['dcat-us/ckanext-datajson__many-resources.data.json', 'loaded', 'dcat-us', 1],
  ['dcat-us/ckanext-datajson__missing-catalog.data.json', 'loaded', 'dcat-us', 2],
  ['dcat-us/ckanext-datajson__missing-dataset-fields.data.json', 'loaded', 'dcat-us', 2],
  ['dcat-us/ckanext-datajson__missing-identifier-title.data.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/ckanext-datajson__null-spatial.data.json', 'loaded', 'dcat-us', 1],
  ['dcat-us/ckanext-datajson__numerical-title.data.json', 'loaded', 'dcat-us', 1],
  ['dcat-us/ckanext-datajson__ny.data.json', 'loaded', 'dcat-us', 1],
  ['dcat-us/ckanext-datajson__reserved-title.data.json', 'loaded', 'dcat-us', 1],
  ['dcat-us/ckanext-datajson__usda.gov.data.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/ckanext-dcat__catalog_pod.jsonld', 'loaded', 'dcat-us', 1],
  ['dcat-us/pod__catalog-sample-extended.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/pod__catalog-sample.csv', 'loaded', 'csv', 1, 'own'],
  ['dcat-us/pod__catalog-sample.json', 'loaded', 'dcat-us', 3],
  ['dcat-us/pod__catalog-sample.xml', 'skipped', 'xml', 'not a descriptor: XML that is not RDF'],
  ['dcat-us/pod__catalog-template-extended.xml', 'skipped', 'xml', 'not a descriptor: XML that is not RDF'],
  ['dcat-us/pod__examples__catalog-sample.json', 'loaded', 'dcat-us', 3],
  ['frictionless/datasets-country-list__country-list/data.csv', 'loaded', 'csv', 1, 'own'],
  ['frictionless/datasets-country-list__country-list/datapackage.yml', 'failed', 'yaml', 'core/parse-error:syntax'],
  ['frictionless/datasets-country-list__country-list/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/datasets-gdp__gdp/data/gdp.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/datasets-gdp__gdp/data/top-economies.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/datasets-gdp__gdp/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/datasets-gdp__gdp/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__countries-and-currencies/data/countries-using-usd-and-gbp.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__countries-and-currencies/data/currencies.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__countries-and-currencies/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__countries-and-currencies/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__cpi-data-via-url/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__cpi-data-via-url/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__donation-codes/data/donation-codes.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__donation-codes/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__donation-codes/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__donations/data/donations.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__donations/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__donations/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__geo-location-fk/data/gazetteer.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__geo-location-fk/data/offices.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__geo-location-fk/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__geo-location-fk/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__geopoint-object/data/office-locations.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__geopoint-object/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__geopoint-object/Readme.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__inflation/data/inflation-consumer.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__inflation/data/inflation-gdp.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__inflation/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__inflation/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__iso-639-1-language-codes/data/ISO-639-1-codes.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__iso-639-1-language-codes/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__iso-639-1-language-codes/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__open-data-day-tweets-2018/data/subsetofopendatadaytweets.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__open-data-day-tweets-2018/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__open-data-day-tweets-2018/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__periodic-table/data.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__periodic-table/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__periodic-table/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__text-file/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__text-file/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['frictionless/fd-examples__text-file/text-file.txt', 'loaded', 'txt', 0, 'distribution'],
  ['frictionless/fd-examples__units-and-prefixes/data/unit-prefixes.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__units-and-prefixes/data/units.csv', 'loaded', 'csv', 0, 'distribution'],
  ['frictionless/fd-examples__units-and-prefixes/datapackage.json', 'loaded', 'frictionless', 1],
  ['frictionless/fd-examples__units-and-prefixes/README.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['SOURCES.md', 'skipped', 'md', 'no descriptor or data-file extension (.md)'],
  ['udata/udata__results.json', 'loaded', 'udata', 15],
  ['udata/udata-front-kit__datasetResponse-found.json', 'loaded', 'udata', 1],
];

let result: LintResult;
let report: Report;
beforeAll(async () => {
  const rules = await loadBuiltinRules();
  const config = resolveConfig(rules, { cwd: ROOT, noDiscovery: true });
  result = await lint({ inputs: ['fixtures/corpus'], config, cwd: ROOT, data: false, online: false });
  report = buildReport(result, ROOT, 'test');
});

const rel = (file: string) => path.relative(CORPUS, file).split(path.sep).join('/');
const reportPath = (file: string) => `fixtures/corpus/${file}`;

describe('inventory of the real corpus (folder walk over fixtures/corpus)', () => {
  it('has one entry per file of the corpus, each as the table says', () => {
    const actual = result.inventory.entries().map((e): Row => {
      const file = rel(e.file);
      if (e.status === 'skipped') return [file, 'skipped', e.format, e.reason!];
      if (e.status === 'failed') {
        const f = report.files.find((x) => x.file === reportPath(file))!.findings[0]!;
        return [file, 'failed', e.format, `${f.ruleId}:${f.messageId}`];
      }
      if (e.datasets === 0) return [file, 'loaded', e.format, 0, 'distribution'];
      return e.format === 'csv' ? [file, 'loaded', e.format, e.datasets, 'own'] : [file, 'loaded', e.format, e.datasets];
    });
    const byFile = (a: Row, b: Row) => a[0].localeCompare(b[0]);
    expect(actual.sort(byFile)).toEqual([...INVENTORY].sort(byFile));
  });

  it('every failed file has its finding in the report; no skipped file has one, a loaded one only for errors read around', () => {
    const failed = INVENTORY.filter((r) => r[1] === 'failed').map((r) => reportPath(r[0]));
    const readAround = ['dcat-ap/ckanext-dcat__dataset.ttl', 'dcat-ap/semic-dcat-ap__example-bee-population-dataset-series-combined.ttl'].map(reportPath);
    expect(report.files.map((f) => f.file).sort()).toEqual([...failed, ...readAround].sort());
    const readAroundRules = report.files.filter((f) => readAround.includes(f.file)).flatMap((f) => f.findings.map((x) => x.ruleId));
    expect(new Set(readAroundRules)).toEqual(new Set(['core/parse-error']));
  });

  it('summarises the same counts in the report (summary.inventory)', () => {
    const count = (status: string) => INVENTORY.filter((r) => r[1] === status).length;
    const datasets = INVENTORY.reduce((n, r) => n + (r[1] === 'loaded' ? r[3] : 0), 0);
    expect(report.summary.inventory).toMatchObject({
      loaded: { files: count('loaded'), datasets },
      skipped: { files: count('skipped') },
      failed: { files: count('failed') },
    });
    expect(count('loaded') + count('skipped') + count('failed')).toBe(INVENTORY.length);
  });

  it('loses no dataset between loader and report: count in == count out, file by file', async () => {
    expect(report.datasets).toHaveLength(report.summary.inventory!.loaded.datasets);
    for (const row of INVENTORY) {
      const file = path.join(CORPUS, row[0]);
      const inReport = report.datasets.filter((d) => d.source.file === reportPath(row[0])).length;
      const expected = row[1] === 'loaded' ? row[3] : 0;
      expect(inReport, row[0]).toBe(expected);
      // What the loader itself gives for a descriptor, independently of the pipeline.
      if (row[1] !== 'skipped' && row[4] === undefined) {
        const outcome = await loadDescriptor(file);
        expect(outcome.kind === 'loaded' ? outcome.datasets.length : 0, row[0]).toBe(expected);
      }
    }
  });
});
