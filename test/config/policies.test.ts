import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { frequencyDays } from '../../src/knowledge/dcat-ap.js';
import { tempProject, configErrorOf } from '../helpers/project.js';
import { ROOT, allFindings, brief, lintReport } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

const BIN = path.join(ROOT, 'bin', 'odlint.js');
const POLICIES = path.join(ROOT, 'fixtures', 'policies', 'portal-policies.yaml');

const project = (files: Record<string, string>) => tempProject(files, 'odlint-policies-');

const configError = async (p: Promise<unknown>) => (await configErrorOf(p)).message;

/** The findings of the given policies on one odlint descriptor. */
async function withPolicies(policies: string, dataset: string) {
  const dir = project({ 'odlint.config.yaml': `policies:\n${policies}`, 'dataset.yaml': dataset });
  const report = await lintReport(['dataset.yaml'], { cwd: dir, configFile: 'odlint.config.yaml', data: false });
  return allFindings(report)
    .filter((f) => f.ruleId.startsWith('policy/'))
    .map((f) => ({ ...brief(f), message: f.message }));
}

const DATASET = [
  'title: Air quality',
  'description: Hourly concentrations of NO2 and PM10 at the measuring stations.',
  'publisher: { name: Environment Agency, email: jan.peeters@env.example.org }',
  'keywords: [air, NO2, pm10]',
  'licence: CC-BY-4.0',
  'frequency: http://publications.europa.eu/resource/authority/frequency/DAILY',
  'extras: { quality_label: gold }',
  'distributions:',
  '  - { title: Measurements, format: CSV, downloadURL: "http://data.example.org/air.csv" }',
  '  - { title: Stations, format: SHP, downloadURL: "https://data.example.org/stations.zip" }',
  '',
].join('\n');

describe('declarative rules (policies), end to end', () => {
  it('reports three portal policies where built-in rules would, with their severities (CLI)', async () => {
    const r = await execa('node', [BIN, '-c', POLICIES, 'fixtures/policies', '--no-data', '-f', 'json'], { cwd: ROOT, reject: false });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const findings = allFindings(JSON.parse(r.stdout) as Report).filter((f) => f.ruleId.startsWith('policy/'));
    const file = 'fixtures/policies/mobility/dataset.yaml';
    expect(findings.map(brief)).toEqual([
      { ruleId: 'policy/mobility-theme-transport', messageId: 'failed', severity: 'error', location: { file, pointer: '/themes', line: 7, column: 1 } },
      { ruleId: 'policy/updated-within-frequency', messageId: 'failed', severity: 'warning', location: { file, pointer: '/modified', line: 12, column: 1 } },
      { ruleId: 'policy/open-formats', messageId: 'failed', severity: 'warning', location: { file, pointer: '/distributions/0/format', line: 16, column: 5 } },
    ]);
    expect(findings[0]!.message).toBe('datasets of the Mobility Department are filed under the EU theme Transport (TRAN)');
    // Monthly: 31 days + 7 days of grace; the age grows every day.
    expect(findings[1]!.message).toMatch(/^last modified \d{4,} days ago; the declared frequency allows 38$/);
    expect(findings[2]!.message).toBe("the format XLSX is not one of the portal's open formats");
  });

  it('sets policies like any rule: off in `rules`, per file in overrides, with --rule', async () => {
    const off = await execa('node', [BIN, '-c', POLICIES, 'fixtures/policies', '--no-data', '-f', 'json', '--rule', 'policy/open-formats=off', '--rule', 'policy/mobility-theme-transport=info'], {
      cwd: ROOT,
      reject: false,
    });
    const ids = allFindings(JSON.parse(off.stdout) as Report).filter((f) => f.ruleId.startsWith('policy/')).map((f) => `${f.ruleId} ${f.severity}`);
    expect(ids).toEqual(['policy/mobility-theme-transport info', 'policy/updated-within-frequency warning']);
  });

  it('keeps docs/declarative-rules.md and the tested file of ten policies the same', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'declarative-rules.md'), 'utf8');
    const yaml = readFileSync(POLICIES, 'utf8');
    expect(doc).toContain('```yaml\n' + yaml + '```');
    expect(yaml.match(/^ {2}- id: /gm)).toHaveLength(10);
  });
});

describe('policy conditions', () => {
  it('present, absent, minCount and maxCount count the selected values', async () => {
    const found = await withPolicies(
      [
        '  - { id: has-themes, select: dataset.themes, present: true, message: "no theme" }',
        '  - { id: no-rights, select: dataset.publisher.email, absent: true, message: "publisher e-mail {{value}} given" }',
        '  - { id: keywords, select: dataset.keywords, minCount: 4, message: "{{count}} < {{limit}}", severity: info }',
        '  - { id: one-file, select: dataset.distributions, maxCount: 1, message: "{{count}} files", severity: error }',
        '',
      ].join('\n'),
      DATASET,
    );
    expect(found).toEqual([
      { ruleId: 'policy/has-themes', messageId: 'failed', severity: 'warning', location: { file: 'dataset.yaml', pointer: '', line: 1, column: 1 }, message: 'no theme' },
      { ruleId: 'policy/no-rights', messageId: 'failed', severity: 'warning', location: { file: 'dataset.yaml', pointer: '/publisher/email', line: 3, column: 40 }, message: 'publisher e-mail j***@***.org given' },
      { ruleId: 'policy/keywords', messageId: 'failed', severity: 'info', location: { file: 'dataset.yaml', pointer: '/keywords', line: 4, column: 1 }, message: '3 < 4' },
      { ruleId: 'policy/one-file', messageId: 'failed', severity: 'error', location: { file: 'dataset.yaml', pointer: '/distributions', line: 8, column: 1 }, message: '2 files' },
    ]);
  });

  it('matches (RE2, whole value), in and notIn (case-insensitive) and includes report each failing value', async () => {
    const found = await withPolicies(
      [
        '  - { id: https, select: distribution.downloadURL, matches: "https://.+", message: "{{value}} is not HTTPS" }',
        '  - { id: formats, select: distribution.format, in: [csv, json], message: "format {{value}}" }',
        '  - { id: no-pm10, select: dataset.keywords, notIn: [PM10], message: "keyword {{value}}" }',
        '  - { id: tagged, select: dataset.keywords, includes: [air, climate], message: "missing keyword {{expected}}" }',
        '  - { id: lower-case, select: dataset.keywords, notMatches: ".*\\\\p{Lu}.*", message: "{{value}} has capitals" }',
        '',
      ].join('\n'),
      DATASET,
    );
    expect(found.map((f) => [f.ruleId, f.location.pointer, f.message])).toEqual([
      ['policy/no-pm10', '/keywords', 'keyword pm10'],
      ['policy/tagged', '/keywords', 'missing keyword climate'],
      ['policy/lower-case', '/keywords', 'NO2 has capitals'],
      ['policy/https', '/distributions/0/downloadURL', 'http://data.example.org/air.csv is not HTTPS'],
      ['policy/formats', '/distributions/1/format', 'format SHP'],
    ]);
  });

  it('minLength and maxLength measure each value (each language of a text)', async () => {
    const found = await withPolicies(
      [
        '  - { id: long-description, select: dataset.description, minLength: 101, message: "{{length}} characters" }',
        '  - { id: short-title, select: dataset.title, maxLength: 5, message: "title of {{length}} > {{limit}}" }',
        '',
      ].join('\n'),
      DATASET,
    );
    expect(found.map((f) => [f.ruleId, f.location.pointer, f.message])).toEqual([
      ['policy/short-title', '/title', 'title of 11 > 5'],
      ['policy/long-description', '/description', '64 characters'],
    ]);
  });

  it('withinDays and withinFrequency hold dates to an age; no stated frequency, nothing to hold to', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const policies = [
      '  - { id: fresh, select: dataset.modified, withinDays: 30, message: "{{days}} days" }',
      '  - { id: on-time, select: dataset.modified, withinFrequency: true, message: "{{days}} > {{limit}}" }',
      '',
    ].join('\n');
    expect(await withPolicies(policies, `${DATASET}modified: "${today}"\n`)).toEqual([]);
    const old = await withPolicies(policies, `${DATASET}modified: "2020-02-01"\n`);
    expect(old.map((f) => [f.ruleId, f.location.pointer, f.location.line])).toEqual([
      ['policy/fresh', '/modified', 11],
      ['policy/on-time', '/modified', 11],
    ]);
    expect(old[1]!.message).toMatch(/^\d+ > 1$/);
    expect(await withPolicies(policies, `${DATASET.replace(/frequency: .*\n/, 'frequency: irregular\n')}modified: "2020-02-01"\n`)).toHaveLength(1);
    const notDate = await withPolicies(policies, `${DATASET}modified: last spring\n`);
    expect(notDate.map((f) => [f.ruleId, f.messageId, f.message])).toEqual([
      ['policy/fresh', 'notADate', 'dataset.modified "last spring" is not a date'],
      ['policy/on-time', 'notADate', 'dataset.modified "last spring" is not a date'],
    ]);
  });

  it('applies a policy only where its `when` filters hold (some selected value satisfies each)', async () => {
    const policy = (who: string) =>
      `  - { id: env-theme, when: [{ select: dataset.publisher.name, in: ["${who}"] }, { select: dataset.keywords, in: [air] }], select: dataset.themes, present: true, message: "no theme" }\n`;
    expect(await withPolicies(policy('Environment Agency'), DATASET)).toHaveLength(1);
    expect(await withPolicies(policy('Mobility Department'), DATASET)).toEqual([]);
    // Distribution policies may filter on the distribution and on its dataset.
    const dist = await withPolicies(
      '  - { id: csv-https, when: [{ select: distribution.format, in: [csv] }, { select: dataset.extras.quality_label, in: [gold] }], select: distribution.downloadURL, matches: "https:.*", message: "{{value}}" }\n',
      DATASET,
    );
    expect(dist.map((f) => f.location.pointer)).toEqual(['/distributions/0/downloadURL']);
  });

  it('reads extras by key and licence, agent and period parts', async () => {
    const found = await withPolicies(
      [
        '  - { id: label, select: dataset.extras.quality_label, in: [silver], message: "label {{value}}" }',
        '  - { id: spdx, select: dataset.licence.spdx, in: [CC0-1.0], message: "licence {{value}}" }',
        '  - { id: publisher, select: dataset.publisher, in: [City], message: "publisher {{value}}" }',
        '',
      ].join('\n'),
      DATASET,
    );
    expect(found.map((f) => [f.location.pointer, f.message])).toEqual([
      ['/publisher', 'publisher Environment Agency'],
      ['/licence', 'licence CC-BY-4.0'],
      ['/extras/quality_label', 'label gold'],
    ]);
  });
});

describe('policy mistakes are config errors with their place in the file', () => {
  const cases: [string, string][] = [
    ['  - { id: a, select: dataset.keyword, present: true, message: m }\n', 'odlint.config.yaml at /policies/0/select: unknown property "keyword" of dataset (did you mean "keywords"?); see docs/declarative-rules.md (line 2, column 14)'],
    ['  - { id: a, select: dataset.keywords, present: true, minCount: 2, message: m }\n', 'odlint.config.yaml at /policies/0: a policy states one condition, not present and minCount (line 2, column 5)'],
    ['  - { id: a, select: dataset.keywords, message: m }\n', 'odlint.config.yaml at /policies/0: a policy states a condition (present, absent, matches, notMatches, in, notIn, includes, minCount, maxCount, minLength, maxLength, withinDays, withinFrequency) (line 2, column 5)'],
    ['  - { id: a, select: dataset.keywords, matches: "(a)\\\\1", message: m }\n', 'odlint.config.yaml at /policies/0/matches: the pattern cannot be used: invalid escape sequence: `\\1` (RE2 syntax: no backreferences or lookaround) (line 2, column 40)'],
    ['  - { id: a, select: dataset.keywords, presnt: true, message: m }\n', 'odlint.config.yaml at /policies/0/presnt: unknown property "presnt" (line 2, column 40)'],
    ['  - { id: a, select: dataset.keywords, minCount: -1, message: m }\n', 'odlint.config.yaml at /policies/0/minCount: must be >= 0 (line 2, column 40)'],
    ['  - { id: a, select: dataset.title, when: { select: distribution.format, present: true }, present: true, message: m }\n', 'odlint.config.yaml at /policies/0/when/select: a filter on distribution applies to policies that select on distribution (line 2, column 45)'],
    ['  - { id: a, select: dataset.distributions, in: [x], message: m }\n', 'odlint.config.yaml at /policies/0/in: dataset.distributions is counted: use present, absent, minCount or maxCount (line 2, column 45)'],
    ['  - { id: a, select: dataset.title, present: true, message: m }\n  - { id: a, select: dataset.title, present: true, message: n }\n', 'odlint.config.yaml at /policies/1/id: the policy id "a" is used twice (line 3, column 7)'],
  ];
  it.each(cases)('%s', async (policies, message) => {
    const dir = project({ 'odlint.config.yaml': `policies:\n${policies}` });
    expect(await configError(loadConfig({ cwd: dir }))).toBe(message);
  });
});

describe('frequencyDays', () => {
  it('gives the longest interval a declared frequency allows', () => {
    expect(['http://publications.europa.eu/resource/authority/frequency/MONTHLY', 'weekly', 'R/P1Y', 'R/P2W', 'R/PT1H', 'irregular', 'sometimes', undefined].map(frequencyDays)).toEqual([
      31, 7, 366, 14, 1, undefined, undefined, undefined,
    ]);
  });
});
