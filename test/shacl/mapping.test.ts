import { describe, expect, it } from 'vitest';
import { allFindings, lintReport } from '../helpers/lint.js';

// CKAN, Frictionless and udata descriptors of the corpus checked against the DCAT-AP shapes
// through their DCAT-AP mapping (src/shacl/mapping.ts, docs/dcat-ap-mapping.md): every finding
// is located at the field of the original JSON it comes from (pointer, line, column), a missing
// property at the object that lacks it.

/** rule, message id, severity, DCAT-AP path (from the message), pointer, line, column. */
async function mapped(file: string, presets = ['dcat-ap'], keep = (_pointer: string) => true) {
  const report = await lintReport([file], { presets, data: false });
  return allFindings(report)
    .filter((f) => f.ruleId.startsWith('dcat-ap/') && keep(f.location.pointer ?? ''))
    .map((f) => [f.ruleId, f.messageId, f.severity, f.message.match(/^[^:]*: (\S+)/)?.[1], f.location.pointer, f.location.line, f.location.column]);
}

describe('DCAT-AP shapes through the mapping, located in the original JSON', () => {
  it('CKAN (ckanext-dcat full DCAT-AP dataset dict): free-text values where DCAT-AP wants IRIs', async () => {
    expect(await mapped('fixtures/corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json')).toEqual([
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:accrualPeriodicity', '/frequency', 18, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:accessRights', '/access_rights', 22, 5],
      ['dcat-ap/controlled-vocabulary', 'node', 'warning', 'dcat:theme', '/theme', 27, 5],
      ['dcat-ap/controlled-vocabulary', 'node', 'warning', 'dcat:theme', '/theme', 27, 5],
      ['dcat-ap/controlled-vocabulary', 'node', 'warning', 'dcat:theme', '/theme', 27, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:language', '/language', 32, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:language', '/language', 32, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:language', '/language', 32, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:conformsTo', '/conforms_to', 40, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:conformsTo', '/conforms_to', 40, 5],
      ['dcat-ap/controlled-vocabulary', 'node', 'warning', 'dct:publisher', '/publisher/0', 84, 9],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:type', '/publisher/0', 84, 9],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcatap:availability', '/resources/0', 180, 9],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:format', '/resources/0/format', 184, 13],
    ]);
  }, 60_000);

  it('Frictionless (countries-and-currencies): what a Data Package lacks for DCAT-AP', async () => {
    expect(await mapped('fixtures/corpus/frictionless/fd-examples__countries-and-currencies/datapackage.json')).toEqual([
      ['dcat-ap/mandatory', 'minCount', 'error', 'dct:description', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:contactPoint', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:keyword', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:publisher', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:spatial', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:temporal', '', 1, 1],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:theme', '', 1, 1],
      ['dcat-ap/mandatory', 'minCount', 'error', 'dcat:accessURL', '/resources/0', 14, 5],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:description', '/resources/0', 14, 5],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcatap:availability', '/resources/0', 14, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:format', '/resources/0/format', 20, 7],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dcat:mediaType', '/resources/0/mediatype', 21, 7],
      ['dcat-ap/mandatory', 'minCount', 'error', 'dcat:accessURL', '/resources/1', 65, 5],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:description', '/resources/1', 65, 5],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcatap:availability', '/resources/1', 65, 5],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:format', '/resources/1/format', 71, 7],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dcat:mediaType', '/resources/1/mediatype', 72, 7],
    ]);
  }, 60_000);

  it('udata (data.gouv.fr API v1): the dataset and its first resource', async () => {
    const notLaterResources = (pointer: string) => !/resources\/[1-9]/.test(pointer);
    expect(await mapped('fixtures/corpus/udata/udata-front-kit__datasetResponse-found.json', ['dcat-ap'], notLaterResources)).toEqual([
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:contactPoint', '/data', 3, 3],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:theme', '/data', 3, 3],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:accrualPeriodicity', '/data/frequency', 49, 7],
      ['dcat-ap/controlled-vocabulary', 'node', 'warning', 'dct:publisher', '/data/organization', 66, 7],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:type', '/data/organization', 66, 7],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dct:description', '/data/resources/0', 102, 9],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcatap:availability', '/data/resources/0', 102, 9],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dct:format', '/data/resources/0/format', 112, 11],
      ['dcat-ap/mandatory', 'nodeKind', 'error', 'dcat:mediaType', '/data/resources/0/mime', 124, 11],
      ['dcat-ap/controlled-vocabulary', 'nodeKind', 'warning', 'dct:spatial', '/data/spatial/zones', 5271, 9],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:bbox', '/data/spatial/zones', 5271, 9],
      ['dcat-ap/recommended', 'minCount', 'warning', 'dcat:centroid', '/data/spatial/zones', 5271, 9],
    ]);
  }, 60_000);
});

describe('a file of many datasets', () => {
  it('has each dataset validated on its own graph, its findings in its own package', async () => {
    // dados.gov.br package_search page: two packages of the same organisation.
    const file = 'fixtures/corpus/ckan/frictionless-py__dadosgovbr_package_search_rows2.json';
    const report = await lintReport([file], { presets: ['dcat-ap'], data: false });
    expect(report.datasets).toHaveLength(2);
    const shacl = report.datasets.map((d) => d.findings.filter((f) => f.ruleId.startsWith('dcat-ap/')));
    shacl.forEach((findings, i) => {
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => (f.location.pointer ?? '').startsWith(`/result/results/${i}`))).toBe(true);
    });
    // The shared organisation is a problem of each package (not only of the first one on the
    // page), named the same way in both: findings do not depend on the page a dataset is on.
    const publisher = shacl.map((findings) => findings.filter((f) => f.location.pointer === `/result/results/${shacl.indexOf(findings)}/organization`).map((f) => f.message));
    expect(publisher[0]!.length).toBeGreaterThan(0);
    expect(publisher[1]).toEqual(publisher[0]);
  }, 60_000);
});

describe('MQA "DCAT-AP compliance" from the SHACL results', () => {
  const compliance = async (file: string, presets: string[]) =>
    (await lintReport([file], { presets, data: false })).datasets.map((d) => d.score?.mqa?.dimensions.interoperability.indicators.dcatApCompliance);
  it('is decided by the DCAT-AP core shapes when they ran (mqa, dcat-ap presets)', async () => {
    // data.london.gov.uk: title, description and access URLs are there, but its dates are not
    // ISO 8601 and its frequency is free text: violations, so no compliance points.
    const deri = 'fixtures/corpus/dcat-ap/ckanext-dcat__dataset_deri.ttl';
    expect(await compliance(deri, ['recommended'])).toEqual([30]);
    expect(await compliance(deri, ['mqa'])).toEqual([0]);
    expect(await compliance(deri, ['dcat-ap'])).toEqual([0]);
    // SEMIC's own example: no violation of the core shapes.
    expect(await compliance('fixtures/corpus/dcat-ap/semic-dcat-ap__example1.nt', ['mqa'])).toEqual([30]);
  }, 60_000);
});
