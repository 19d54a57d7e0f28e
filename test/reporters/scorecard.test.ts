import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { main } from '../../src/cli/index.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

/**
 * The scorecard formats through the CLI: `--compare` on two runs of fixtures/scorecard (v1 → v2:
 * three findings fixed, one new; see its README), the sidecar of finding details, and the
 * scorecard-csv data package, linted by odlint itself.
 */
const V1 = path.join(FIXTURES, 'scorecard', 'v1');
const V2 = path.join(FIXTURES, 'scorecard', 'v2');
let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'odlint-scorecard-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, isTTY: false, env: { SOURCE_DATE_EPOCH: '1764892800' } });
  return { code, stdout, stderr };
}

const text = (html: string) =>
  html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The body rows of the table with this data-testid, as cell texts. */
function table(html: string, testId: string): string[][] {
  const m = new RegExp(`<table[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!m) throw new Error(`no table ${testId}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(m[1]!)![1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
}

describe('--compare: two runs of a fixture catalogue', () => {
  let page: string;
  beforeAll(async () => {
    expect((await run(V1, '.', '--no-data', '-f', 'jsonl', '-o', path.join(out, 'v1.jsonl'), '-f', 'json', '-o', path.join(out, 'v1.json'))).code).toBe(1);
    const r = await run(V2, '.', '--no-data', '-f', 'html', '-o', path.join(out, 'v2.html'), '--compare', path.join(out, 'v1.jsonl'));
    expect(r.code, r.stderr).toBe(1);
    page = readFileSync(path.join(out, 'v2.html'), 'utf8');
  });

  it('gives the change of every indicator', () => {
    expect(table(page, 'compare-indicators')).toEqual([
      ['Datasets', '3', '3', 'no change'],
      ['Errors', '2', '1', '−1 (better)'],
      ['Warnings', '3', '2', '−1 (better)'],
      // odlint: bike counts 45 → 100 (no finding left), schools 100 → 90, population 100: (245 → 270) / 3.
      ['Mean odlint score /100', '81.7', '90', '+8.3 (better)'],
      ['Mean MQA points /405', '160', '170', '+10 (better)'],
      ['Mean udata quality', '33.3 %', '40.7 %', '+7.4 pt (better)'],
      ['Mean 5-star openness /5', '0.7', '1.7', '+1 (better)'],
      ['Open licence', '33.3 %', '66.7 %', '+33.3 pt (better)'],
      // `notspecified` (population) names no licence: counted with the missing ones.
      ['No licence', '66.7 %', '33.3 %', '−33.3 pt (better)'],
      ['Machine-readable format', '100 %', '100 %', 'no change'],
      ['Datasets with suspected personal data', '0', '0', 'no change'],
      ['Datasets about people', '1', '1', 'no change'],
      ['Sex-disaggregated (of those about people)', '0 %', '100 %', '+100 pt (better)'],
    ]);
  });

  it('lists the new and the fixed findings', () => {
    expect(text(/data-testid="new-count">(\d+)</.exec(page)![1]!)).toBe('1');
    expect(text(/data-testid="fixed-count">(\d+)</.exec(page)![1]!)).toBe('3');
    const fixed = /data-testid="fixed-findings"[\s\S]*?<\/section>/.exec(page)![0];
    expect([...fixed.matchAll(/<tr><th scope="row"><code>([^<]+)<\/code><\/th><td class="n">(\d+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['licence/licence-missing', '1'],
      ['metadata/description-too-short', '1'],
      ['metadata/keywords-missing', '1'],
    ]);
    const added = /data-testid="new-findings"[\s\S]*?<\/section>/.exec(page)![0];
    expect(text(/<ul class="findings">([\s\S]*?)<\/ul>/.exec(added)![1]!)).toBe('warning School buildings: the dataset has no keywords metadata/keywords-missing');
  });

  it('gives the change per organisation', () => {
    expect(table(page, 'compare-orgs')).toEqual([
      ['Brussels Institute for Statistics and Analysis', '1 no change', '1 no change', '0 no change', '180 no change', '0 % no change', '100 % no change'],
      ['Brussels Mobility', '2 no change', '0 −1 (better)', '2 −1 (better)', '165 +15 (better)', '100 % +50 pt (better)', '100 % no change'],
    ]);
  });

  it('reads a previous JSON report the same way, and draws a trend from several', async () => {
    await run(V2, '.', '--no-data', '-f', 'html', '-o', path.join(out, 'v2-json.html'), '--compare', path.join(out, 'v1.json'));
    const fromJson = readFileSync(path.join(out, 'v2-json.html'), 'utf8');
    expect(table(fromJson, 'compare-indicators')).toEqual(table(page, 'compare-indicators'));
    expect(/data-testid="fixed-count">(\d+)</.exec(fromJson)![1]).toBe('3');
    expect(page).not.toContain('data-testid="trend"');

    await run(V2, '.', '--no-data', '-f', 'html', '-o', path.join(out, 'trend.html'), '--compare', path.join(out, 'v1.json'), '--compare', path.join(out, 'v1.jsonl'));
    const trend = readFileSync(path.join(out, 'trend.html'), 'utf8');
    const rows = table(trend, 'trend-table');
    expect(rows.find((r) => r[0] === 'Errors')).toEqual(['Errors', '2', '2', '1']);
    expect(rows.find((r) => r[0] === 'Open licence')).toEqual(['Open licence', '33.3 %', '33.3 %', '66.7 %']);
    expect(trend).toContain('<svg role="img" aria-label="Errors: ');
  });

  it('refuses a file that is not an odlint report, before linting', async () => {
    writeFileSync(path.join(out, 'notes.txt'), 'hello\n');
    const r = await run(V2, '.', '-f', 'html', '--compare', path.join(out, 'notes.txt'));
    expect([r.code, r.stderr.trim()]).toEqual([2, `odlint: --compare: ${path.join(out, 'notes.txt')} is not an odlint report (jsonl or json)`]);
  });
});

describe('finding details in a sidecar', () => {
  it('above --scorecard-inline-limit, writes them beside the page and says so', async () => {
    const file = path.join(out, 'small.html');
    await run(V1, '.', '--no-data', '-f', 'html', '-o', file, '--scorecard-inline-limit', '0');
    const page = readFileSync(file, 'utf8');
    expect(page).not.toContain('id="scorecard-details"');
    expect(text(/data-testid="sidecar-note">([^<]*)</.exec(page)![1]!)).toMatch(/^The messages and locations of the findings are in small\.datasets\.jsonl beside this page/);
    const lines = readFileSync(path.join(out, 'small.datasets.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { index: number; findings: { ruleId: string }[] });
    expect(lines.map((l) => [l.index, l.findings.map((f) => f.ruleId)])).toEqual([
      [0, ['licence/licence-missing', 'metadata/description-too-short', 'metadata/keywords-missing']],
      [1, ['licence/licence-placeholder']],
      [2, ['format/proprietary-only']],
    ]);
    // Below the limit (default 8 MB) the details are embedded and no sidecar is written.
    await run(V1, '.', '--no-data', '-f', 'html', '-o', path.join(out, 'inline.html'));
    expect(readFileSync(path.join(out, 'inline.html'), 'utf8')).toContain('id="scorecard-details"');
    expect(existsSync(path.join(out, 'inline.datasets.jsonl'))).toBe(false);
  });
});

describe('scorecard-csv as open data', () => {
  it('writes a datapackage.json beside the CSV that odlint lints cleanly with the default preset', async () => {
    const dir = mkdtempSync(path.join(out, 'package-'));
    const r = await run(V2, '.', '--no-data', '-f', 'scorecard-csv', '-o', path.join(dir, 'scorecard.csv'), '--data-publisher', 'Brussels Regional Informatics Centre', '--data-contact', 'opendata@example.brussels');
    expect(r.code).toBe(1);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.licenses).toEqual([{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'CC0-1.0' }]);
    expect([pkg.created, pkg.version]).toEqual(['2025-12-05T00:00:00Z', expect.stringMatching(/^\d+\.\d+\.\d+/)]);
    const rows = parseCsv(readFileSync(path.join(dir, 'scorecard.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(Object.keys(rows[0]!));
    expect(rows.map((x) => [x['dataset'], x['licence'], x['licence_openness'], x['concerns_individuals'], x['sex_disaggregated']])).toEqual([
      // CKAN packages are identified by their name.
      ['bike-counts', 'CC-BY-4.0', 'open', 'false', 'false'],
      ['population', 'notspecified', 'missing', 'true', 'true'],
      ['schools', 'CC-BY-4.0', 'open', 'false', 'false'],
    ]);

    // The package (and the CSV it describes, read as data) pass odlint's default preset.
    const lint = await run(dir, 'datapackage.json', '-f', 'json', '--fail-on', 'info');
    const report = JSON.parse(lint.stdout) as Report;
    expect(report.datasets.map((d) => [d.title, d.findings])).toEqual([['Open-data quality scorecard', []]]);
    expect([lint.code, report.files]).toEqual([0, []]);
  });

  it('takes another licence with --data-licence', async () => {
    const dir = mkdtempSync(path.join(out, 'package-'));
    await run(V2, '.', '--no-data', '-f', 'scorecard-csv', '-o', path.join(dir, 'scorecard.csv'), '--data-licence', 'CC-BY-4.0');
    expect(JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')).licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'CC-BY-4.0' }]);
  });
});
