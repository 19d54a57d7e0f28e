import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDescriptor } from '../../src/loaders/index.js';
import { mqaScore, odlintScore, starsScore, udataScore, checkUrls, collectUrls } from '../../src/score/index.js';
import { reachableStatus } from '../../src/score/reachability.js';
import type { Dataset, Finding } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

async function load(file: string): Promise<Dataset> {
  const outcome = await loadDescriptor(file);
  if (outcome.kind !== 'loaded') throw new Error(`${file}: ${outcome.kind}`);
  return outcome.datasets[0]!;
}

const COMPLETE = path.join(FIXTURES, 'scores', 'ckan-complete.json');
const SPARSE = path.join(FIXTURES, 'scores', 'udata-sparse.json');

describe('MQA (data.europa.eu), offline', () => {
  it('scores the complete CKAN fixture 320 points: good', async () => {
    const mqa = mqaScore(await load(COMPLETE));
    // findability   30 keywords + 30 themes (group) + 20 spatial + 20 temporal          = 100
    // accessibility  accessURL reachable: not checked (0) + 20 downloadURL (upload)
    //                + downloadURL reachable: not checked (0)                             =  20
    // interoperability (best distribution: the CSV) 20 format + 10 media type
    //                + 10 both from vocabularies (CSV, text/csv) + 20 non-proprietary
    //                + 20 machine-readable + 30 DCAT-AP mandatory properties             = 110
    // reusability   20 licence + 10 known (cc-by) + 10 access rights + 5 EU vocabulary
    //                + 20 contact point + 10 publisher                                     =  75
    // contextuality  0 rights (a dataset extra: MQA reads dct:rights on the distribution)
    //                + 5 byte size + 5 issued (the dataset's: fallback) + 5 modified       =  15
    // total 100 + 20 + 110 + 75 + 15 = 320 → good (221–350)
    expect(Object.fromEntries(Object.entries(mqa.dimensions).map(([k, d]) => [k, d.points]))).toEqual({
      findability: 100, accessibility: 20, interoperability: 110, reusability: 75, contextuality: 15,
    });
    expect(mqa.points).toBe(320);
    expect(mqa.rating).toBe('good');
    expect(mqa.bestDistribution).toBe(0);
    expect(mqa.dimensions.accessibility.indicators).toEqual({ accessUrlReachable: 'not checked', downloadUrl: 20, downloadUrlReachable: 'not checked' });
    expect(mqa.notChecked).toEqual(['accessibility.accessUrlReachable', 'accessibility.downloadUrlReachable']);
    // Offline the two reachability indicators (50 + 30) cannot count: at most 325, never "excellent".
    expect(mqa.maxChecked).toBe(325);
  });

  it('scores the sparse udata fixture 165 points: sufficient', async () => {
    const mqa = mqaScore(await load(SPARSE));
    // findability   30 keywords (one tag); no theme, spatial or temporal                 =  30
    // accessibility  not checked + 20 downloadURL (udata serves the URL) + not checked   =  20
    // interoperability 20 format (pdf) + 10 media type + 10 both from vocabularies (PDF,
    //                application/pdf) + 0 non-proprietary (PDF is on neither EDP list)
    //                + 0 machine-readable + 30 DCAT-AP                                   =  70
    // reusability   20 licence + 0 from vocabulary ("notspecified" is a placeholder, no
    //                licence) + 0 access rights + 0 + 0 contact point + 10 publisher      =  30
    // contextuality  0 rights + 5 byte size + 5 issued + 5 modified                       =  15
    // total 30 + 20 + 70 + 30 + 15 = 165 → sufficient (121–220)
    expect(mqa.points).toBe(165);
    expect(mqa.rating).toBe('sufficient');
    expect(mqa.dimensions.interoperability.indicators).toEqual({
      format: 20, mediaType: 10, formatMediaTypeFromVocabulary: 10, nonProprietary: 0, machineReadable: 0, dcatApCompliance: 30,
    });
  });

  it('gives 0, not a penalty, for a missing format and a missing media type', async () => {
    const ds = await load(SPARSE);
    const dist = ds.distributions[0]!;
    for (const p of ['format', 'mediaType'] as const) {
      delete dist[p];
      delete dist.locations[p];
    }
    const mqa = mqaScore(ds);
    // 0 format + 0 media type + 0 vocabulary + 0 + 0 + 30 DCAT-AP = 30
    expect(mqa.dimensions.interoperability.indicators).toEqual({
      format: 0, mediaType: 0, formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 0, dcatApCompliance: 30,
    });
    expect(mqa.points).toBe(165 - 70 + 30);
  });
});

describe('format facts from the knowledge base', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odlint-formats-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A CKAN package under an open licence with one resource. */
  async function withResource(resource: Record<string, string>): Promise<Dataset> {
    const file = path.join(dir, 'package.json');
    writeFileSync(file, JSON.stringify({ name: 'f', title: 'F', notes: 'One resource.', license_id: 'cc-by', resources: [{ name: 'r', ...resource }] }));
    return load(file);
  }

  it.each([
    // format, media type → format + media type from vocabulary, non-proprietary, machine-readable
    ['TSV', 'text/tab-separated-values', { formatMediaTypeFromVocabulary: 10, nonProprietary: 20, machineReadable: 0 }],
    ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { formatMediaTypeFromVocabulary: 10, nonProprietary: 0, machineReadable: 20 }],
    ['GML', 'application/gml+xml', { formatMediaTypeFromVocabulary: 10, nonProprietary: 0, machineReadable: 0 }],
    ['http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE', 'text/turtle', { formatMediaTypeFromVocabulary: 10, nonProprietary: 20, machineReadable: 20 }],
    // "Excel" is no EU file-type code; application/x-msexcel is not registered with IANA.
    ['Excel', 'application/vnd.ms-excel', { formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 20 }],
    ['XLS', 'application/x-msexcel', { formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 20 }],
    // A compound value names no format exactly: MQA finds it on no list; the media type (ZIP) is non-proprietary.
    ['CSV (zip)', 'application/zip', { formatMediaTypeFromVocabulary: 0, nonProprietary: 20, machineReadable: 0 }],
    ['CSV (zip)', '', { formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 0 }],
  ])('MQA interoperability of format %s with media type %s', async (format, mimetype, expected) => {
    const mqa = mqaScore(await withResource({ url: 'https://example.org/r', format, mimetype }));
    expect(mqa.dimensions.interoperability.indicators).toMatchObject(expected);
  });

  it.each([
    // ckanext-qa tries the URL extensions "csv.zip" then "zip": no format is named "csv.zip".
    [{ url: 'https://example.org/coins.csv.zip' }, 1, 'URL extension "zip" (zip) scores 1'],
    [{ url: 'https://example.org/graph.ttl' }, 5, 'URL extension "ttl" (turtle) scores 5'],
    // A known extension scoring 0 gets ckanext-qa's default 1; the format field keeps its 0.
    [{ url: 'https://example.org/index.html' }, 1, 'URL extension "html" (html) scores 1'],
    [{ url: 'https://example.org/page', format: 'HTML' }, 0, 'format "HTML" scores 0'],
    [{ url: 'https://example.org/onto', format: 'OWL' }, 0, 'format "OWL" scores 0'],
    [{ url: 'https://example.org/project', format: 'QGIS' }, 3, 'format "QGIS" scores 3'],
    [{ url: 'https://example.org/dl', format: 'CSV (zip)' }, 1, 'format not understood, score 1'],
  ])('ckanext-qa stars of %j', async (resource, stars, reason) => {
    expect(starsScore(await withResource(resource))).toEqual({ stars, reason });
  });

  it('counts only udata\'s literal closed-format spellings as closed', async () => {
    // udata compares the lower-cased format with CLOSED_FORMATS: "Excel" is closed, "PDF/A" is not.
    expect(udataScore(await withResource({ url: 'https://example.org/a', format: 'Excel' })).criteria.has_open_format).toBe(false);
    expect(udataScore(await withResource({ url: 'https://example.org/a', format: 'PDF/A' })).criteria.has_open_format).toBe(true);
  });
});

describe('udata quality', () => {
  const NOW = new Date('2022-06-01T00:00:00Z');

  it('gives the complete fixture 8/9', async () => {
    const q = udataScore(await load(COMPLETE), { now: NOW });
    // license ✓ + temporal ✓ + spatial ✓ + frequency ✓ (EU ANNUAL) + description > 100 ✓
    // + open format ✓ (CSV) + all resources available ✓ (unchecked counts as available)
    // + resources documented ✓ (a resource description) = 8; updated on time ✗: last update
    // (the dataset's, 2021-02-01) + 365 days = 2022-02-01, 120 days before "now". 8 / 9 = 0.889
    expect(q.criteria).toEqual({
      license: true, temporal_coverage: true, spatial: true, update_frequency: true, dataset_description_quality: true,
      update_fulfilled_in_time: false, has_resources: true, has_open_format: true, all_resources_available: true, resources_documentation: true,
    });
    expect(q.score).toBe(0.889);
  });

  it('gives the sparse fixture 1/9', async () => {
    const q = udataScore(await load(SPARSE), { now: NOW });
    // license ✓ (udata counts "notspecified" as a licence) = 1; no temporal, no spatial,
    // frequency "unknown", no expected update, description 38 characters, only PDF (closed),
    // check:available false, no description or documentation resource. 1 / 9 = 0.111
    expect(q.score).toBe(0.111);
    expect(q.criteria).toEqual({
      license: true, temporal_coverage: false, spatial: false, update_frequency: false, dataset_description_quality: false,
      has_resources: true, has_open_format: false, all_resources_available: false, resources_documentation: false,
    });
  });

  it('allows one day of grace on the expected update', async () => {
    const ds = await load(COMPLETE);
    // udata's last update of a harvested dataset is its own modified date (metadata_modified
    // 2021-02-01T10:30), not its resources'. Expected update: + 365 days = 2022-02-01T10:30.
    expect(udataScore(ds, { now: new Date('2022-02-02T10:29:59') }).criteria.update_fulfilled_in_time).toBe(true);
    expect(udataScore(ds, { now: new Date('2022-02-02T10:30:00') }).criteria.update_fulfilled_in_time).toBe(true);
    expect(udataScore(ds, { now: new Date('2022-02-02T10:30:01') }).criteria.update_fulfilled_in_time).toBe(false);
  });
});

describe('ckanext-qa stars and the odlint score', () => {
  it('takes the best resource, and 0 when the licence is not open', async () => {
    // CSV (URL extension .csv) = 3 beats PDF = 1; cc-by is open.
    expect(starsScore(await load(COMPLETE))).toEqual({ stars: 3, reason: 'URL extension "csv" (csv) scores 3' });
    // PDF = 1, but "notspecified" is not an open licence → 0.
    expect(starsScore(await load(SPARSE))).toEqual({ stars: 0, reason: 'licence not open' });
  });

  it('counts each rule once at its worst severity', () => {
    const f = (ruleId: string, severity: Finding['severity']): Finding => ({ ruleId, severity, messageId: 'm', message: 'm', location: { file: 'x' } });
    // error 20 + warning 5 (three findings, one rule) + info 1 = 26 → 74
    expect(odlintScore([f('a/x', 'error'), f('b/y', 'warning'), f('b/y', 'warning'), f('b/y', 'warning'), f('c/z', 'info')])).toBe(74);
    expect(odlintScore(Array.from({ length: 8 }, (_, i) => f(`a/r${i}`, 'error')))).toBe(0);
  });
});

describe('--online reachability (a server on 127.0.0.1 only)', () => {
  let server: Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      // A 3xx without Location stays a 3xx after redirects are followed.
      res.statusCode = req.url === '/ok.csv' ? 200 : req.url === '/choices.csv' ? 300 : req.url === '/error.csv' ? 500 : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    dir = mkdtempSync(path.join(tmpdir(), 'odlint-online-'));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts 200–399 as reachable, as MQA does', async () => {
    const checks = await checkUrls(['/ok.csv', '/choices.csv', '/missing.csv', '/error.csv'].map((p) => base + p));
    expect([...checks].map(([u, c]) => [u.slice(base.length), c.status, c.ok])).toEqual([
      ['/ok.csv', 200, true], ['/choices.csv', 300, true], ['/missing.csv', 404, false], ['/error.csv', 500, false],
    ]);
    expect([199, 200, 302, 399, 400].map(reachableStatus)).toEqual([false, true, true, true, false]);
  });

  it('awards the reachability points for a URL that answers and not for one that does not', async () => {
    const file = path.join(dir, 'package.json');
    const resource = (name: string) => ({ name, url: `${base}/${name}`, url_type: 'upload', format: 'CSV', mimetype: 'text/csv' });
    writeFileSync(file, JSON.stringify({ name: 'reach', title: 'Reach', notes: 'Two files.', license_id: 'cc-by', resources: [resource('missing.csv'), resource('ok.csv')] }));
    const ds = await load(file);
    const reachability = await checkUrls(collectUrls([ds]));
    expect([...reachability].map(([u, c]) => [u.slice(base.length), c.ok, c.status])).toEqual([['/missing.csv', false, 404], ['/ok.csv', true, 200]]);
    const mqa = mqaScore(ds, reachability);
    // The reachable distribution wins: 50 access URL + 20 download URL + 30 reachable = 100.
    expect(mqa.bestDistribution).toBe(1);
    expect(mqa.dimensions.accessibility.indicators).toEqual({ accessUrlReachable: 50, downloadUrl: 20, downloadUrlReachable: 30 });
    expect(mqa.notChecked).toEqual([]);
    // udata: every remote resource must be available; one answers 404.
    expect(udataScore(ds, { reachability }).criteria.all_resources_available).toBe(false);
    // ckanext-qa: the broken link scores 0, the other 3 → the best is 3.
    expect(starsScore(ds, reachability).stars).toBe(3);
  });
});
