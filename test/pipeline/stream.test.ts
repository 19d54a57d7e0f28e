import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { loadFormatter } from '../../src/reporters/index.js';
import type { Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

// End-to-end on the built executable (npm test builds dist/ first): the worker pool runs dist/.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], node: string[] = []) => execa('node', [...node, BIN, ...args], { cwd: ROOT, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764892800' } });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-stream-'));
const read = (file: string) => readFileSync(file, 'utf8');

/** Every kind of input: descriptors of each format, RDF, broken files, data files alone. */
const INPUTS = ['fixtures'];
const FORMATS = ['json', 'jsonl', 'html', 'sarif', 'junit', 'csv', 'markdown', 'stylish', 'scorecard-csv', 'github'];
const REPORT = JSON.parse(read(path.join(FIXTURES, 'reports', 'report.json'))) as Report;

describe('streaming formatters', () => {
  it('json written dataset by dataset is byte for byte JSON.stringify of the whole report', async () => {
    const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
    const json = (await loadFormatter('json'))!;
    expect(json.format(REPORT, { color: false, quiet: false, rules, cwd: ROOT })).toBe(JSON.stringify(REPORT, null, 2) + '\n');
    const empty: Report = { ...REPORT, datasets: [], files: [] };
    expect(json.format(empty, { color: false, quiet: false, rules, cwd: ROOT })).toBe(JSON.stringify(empty, null, 2) + '\n');
  });

  it('jsonl: a run line, one line per dataset and per file, a summary line, each valid', async () => {
    const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
    const text = (await loadFormatter('jsonl'))!.format(REPORT, { color: false, quiet: false, rules, cwd: ROOT });
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; dataset?: { id: string } });
    expect(lines.map((l) => l.type)).toEqual(['run', ...REPORT.datasets.map(() => 'dataset'), ...REPORT.files.map(() => 'file'), 'summary']);
    expect(lines[1]!.dataset!.id).toBe(REPORT.datasets[0]!.id);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addSchema(JSON.parse(read(path.join(ROOT, 'schemas', 'report.schema.json'))) as object);
    const validate = ajv.compile(JSON.parse(read(path.join(ROOT, 'schemas', 'report-line.schema.json'))) as object);
    for (const line of lines) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
  });

  it('jsonl: a dataset given as its JSON text (a packed report) is written with the bytes of the report itself', async () => {
    const rules = new Map([...(await loadBuiltinRules())].map(([id, r]) => [id, r.meta]));
    const jsonl = (await loadFormatter('jsonl'))!;
    const written = (packed: boolean) => {
      let out = '';
      const session = jsonl.open({ color: false, quiet: false, rules, cwd: ROOT, version: '0' }, (t) => (out += t));
      REPORT.datasets.forEach((d, i) => (packed ? session.datasetJson!(JSON.stringify(d), [i, 1]) : session.dataset(d, [i, 1])));
      return out;
    };
    expect(REPORT.datasets.length).toBeGreaterThan(0);
    expect(written(true)).toBe(written(false));
    // --quiet drops findings: the text is not written as it is.
    expect(jsonl.open({ color: false, quiet: true, rules, cwd: ROOT, version: '0' }, () => undefined).datasetJson).toBeUndefined();
  });
});

describe('all cores, shards', () => {
  it('the report bytes are the same whatever --jobs', { timeout: 300_000 }, async () => {
    const dir = tmp();
    for (const jobs of ['1', '3']) {
      const r = await odlint([...INPUTS, '--jobs', jobs, '-f', 'json', '-o', path.join(dir, `j${jobs}.json`), '-f', 'jsonl', '-o', path.join(dir, `j${jobs}.jsonl`)]);
      expect(r.exitCode, r.stderr).toBe(1);
    }
    expect(read(path.join(dir, 'j3.json'))).toBe(read(path.join(dir, 'j1.json')));
    expect(read(path.join(dir, 'j3.jsonl'))).toBe(read(path.join(dir, 'j1.jsonl')));
    // Only jsonl outputs: the workers send their datasets packed (src/pipeline/unit.ts PackedDataset).
    const packed = await odlint([...INPUTS, '--jobs', '3', '-f', 'jsonl', '-o', path.join(dir, 'packed.jsonl')]);
    expect(packed.exitCode, packed.stderr).toBe(1);
    expect(read(path.join(dir, 'packed.jsonl'))).toBe(read(path.join(dir, 'j1.jsonl')));
    const report = JSON.parse(read(path.join(dir, 'j1.json'))) as Report;
    expect(report.datasets.length).toBeGreaterThan(100);
  });

  it('--jobs 2 on one file: the pool started ahead is not used, and the run ends with the bytes of --jobs 1', { timeout: 120_000 }, async () => {
    const dir = tmp();
    const file = path.join(FIXTURES, 'corpus', 'frictionless', 'fd-examples__units-and-prefixes', 'data', 'units.csv');
    for (const jobs of ['1', '2']) {
      const r = await odlint([file, '--jobs', jobs, '-f', 'json', '-o', path.join(dir, `j${jobs}.json`), '--fail-on', 'never']);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    expect(read(path.join(dir, 'j2.json'))).toBe(read(path.join(dir, 'j1.json')));
  });

  it('four shards merged give the bytes of the single run, in every format', { timeout: 600_000 }, async () => {
    const dir = tmp();
    const single = await odlint([...INPUTS, '--jobs', '1', ...FORMATS.flatMap((f) => ['-f', f, '-o', path.join(dir, `single.${f}`)])]);
    expect(single.exitCode, single.stderr).toBe(1);
    const sizes: number[] = [];
    for (const k of [1, 2, 3, 4]) {
      const r = await odlint([...INPUTS, '--shard', `${k}/4`, '--jobs', '1', '-f', 'jsonl', '-o', path.join(dir, `shard-${k}.jsonl`)]);
      expect([0, 1], r.stderr).toContain(r.exitCode);
      sizes.push(read(path.join(dir, `shard-${k}.jsonl`)).split('\n').filter((l) => l.includes('"type":"dataset"')).length);
    }
    // Every shard got a share; together they hold each dataset once.
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe((JSON.parse(read(path.join(dir, 'single.json'))) as Report).datasets.length);
    // Parts in any order.
    const parts = ['shard-3.jsonl', 'shard-1.jsonl', 'shard-4.jsonl', 'shard-2.jsonl'].map((f) => path.join(dir, f));
    const merged = await odlint(['merge-reports', ...parts, ...FORMATS.flatMap((f) => ['-f', f, '-o', path.join(dir, `merged.${f}`)])]);
    expect(merged.exitCode, merged.stderr).toBe(1);
    for (const f of FORMATS) expect(read(path.join(dir, `merged.${f}`)), f).toBe(read(path.join(dir, `single.${f}`)));
  });

  it('merge-reports refuses an incomplete set of shards', async () => {
    const dir = tmp();
    await odlint(['fixtures/ckan', '--shard', '1/2', '-f', 'jsonl', '-o', path.join(dir, 's1.jsonl')]);
    const r = await odlint(['merge-reports', path.join(dir, 's1.jsonl'), '-f', 'json']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('missing 2/2');
    expect((await odlint(['fixtures/ckan', '--shard', '3/2'])).stderr).toContain('--shard expects k/n');
  });
});

describe('bounded memory', () => {
  it('50,000 CKAN datasets stream through a 160 MB heap', { timeout: 900_000 }, async () => {
    const dir = tmp();
    generateCatalogue(path.join(dir, 'catalogue'), 50_000);
    expect(readdirSync(path.join(dir, 'catalogue'))).toHaveLength(50);
    const out = path.join(dir, 'report.jsonl');
    const r = await odlint([path.join(dir, 'catalogue'), '--no-data', '--jobs', '1', '-f', 'jsonl', '-o', out], ['--max-old-space-size=160']);
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.exitCode, r.stderr).toBe(1);
    const lines = read(out).trimEnd().split('\n');
    expect(lines).toHaveLength(50_002);
    const summary = JSON.parse(lines.at(-1)!) as { summary: { datasets: number } };
    expect(summary.summary.datasets).toBe(50_000);
  });

  it('a page of 2,000 packages (15 MB, read whole) is checked package by package: its models never all live at once', { timeout: 300_000 }, async () => {
    const dir = tmp();
    generateCatalogue(path.join(dir, 'page'), 2000, { perPage: 2000 });
    const out = path.join(dir, 'report.jsonl');
    // 72 MB: the rules, the page's text and its parse fit; 2,000 models on top did not (measured: 96 MB was needed).
    const r = await odlint([path.join(dir, 'page'), '--no-data', '--jobs', '1', '-f', 'jsonl', '-o', out], ['--max-old-space-size=72']);
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.exitCode, r.stderr).toBe(1);
    const summary = JSON.parse(read(out).trimEnd().split('\n').at(-1)!) as { summary: { datasets: number } };
    expect(summary.summary.datasets).toBe(2000);
  });
});
