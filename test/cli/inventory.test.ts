import { describe, it, expect, beforeAll } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

// End-to-end (the built executable): every input file is loaded, skipped with a reason or
// failed with a finding; an input that yields no file at all is exit 2, never a green CI gate.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], cwd = ROOT) => execa('node', [BIN, ...args], { cwd, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1' } });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-inventory-'));
const FIX = 'fixtures/inventory';

let validate: (r: unknown) => void;
beforeAll(() => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object;
  const fn = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  validate = (r) => expect(fn(r) ? [] : fn.errors).toEqual([]);
});

describe('inputs that yield no file exit 2 with one line', () => {
  it('an empty folder', async () => {
    const dir = tmp();
    const r = await odlint([dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`odlint: no descriptor or data file found in ${dir} (the folder holds no file)\n`);
  });

  it('the working directory by default, when it is empty', async () => {
    const r = await odlint([], tmp());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('odlint: no descriptor or data file found in . (the folder holds no file)\n');
  });

  it('a folder holding only files that are no descriptors', async () => {
    const r = await odlint([`${FIX}/notes-only`]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`odlint: no descriptor or data file found in ${FIX}/notes-only (2 files skipped: not descriptors, run with --verbose to list them)\n`);
  });

  it('a mistyped glob, and a path that does not exist', async () => {
    const glob = await odlint([`${FIX}/walk/*.jsn`]);
    expect([glob.exitCode, glob.stderr]).toEqual([2, `odlint: no descriptor or data file found in ${FIX}/walk/*.jsn (no file matches)\n`]);
    const missing = await odlint([`${FIX}/wlak`]);
    expect([missing.exitCode, missing.stderr]).toEqual([2, `odlint: no descriptor or data file found in ${FIX}/wlak (no such file or folder)\n`]);
  });

  it('a glob, a folder or a file whose every file is ignored by the config', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'archive'));
    writeFileSync(path.join(dir, 'archive', 'old.json'), readFileSync(path.join(ROOT, FIX, 'walk', 'datapackage.json')));
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'ignore: ["archive/**"]\n');
    for (const [input, detail] of [
      ['archive/*.json', '1 file ignored by the configuration'],
      ['archive', '1 file ignored by the configuration'],
      ['archive/old.json', 'it is ignored by the configuration'],
    ]) {
      const r = await odlint([input!], dir);
      expect([r.exitCode, r.stderr], input).toEqual([2, `odlint: no descriptor or data file found in ${input} (${detail})\n`]);
    }
  });

  it('one empty input among good ones is still an error (as in ESLint)', async () => {
    const r = await odlint([`${FIX}/walk/datapackage.json`, tmp()]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^odlint: no descriptor or data file found in .* \(the folder holds no file\)\n$/);
  });

  it('--no-error-on-unmatched-pattern keeps exit 0 and reports nothing', async () => {
    const r = await odlint(['--no-error-on-unmatched-pattern', '-f', 'json', tmp(), `${FIX}/walk/*.jsn`]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    validate(report);
    expect(report.datasets).toEqual([]);
    expect(report.summary.inventory).toEqual({ loaded: { files: 0, datasets: 0, byFormat: {} }, skipped: { files: 0, byFormat: {} }, failed: { files: 0, byFormat: {} } });
  });
});

describe('files named explicitly are sniffed, never parsed as YAML when they are not text', () => {
  it('an .xlsx is read as a spreadsheet data file (one table per sheet)', async () => {
    const r = await odlint(['-f', 'json', `${FIX}/explicit/budget.xlsx`]);
    expect(r.exitCode).toBe(0); // an info
    const report = JSON.parse(r.stdout) as Report;
    validate(report);
    expect(report.files).toEqual([]);
    expect(report.datasets.map((d) => [d.source.format, d.source.file, d.findings.map((x) => [x.ruleId, x.messageId, x.severity])])).toEqual([
      ['data-file', `${FIX}/explicit/budget.xlsx`, [['format/spreadsheet-format', 'proprietary', 'info']]],
    ]);
    expect(report.summary.inventory).toEqual({ loaded: { files: 1, datasets: 1, byFormat: { xlsx: 1 } }, skipped: { files: 0, byFormat: {} }, failed: { files: 0, byFormat: {} } });
  });

  it('a spreadsheet renamed .json or .yaml is said to be one, not parsed', async () => {
    const dir = tmp();
    const xlsx = readFileSync(path.join(ROOT, FIX, 'explicit', 'budget.xlsx'));
    writeFileSync(path.join(dir, 'package.json'), xlsx);
    writeFileSync(path.join(dir, 'dataset.yaml'), xlsx);
    const r = await odlint(['-f', 'json', 'package.json', 'dataset.yaml'], dir);
    const report = JSON.parse(r.stdout) as Report;
    const reason = 'not a dataset descriptor: XLSX data (sniffed from the content), which odlint does not read: describe it in a descriptor';
    expect(report.files.map((f) => [f.file, f.findings.map((x) => [x.ruleId, x.message])])).toEqual([
      ['package.json', [['core/not-a-descriptor', reason]]],
      ['dataset.yaml', [['core/not-a-descriptor', reason]]],
    ]);
  });

  it('a CSV without extension is linted as data; a PDF is no descriptor', async () => {
    const r = await odlint(['-f', 'json', `${FIX}/explicit/prenoms`, `${FIX}/explicit/report.pdf`]);
    const report = JSON.parse(r.stdout) as Report;
    validate(report);
    expect(report.datasets.map((d) => [d.source.format, d.source.file, d.findings.map((f) => `${f.ruleId}:${f.messageId}`)])).toEqual([
      ['data-file', `${FIX}/explicit/prenoms`, ['data/non-comma-delimiter:delimiter']],
    ]);
    expect(report.files.map((f) => [f.file, f.findings.map((x) => x.message)])).toEqual([
      [`${FIX}/explicit/report.pdf`, ['not a dataset descriptor: PDF document (sniffed from the content)']],
    ]);
    expect(report.summary.inventory).toEqual({ loaded: { files: 1, datasets: 1, byFormat: { csv: 1 } }, skipped: { files: 0, byFormat: {} }, failed: { files: 1, byFormat: { pdf: 1 } } });
  });
});

describe('the inventory of a folder walk', () => {
  it('is in the JSON report: loaded, skipped and failed files by format', async () => {
    const r = await odlint(['-f', 'json', `${FIX}/walk`]);
    expect(r.exitCode).toBe(1); // the broken JSON
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    validate(report);
    expect(report.datasets.map((d) => [d.source.format, d.source.file])).toEqual([
      ['frictionless', `${FIX}/walk/datapackage.json`],
      ['data-file', `${FIX}/walk/data/budget.xlsx`],
      ['data-file', `${FIX}/walk/data/extra.csv`],
    ]);
    expect(report.files.map((f) => [f.file, f.findings.map((x) => x.ruleId)])).toEqual([[`${FIX}/walk/broken.json`, ['core/parse-error']]]);
    expect(report.summary.inventory).toEqual({
      // datapackage.json (1 dataset), data/counts.csv (its distribution), data/extra.csv and data/budget.xlsx (1 dataset each)
      loaded: { files: 4, datasets: 3, byFormat: { frictionless: 1, xlsx: 1, csv: 2 } },
      skipped: { files: 1, byFormat: { md: 1 } },
      failed: { files: 1, byFormat: { json: 1 } },
    });
  });

  it('is summed up in the stylish footer; --verbose lists the skipped files on stderr', async () => {
    const quiet = await odlint([`${FIX}/walk`]);
    expect(quiet.stderr).toBe('');
    const verbose = await odlint(['--verbose', `${FIX}/walk`]);
    expect(verbose.stdout).toBe(quiet.stdout);
    expect(verbose.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '✖ 3 problems (1 error, 1 warning, 1 info) in 3 datasets',
      '3 datasets from 4 files; 1 file skipped (not descriptors), 1 failed',
    ]);
    expect(verbose.stderr).toBe(
      [
        `odlint: skipped ${FIX}/walk/README.md: no descriptor or data-file extension (.md)`,
        '',
      ].join('\n'),
    );
  });

  it('is said in the Markdown report and the HTML scorecard too', async () => {
    const md = await odlint(['-f', 'markdown', `${FIX}/walk`]);
    expect(md.stdout.split('\n').slice(0, 6)).toEqual([
      '## odlint report',
      '',
      '3 datasets checked: **1 error**, 1 warning, 1 info.',
      '',
      'Files: 3 datasets from 4 files; 1 file skipped (not descriptors), 1 failed.',
      '',
    ]);
    const html = await odlint(['-f', 'html', `${FIX}/walk`]);
    expect(html.stdout).toMatch(/<p class="muted">odlint [^<]+ · 3 datasets in 4 files · 1 file skipped \(not descriptors\), 1 failed<\/p>/);
  });

  it('adds no footer line when every file was loaded', async () => {
    const r = await odlint(['fixtures/odlint/good']);
    expect(r.stdout).toBe('✔ 1 dataset checked, no problems\n');
  });
});
