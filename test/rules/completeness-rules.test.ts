import { describe, it, expect } from 'vitest';
import { lintReport, allFindings, brief } from '../helpers/lint.js';
import type { Finding } from '../../src/model/index.js';

const dir = 'fixtures/rules';
const COMPLETENESS = /^(metadata\/(publisher|contact-point|theme|spatial|temporal|access-rights|frequency|issued|modified|date|hvd)|distribution\/(access-url|download-url|media-type|byte-size))-/;

/** Findings of the completeness rules on one fixture, with some presets, ordered by rule then location. */
async function completeness(input: string, presets: string[]) {
  const report = await lintReport([`${dir}/${input}`], { presets });
  return allFindings(report)
    .filter((f) => COMPLETENESS.test(f.ruleId))
    .map((f: Finding) => ({ ...brief(f), message: f.message }))
    .sort(byRuleOrder);
}

const at = (file: string, pointer: string, line: number, column: number) => ({ file: `${dir}/${file}`, pointer, line, column });

describe('metadata completeness rules', () => {
  it('report every missing MQA property of a bare dataset under the mqa preset', async () => {
    const root = at('completeness/bare.yaml', '', 2, 1);
    const dist = at('completeness/bare.yaml', '/distributions/0', 5, 5);
    const f = (ruleId: string, severity: string, location: object, message: string) => ({ ruleId, messageId: 'missing', severity, location, message });
    expect(await completeness('completeness/bare.yaml', ['mqa'])).toEqual([
      f('metadata/publisher-missing', 'warning', root, 'the dataset names no publisher'),
      f('metadata/contact-point-missing', 'warning', root, 'the dataset has no contact point'),
      f('metadata/theme-missing', 'warning', root, 'the dataset has no theme'),
      f('metadata/spatial-missing', 'warning', root, 'the dataset states no spatial coverage'),
      f('metadata/temporal-missing', 'warning', root, 'the dataset states no temporal coverage'),
      f('metadata/access-rights-missing', 'warning', root, 'the dataset states no access rights'),
      f('metadata/issued-missing', 'info', root, 'the dataset does not state its publication date'),
      f('metadata/modified-missing', 'info', root, 'the dataset does not state its last modification date'),
      f('distribution/access-url-missing', 'error', dist, 'distribution 1 has no access URL: no link to the data'),
      f('distribution/download-url-missing', 'warning', dist, 'distribution 1 has no download URL'),
      f('distribution/media-type-missing', 'warning', dist, 'distribution 1 states no media type'),
      f('distribution/byte-size-missing', 'info', dist, 'distribution 1 does not state its size in bytes'),
    ].sort(byRuleOrder));
  });

  it('report only publisher and contact point by default', async () => {
    expect((await completeness('completeness/bare.yaml', ['recommended'])).map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'metadata/contact-point-missing warning',
      'metadata/publisher-missing warning',
    ]);
  });

  it('enable the udata criteria under the france preset', async () => {
    expect((await completeness('completeness/bare.yaml', ['france'])).map((f) => `${f.ruleId} ${f.severity} ${f.location.pointer}`)).toEqual([
      'metadata/contact-point-missing warning ',
      'metadata/frequency-missing warning ',
      'metadata/publisher-missing warning ',
      'metadata/spatial-missing warning ',
      'metadata/temporal-missing warning ',
    ]);
  });

  it('accept a complete dataset under every preset', async () => {
    for (const preset of ['strict', 'mqa', 'dcat-ap', 'hvd', 'france', 'netherlands']) {
      expect(await completeness('completeness/complete.yaml', [preset]), preset).toEqual([]);
    }
  });

  it('report values outside their vocabularies, at the value', async () => {
    const file = 'completeness/values.yaml';
    expect(await completeness(file, ['mqa', 'france'])).toEqual(
      [
        { ruleId: 'metadata/access-rights-missing', messageId: 'notVocabulary', severity: 'warning', location: at(file, '/accessRights', 6, 1),
          message: 'the access rights "open to all" are not from the EU access-right vocabulary (http://publications.europa.eu/resource/authority/access-right/PUBLIC, NON_PUBLIC, RESTRICTED)' },
        { ruleId: 'metadata/frequency-not-vocabulary', messageId: 'unknown', severity: 'info', location: at(file, '/frequency', 7, 1),
          message: 'the update frequency "every now and then" is not from the EU frequency vocabulary (e.g. http://publications.europa.eu/resource/authority/frequency/ANNUAL)' },
        { ruleId: 'metadata/spatial-missing', messageId: 'missing', severity: 'warning', location: at(file, '', 2, 1), message: 'the dataset states no spatial coverage' },
        { ruleId: 'metadata/theme-missing', messageId: 'missing', severity: 'warning', location: at(file, '', 2, 1), message: 'the dataset has no theme' },
        { ruleId: 'distribution/access-url-missing', messageId: 'downloadOnly', severity: 'error', location: at(file, '/distributions/0', 12, 5),
          message: 'distribution 1 has a download URL but no access URL; DCAT-AP asks for both (the same URL will do)' },
        { ruleId: 'distribution/byte-size-missing', messageId: 'missing', severity: 'info', location: at(file, '/distributions/0', 12, 5), message: 'distribution 1 does not state its size in bytes' },
        { ruleId: 'distribution/byte-size-missing', messageId: 'missing', severity: 'info', location: at(file, '/distributions/1', 16, 5), message: 'distribution 2 does not state its size in bytes' },
        { ruleId: 'distribution/download-url-missing', messageId: 'missing', severity: 'warning', location: at(file, '/distributions/1', 16, 5), message: 'distribution 2 has no download URL' },
        { ruleId: 'distribution/media-type-missing', messageId: 'notIana', severity: 'warning', location: at(file, '/distributions/0/mediaType', 14, 5),
          message: 'distribution 1 media type "csv" is not an IANA media type (e.g. text/csv, application/json)' },
      ].sort(byRuleOrder),
    );
  });
});

describe('distribution/media-type-missing', () => {
  it('takes the IANA registry from mime-db: text/markdown and Arrow pass, application/x-shapefile does not', async () => {
    const file = 'completeness/media-types.yaml';
    expect((await completeness(file, ['mqa'])).filter((f) => f.ruleId === 'distribution/media-type-missing')).toEqual([
      { ruleId: 'distribution/media-type-missing', messageId: 'notIana', severity: 'warning', location: at(file, '/distributions/2/mediaType', 13, 5),
        message: 'distribution 3 media type "application/x-shapefile" is not an IANA media type (e.g. text/csv, application/json)' },
    ]);
  });
});

describe('metadata/date-not-iso', () => {
  const file = 'completeness/dates.json';
  const notIso = (pointer: string, line: number, column: number, message: string) => ({
    ruleId: 'metadata/date-not-iso', messageId: 'notIso', severity: 'error', location: at(file, pointer, line, column), message: `${message} is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`,
  });

  it('reports the non-ISO dates of a CKAN package and its resources, at each value', async () => {
    // metadata_modified (microseconds) and the resource's SQL-style "created" are ISO 8601 enough.
    expect((await completeness(file, ['dcat-ap'])).filter((f) => f.ruleId === 'metadata/date-not-iso')).toEqual([
      notIso('/result/issued', 8, 5, 'the dataset issued "06/05/2009"'),
      notIso('/result/temporal_end', 11, 5, 'the dataset temporal end "31.12.2023"'),
      notIso('/result/resources/0/last_modified', 13, 112, 'distribution 1 modified "yesterday"'),
    ]);
  });

  it('reports dates of ISO shape that are not on the calendar (30 February, 29 February 2021, 31 April)', async () => {
    // 2024-02-29 (a leap year) and 24:00:00 (the end of 29 February) are real moments.
    const impossible = 'completeness/impossible-dates.json';
    expect((await completeness(impossible, ['dcat-ap'])).filter((f) => f.ruleId === 'metadata/date-not-iso')).toEqual([
      { ...notIso('/result/issued', 8, 5, 'the dataset issued "2020-02-30"'), location: at(impossible, '/result/issued', 8, 5) },
      { ...notIso('/result/temporal_end', 11, 5, 'the dataset temporal end "2021-02-29"'), location: at(impossible, '/result/temporal_end', 11, 5) },
      { ...notIso('/result/resources/0/created', 13, 82, 'distribution 1 issued "2023-04-31 10:00:00"'), location: at(impossible, '/result/resources/0/created', 13, 82) },
    ]);
  });

  it('leaves odlint dataset.yaml dates to its schema (core/invalid-descriptor)', async () => {
    const report = await lintReport([`${dir}/completeness/values.yaml`]);
    expect(allFindings(report, 'metadata/date-not-iso')).toEqual([]);
    expect(allFindings(report, 'core/invalid-descriptor').map((f) => f.location.pointer)).toEqual(['/issued', '/temporal/end', '/distributions/0/modified']);
  });
});

describe('metadata/date-not-iso on a real catalogue', () => {
  it('reports the DERI dataset issued "06/05/2009" (ckanext-dcat example)', async () => {
    const report = await lintReport(['fixtures/corpus/dcat-ap/ckanext-dcat__dataset_deri.ttl']);
    expect(allFindings(report, 'metadata/date-not-iso').map(brief)).toEqual([
      {
        ruleId: 'metadata/date-not-iso',
        messageId: 'notIso',
        severity: 'warning',
        location: {
          file: 'fixtures/corpus/dcat-ap/ckanext-dcat__dataset_deri.ttl',
          subject: 'http://data.london.gov.uk/dataset/Abandoned_Vehicles',
          predicate: 'http://purl.org/dc/terms/issued',
          line: 16,
          column: 7,
        },
      },
    ]);
  });
});

describe('metadata/hvd-declaration-incomplete', () => {
  const rule = 'metadata/hvd-declaration-incomplete';
  it('reports the regulation cited without an HVD category (CKAN)', async () => {
    expect(allFindings(await lintReport([`${dir}/hvd-declaration/legislation-only.json`]), rule).map(brief)).toEqual([
      { ruleId: rule, messageId: 'categoryMissing', severity: 'warning', location: at('hvd-declaration/legislation-only.json', '/result', 4, 3) },
    ]);
  });

  it('reports an HVD category without the regulation', async () => {
    expect(allFindings(await lintReport([`${dir}/hvd-declaration/category-only.yaml`]), rule).map(brief)).toEqual([
      { ruleId: rule, messageId: 'legislationMissing', severity: 'warning', location: at('hvd-declaration/category-only.yaml', '', 1, 1) },
    ]);
  });

  it('ignores a dataset that declares neither, unless linted with the hvd preset', async () => {
    const file = `${dir}/hvd-declaration/neither.yaml`;
    expect(allFindings(await lintReport([file]), rule)).toEqual([]);
    expect(allFindings(await lintReport([file], { presets: ['hvd'] }), rule).map((f) => `${f.messageId} ${f.severity}`)).toEqual([
      'categoryMissing error',
      'legislationMissing error',
    ]);
  });
});

describe('data files linted without a descriptor', () => {
  it('get no metadata or distribution finding, even with every rule on', async () => {
    const report = await lintReport(['fixtures/corpus/csv/agenda__liste_des_prenoms.csv'], { presets: ['strict'] });
    expect(allFindings(report).filter((f) => /^(metadata|distribution)\//.test(f.ruleId))).toEqual([]);
  });
});

/** A stable order to compare findings in: rule, then line. */
function byRuleOrder(a: { ruleId: string; location: { line?: number } }, b: { ruleId: string; location: { line?: number } }) {
  return a.ruleId.localeCompare(b.ruleId) || (a.location.line ?? 0) - (b.location.line ?? 0);
}
