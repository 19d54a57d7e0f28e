import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDescriptor } from '../../src/loaders/index.js';
import { mqaRating, mqaScore, MQA_MAX, MQA_WEIGHTS } from '../../src/score/index.js';
import { CORPUS } from '../helpers/lint.js';

/**
 * One row per MQA indicator and case, against the definitions docs/scores.md cites
 * (data.europa.eu methodology, piveau's metric definitions and scoring): a DCAT-AP dataset with
 * one distribution, plus the triples of the row, scored offline.
 */
const EU = 'http://publications.europa.eu/resource/authority';
const IANA = 'https://www.iana.org/assignments/media-types';

interface Row {
  indicator: `${keyof typeof MQA_MAX}.${string}`;
  why: string;
  dataset?: string;
  distribution?: string;
  expected: number | 'not checked';
}

const ROWS: Row[] = [
  { indicator: 'findability.keywords', why: 'dcat:keyword present', dataset: 'dcat:keyword "air"', expected: 30 },
  { indicator: 'findability.keywords', why: 'no dcat:keyword', expected: 0 },
  { indicator: 'findability.themes', why: 'dcat:theme present', dataset: `dcat:theme <${EU}/data-theme/ENVI>`, expected: 30 },
  { indicator: 'findability.spatial', why: 'dct:spatial present', dataset: `dct:spatial <${EU}/place/BEL>`, expected: 20 },
  { indicator: 'findability.temporal', why: 'dct:temporal present, even without dates', dataset: 'dct:temporal [ a dct:PeriodOfTime ]', expected: 20 },
  { indicator: 'findability.temporal', why: 'dct:temporal with a start', dataset: 'dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ]', expected: 20 },
  { indicator: 'findability.temporal', why: 'no dct:temporal', expected: 0 },
  { indicator: 'accessibility.accessUrlReachable', why: 'needs the network: offline it is not checked', expected: 'not checked' },
  { indicator: 'accessibility.downloadUrl', why: 'dcat:downloadURL present', distribution: 'dcat:downloadURL <https://example.org/d1.csv>', expected: 20 },
  { indicator: 'accessibility.downloadUrlReachable', why: 'a download URL, offline', distribution: 'dcat:downloadURL <https://example.org/d1.csv>', expected: 'not checked' },
  { indicator: 'accessibility.downloadUrlReachable', why: 'no download URL to reach', expected: 0 },
  { indicator: 'interoperability.format', why: 'dct:format present', distribution: `dct:format <${EU}/file-type/CSV>`, expected: 20 },
  { indicator: 'interoperability.format', why: 'no dct:format: 0, no penalty', expected: 0 },
  { indicator: 'interoperability.mediaType', why: 'dcat:mediaType present', distribution: `dcat:mediaType <${IANA}/text/csv>`, expected: 10 },
  { indicator: 'interoperability.mediaType', why: 'no dcat:mediaType: 0, no penalty', expected: 0 },
  { indicator: 'interoperability.formatMediaTypeFromVocabulary', why: 'EU file type and IANA media type', distribution: `dct:format <${EU}/file-type/CSV> ; dcat:mediaType <${IANA}/text/csv>`, expected: 10 },
  { indicator: 'interoperability.formatMediaTypeFromVocabulary', why: 'an unregistered media type', distribution: `dct:format <${EU}/file-type/XLS> ; dcat:mediaType "application/x-msexcel"`, expected: 0 },
  { indicator: 'interoperability.nonProprietary', why: 'format on the list', distribution: `dct:format <${EU}/file-type/CSV>`, expected: 20 },
  { indicator: 'interoperability.nonProprietary', why: 'media type alone on the list', distribution: `dcat:mediaType <${IANA}/text/csv>`, expected: 20 },
  { indicator: 'interoperability.nonProprietary', why: 'proprietary format, non-proprietary media type', distribution: `dct:format <${EU}/file-type/XLSX> ; dcat:mediaType <${IANA}/text/csv>`, expected: 20 },
  { indicator: 'interoperability.nonProprietary', why: 'PDF is on neither list', distribution: `dct:format <${EU}/file-type/PDF>`, expected: 0 },
  { indicator: 'interoperability.machineReadable', why: 'format on the list', distribution: `dct:format <${EU}/file-type/XLSX>`, expected: 20 },
  { indicator: 'interoperability.machineReadable', why: 'media type alone on the list', distribution: `dcat:mediaType <${IANA}/application/json>`, expected: 20 },
  { indicator: 'interoperability.machineReadable', why: 'TXT is not machine-readable', distribution: `dct:format <${EU}/file-type/TXT>`, expected: 0 },
  { indicator: 'reusability.licence', why: 'dct:license on the distribution', distribution: `dct:license <${EU}/licence/CC_BY_4_0>`, expected: 20 },
  { indicator: 'reusability.licence', why: 'RDF: a dataset licence is not a distribution licence', dataset: `dct:license <${EU}/licence/CC_BY_4_0>`, expected: 0 },
  { indicator: 'reusability.licenceFromVocabulary', why: 'EU licence table', distribution: `dct:license <${EU}/licence/CC_BY_4_0>`, expected: 10 },
  { indicator: 'reusability.licenceFromVocabulary', why: 'a licence nobody knows', distribution: 'dct:license <https://example.org/my-licence>', expected: 0 },
  { indicator: 'reusability.accessRights', why: 'dct:accessRights present (any value)', dataset: 'dct:accessRights "public"', expected: 10 },
  { indicator: 'reusability.accessRightsFromVocabulary', why: 'a literal is not from the vocabulary', dataset: 'dct:accessRights "public"', expected: 0 },
  { indicator: 'reusability.accessRightsFromVocabulary', why: 'EU access right PUBLIC', dataset: `dct:accessRights <${EU}/access-right/PUBLIC>`, expected: 5 },
  { indicator: 'reusability.accessRightsFromVocabulary', why: 'EU access right OP_DATPRO', dataset: `dct:accessRights <${EU}/access-right/OP_DATPRO>`, expected: 5 },
  { indicator: 'reusability.contactPoint', why: 'dcat:contactPoint present, even empty', dataset: 'dcat:contactPoint [ a vcard:Kind ]', expected: 20 },
  { indicator: 'reusability.contactPoint', why: 'no dcat:contactPoint', expected: 0 },
  { indicator: 'reusability.publisher', why: 'dct:publisher present, even unnamed', dataset: 'dct:publisher [ a foaf:Agent ]', expected: 10 },
  { indicator: 'contextuality.rights', why: 'dct:rights on the distribution', distribution: 'dct:rights [ a dct:RightsStatement ; rdfs:label "Attribution" ]', expected: 5 },
  { indicator: 'contextuality.rights', why: 'dct:rights on the dataset only: MQA reads the distribution', dataset: 'dct:rights [ a dct:RightsStatement ; rdfs:label "Attribution" ]', expected: 0 },
  { indicator: 'contextuality.byteSize', why: 'dcat:byteSize present', distribution: 'dcat:byteSize "1024"^^xsd:nonNegativeInteger', expected: 5 },
  { indicator: 'contextuality.issued', why: 'dct:issued on the distribution', distribution: 'dct:issued "2020-01-01"^^xsd:date', expected: 5 },
  { indicator: 'contextuality.issued', why: 'dct:issued on the dataset only: fallback', dataset: 'dct:issued "2020-01-01"^^xsd:date', expected: 5 },
  { indicator: 'contextuality.issued', why: 'no dct:issued', expected: 0 },
  { indicator: 'contextuality.modified', why: 'dct:modified on the distribution', distribution: 'dct:modified "2020-01-01"^^xsd:date', expected: 5 },
  { indicator: 'contextuality.modified', why: 'dct:modified on the dataset only: fallback', dataset: 'dct:modified "2020-01-01"^^xsd:date', expected: 5 },
  { indicator: 'contextuality.modified', why: 'no dct:modified', expected: 0 },
];

const ttl = (row: Pick<Row, 'dataset' | 'distribution'>) => `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/ds> a dcat:Dataset ; dct:title "Air quality"@en ; dct:description "Hourly measurements."@en ;
  dcat:distribution <https://example.org/ds/d1> ${row.dataset ? `; ${row.dataset}` : ''} .
<https://example.org/ds/d1> a dcat:Distribution ; dcat:accessURL <https://example.org/d1> ${row.distribution ? `; ${row.distribution}` : ''} .
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-mqa-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function score(row: Pick<Row, 'dataset' | 'distribution'>, name: string) {
  const file = path.join(dir, `${name}.ttl`);
  writeFileSync(file, ttl(row));
  const outcome = await loadDescriptor(file);
  if (outcome.kind !== 'loaded') throw new Error(outcome.kind);
  return mqaScore(outcome.datasets[0]!);
}

describe('MQA indicators, one by one', () => {
  it.each(ROWS.map((r, i) => ({ ...r, i })))('$indicator: $why → $expected', async ({ i, indicator, expected, ...row }) => {
    const [dimension, key] = indicator.split('.') as [keyof typeof MQA_MAX, string];
    const mqa = await score(row, `row${i}`);
    expect(mqa.dimensions[dimension].indicators[key]).toBe(expected);
  });

  it('weighs the dimensions as the methodology does: 100 + 100 + 110 + 75 + 20 = 405', () => {
    const sums = Object.fromEntries(Object.entries(MQA_WEIGHTS).map(([k, w]) => [k, Object.values(w).reduce((a: number, b: number) => a + b, 0)]));
    expect(sums).toEqual(MQA_MAX);
  });

  it('cannot reach "excellent" offline: the two reachability indicators (80 points) cannot be checked', async () => {
    // Without a download URL only the access URL is unchecked, but a download URL could not be checked either.
    const mqa = await score({}, 'offline');
    expect(mqa.notChecked).toEqual(['accessibility.accessUrlReachable']);
    expect(mqa.maxChecked).toBe(325);
    const withDownload = await score({ distribution: 'dcat:downloadURL <https://example.org/d1.csv>' }, 'offline-download');
    expect(withDownload.notChecked).toEqual(['accessibility.accessUrlReachable', 'accessibility.downloadUrlReachable']);
    expect(withDownload.maxChecked).toBe(325);
    expect(mqaRating(withDownload.maxChecked)).toBe('good');
  });
});

describe('MQA rating bands (methodology; piveau-metrics-reporter getScoreValue)', () => {
  it.each([
    [0, 'bad'], [120, 'bad'], [121, 'sufficient'], [220, 'sufficient'], [221, 'good'], [350, 'good'], [351, 'excellent'], [405, 'excellent'],
  ] as const)('%i points → %s', (points, rating) => {
    expect(mqaRating(points)).toBe(rating);
  });
});

describe('MQA on a real CKAN dataset (ckanext-dcat full DCAT-AP example)', () => {
  it('reads rights, byte size and dates on the resource, as ckanext-dcat writes them on the distribution', async () => {
    const outcome = await loadDescriptor(path.join(CORPUS, 'ckan', 'ckanext-dcat__ckan_full_dataset_dcat_ap.json'));
    if (outcome.kind !== 'loaded') throw new Error(outcome.kind);
    const mqa = mqaScore(outcome.datasets[0]!);
    // The resource has "rights", "size", "issued" and "modified": 4 × 5.
    expect(mqa.dimensions.contextuality.indicators).toEqual({ rights: 5, byteSize: 5, issued: 5, modified: 5 });
    // "access_rights" is a free-text statement: present (10), not from the EU vocabulary (0).
    expect(mqa.dimensions.reusability.indicators).toMatchObject({ accessRights: 10, accessRightsFromVocabulary: 0 });
  });
});
