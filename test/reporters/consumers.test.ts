import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { execa } from 'execa';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { loadFormatter } from '../../src/reporters/index.js';
import { MAX_SARIF_RESULTS } from '../../src/reporters/sarif.js';
import { MAX_COMMENT_CHARS } from '../../src/reporters/markdown.js';
import type { Finding, Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

// Reports as the programs that read them check them: the SARIF of the whole corpus against the
// OASIS schema and GitHub code scanning's documented limits, JUnit against the Surefire and
// Jenkins XSDs (xmllint compiled to WebAssembly: no native binary), GitLab Code Quality against
// its format, the Markdown report against the size of a pull-request comment.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const SCHEMAS = path.join(FIXTURES, 'consumer-schemas');
const odlint = (args: string[]) => execa('node', [BIN, ...args], { cwd: ROOT, reject: false, stripFinalNewline: false, maxBuffer: 1e9, env: { NO_COLOR: '1' } });
const REPORT = JSON.parse(readFileSync(path.join(FIXTURES, 'reports', 'report.json'), 'utf8')) as Report;
/** A data file whose quoted cells span lines: its rows and lines differ (fixtures/reports/multiline/README.md). */
const MULTILINE = 'fixtures/reports/multiline';

async function render(name: string, report: Report, quiet = false): Promise<string> {
  const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
  return (await loadFormatter(name))!.format(report, { color: false, quiet, rules, cwd: ROOT });
}

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
((addFormatsModule as unknown as { default?: (a: Ajv) => void }).default ?? (addFormatsModule as unknown as (a: Ajv) => void))(ajv);
const sarifSchema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
// The OASIS schema is draft-04: ajv reads it once `id` is spelled `$id`.
const { $schema: _draft, id: sarifId, ...sarifRest } = sarifSchema;
const validateSarif = ajv.compile({ ...sarifRest, $id: sarifId });
const validateGitlab = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'gitlab-code-quality.schema.json'), 'utf8')) as object);

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } } }[];
  properties: { row?: number };
}
interface SarifLog {
  runs: { tool: { driver: { rules: { properties?: { tags?: string[] } }[] } }; results: SarifResult[]; invocations?: { toolExecutionNotifications: { message: { text: string } }[] }[] }[];
}

/** GitHub code scanning's documented limits for an uploaded SARIF file ("SARIF support for code scanning"). */
function withinGithubLimits(log: SarifLog): string[] {
  const problems: string[] = [];
  if (log.runs.length > 20) problems.push(`${log.runs.length} runs (max 20)`);
  for (const run of log.runs) {
    if (run.results.length > 25_000) problems.push(`${run.results.length} results in a run (max 25,000)`);
    if (run.tool.driver.rules.length > 25_000) problems.push(`${run.tool.driver.rules.length} rules (max 25,000)`);
    for (const rule of run.tool.driver.rules) if ((rule.properties?.tags?.length ?? 0) > 20) problems.push('a rule with more than 20 tags');
    for (const r of run.results) {
      if (r.locations.length > 1000) problems.push('a result with more than 1,000 locations');
      if (!r.message.text) problems.push(`a result without message text (${r.ruleId})`);
      const uri = r.locations[0]?.physicalLocation.artifactLocation.uri;
      if (!uri || uri.startsWith('/') || uri.startsWith('../')) problems.push(`a result without a repository-relative location: ${uri}`);
    }
  }
  return problems;
}

describe('SARIF for GitHub code scanning', () => {
  let log: SarifLog;
  let report: Report;
  beforeAll(async () => {
    const sarif = await odlint(['fixtures/corpus', MULTILINE, '-f', 'sarif', '--fail-on', 'never']);
    expect(sarif.exitCode, sarif.stderr).toBe(0);
    log = JSON.parse(sarif.stdout) as SarifLog;
    report = JSON.parse((await odlint(['fixtures/corpus', MULTILINE, '-f', 'json', '--fail-on', 'never'])).stdout) as Report;
  }, 600_000);

  it('of the whole corpus validates against SARIF 2.1.0 and stays within GitHub\'s limits', () => {
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(withinGithubLimits(log)).toEqual([]);
    const total = report.summary.errors + report.summary.warnings + report.summary.infos;
    expect(log.runs[0]!.results).toHaveLength(total);
    expect(total).toBeGreaterThan(100);
  });

  it('points a data-file finding at its physical line, and keeps the row in the JSON report', () => {
    const json = [...report.datasets.flatMap((d) => d.findings), ...report.files.flatMap((f) => f.findings)];
    const cells = json.filter((f) => f.location.row !== undefined);
    expect(cells.length).toBeGreaterThan(20);
    // Every row-located finding of the corpus has its line.
    expect(cells.filter((f) => f.location.line === undefined).map((f) => `${f.ruleId} ${f.location.file} row ${f.location.row}`)).toEqual([]);
    const shifted = cells.filter((f) => f.location.line !== f.location.row);
    expect(shifted.map((f) => [f.ruleId, f.location.file, f.location.row, f.location.line])).toContainEqual(['data/ragged-rows', `${MULTILINE}/data.csv`, 5, 7]);
    for (const r of log.runs[0]!.results.filter((x) => x.properties.row !== undefined)) {
      const at = r.locations[0]!.physicalLocation;
      const finding = cells.find((f) => f.ruleId === r.ruleId && f.location.row === r.properties.row && f.message === r.message.text && at.artifactLocation.uri === encodeURI(f.location.file))!;
      expect(at.region?.startLine, `${r.ruleId} ${at.artifactLocation.uri}`).toBe(finding.location.line);
    }
  });

  it('caps the results of a run at 25,000, errors first, and says so', async () => {
    const big = structuredClone(REPORT);
    const template = big.datasets[0]!.findings[0]!;
    const make = (severity: Finding['severity'], n: number) => Array.from({ length: n }, (_, i): Finding => ({ ...template, severity, location: { file: template.location.file, line: i + 1 } }));
    big.datasets[0]!.findings = [...make('info', 5_000), ...make('warning', 20_000), ...make('error', 3_000)];
    const capped = JSON.parse(await render('sarif', big)) as SarifLog;
    const results = capped.runs[0]!.results;
    expect(results).toHaveLength(MAX_SARIF_RESULTS);
    expect(MAX_SARIF_RESULTS).toBe(25_000);
    const levels = (l: string) => results.filter((r) => r.level === l).length;
    const all = [...big.datasets.flatMap((d) => d.findings), ...big.files.flatMap((f) => f.findings)];
    const count = (sev: Finding['severity']) => all.filter((f) => f.severity === sev).length;
    const errors = Math.min(count('error'), MAX_SARIF_RESULTS);
    const warnings = Math.min(count('warning'), MAX_SARIF_RESULTS - errors);
    expect([levels('error'), levels('warning'), levels('note')]).toEqual([errors, warnings, MAX_SARIF_RESULTS - errors - warnings]);
    expect(errors).toBe(count('error')); // all errors kept
    expect(levels('note')).toBeLessThan(count('info')); // notes cut first
    const note = capped.runs[0]!.invocations![0]!.toolExecutionNotifications[0]!.message.text;
    expect(note).toContain(`${all.length - MAX_SARIF_RESULTS} results were left out`);
    expect(validateSarif(capped), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(withinGithubLimits(capped)).toEqual([]);
  }, 120_000);
});

describe('GitHub annotations', () => {
  it('point at the physical line of a data-file finding, with its row and column in the message', async () => {
    const out = (await odlint([MULTILINE, '-f', 'github'])).stdout;
    expect(out).toContain(`::error file=${MULTILINE}/data.csv,line=7,title=odlint data/ragged-rows::`);
    expect(out).toMatch(/::error file=fixtures\/reports\/multiline\/data\.csv,line=7,[^\n]*\[row 5/);
  });
});

describe('JUnit for Surefire and Jenkins', () => {
  const xsd = (name: string) => ({ fileName: name, contents: readFileSync(path.join(SCHEMAS, name), 'utf8') });
  const validate = async (xml: string | string[], schema: string) =>
    validateXML({ xml: (Array.isArray(xml) ? xml : [xml]).map((contents, i) => ({ fileName: `report-${i}.xml`, contents })), schema: [xsd(schema)] });

  it('validates against the Jenkins JUnit schema as a whole and the Surefire schema suite by suite', async () => {
    const junit = await odlint(['fixtures/corpus', MULTILINE, '-f', 'junit', '--fail-on', 'never']);
    const xml = junit.stdout;
    const jenkins = await validate(xml, 'jenkins-junit-10.xsd');
    expect(jenkins.errors.slice(0, 3)).toEqual([]);
    expect(jenkins.valid).toBe(true);
    // Surefire writes one testsuite per file: each suite is checked as such a document.
    const suites = xml.match(/<testsuite [^]*?<\/testsuite>/g)!;
    expect(suites.length).toBeGreaterThan(50);
    const surefire = await validate(suites.map((suite) => `<?xml version="1.0" encoding="UTF-8"?>\n${suite}\n`), 'surefire-test-report.xsd');
    expect(surefire.errors.slice(0, 3)).toEqual([]);
    expect(surefire.valid).toBe(true);
    // The validator does reject what breaks the schema.
    const broken = suites[0]!.replace(/ tests="\d+"/, '');
    expect((await validate(broken, 'surefire-test-report.xsd')).valid).toBe(false);
    expect((await validate([suites[1]!, broken], 'surefire-test-report.xsd')).valid).toBe(false);
    // The file is in each suite's properties; the line in the testcase name and the failure.
    expect(xml).toContain(`<property name="file" value="${MULTILINE}/data.csv"/>`);
    expect(xml).toMatch(new RegExp(`<testcase name="data/ragged-rows 7 \\(row 5[^"]*" classname="data/ragged-rows" time="0">`));
  }, 600_000);
});

describe('GitLab Code Quality', () => {
  it('validates against the format GitLab documents, with paths and lines', async () => {
    const out = await odlint(['fixtures/corpus', MULTILINE, '-f', 'gitlab', '--fail-on', 'never']);
    const issues = JSON.parse(out.stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    expect(validateGitlab(issues), JSON.stringify(validateGitlab.errors?.slice(0, 3))).toBe(true);
    expect(issues.length).toBeGreaterThan(100);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues).toContainEqual(expect.objectContaining({ check_name: 'data/ragged-rows', severity: 'major', location: { path: `${MULTILINE}/data.csv`, lines: { begin: 7 } } }));
    // The schema does reject what GitLab would not read.
    expect(validateGitlab([{ ...issues[0], severity: 'fatal' }])).toBe(false);
    expect(validateGitlab([{ ...issues[0], location: { path: '/abs/x.json', lines: { begin: 1 } } }])).toBe(false);
    const empty = await odlint(['fixtures/odlint/good', '-f', 'gitlab']);
    expect(empty.stdout).toBe('[]\n');
  }, 600_000);
});

describe('Markdown for a pull-request comment', () => {
  it('fits 65,536 characters however large the run, and says what it left out', async () => {
    const big = structuredClone(REPORT);
    const d0 = big.datasets[0]!;
    big.datasets = Array.from({ length: 3_000 }, (_, i) => ({ ...d0, id: `dataset-${i}`, title: `A long dataset title number ${i} to fill the comment quickly` }));
    big.summary = { ...big.summary, datasets: 3_000 };
    const md = await render('markdown', big);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(MAX_COMMENT_CHARS).toBe(65_536);
    expect(md).toMatch(/_…and \d+ more datasets: the comment size limit \(65536 characters\) was reached; see the full report\._/);
    expect(md).toMatch(/_…and \d+ more findings \(the comment size limit of 65536 characters was reached\): run odlint locally or see the full report\._/);
    // The summary by rule comes first and counts every finding.
    expect(md.indexOf('| Rule | Errors | Warnings | Infos |')).toBeLessThan(md.indexOf('| Dataset |'));
    const small = await render('markdown', REPORT);
    expect(small).not.toContain('comment size limit');
  });
});
