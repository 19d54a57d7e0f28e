import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { LintCache } from '../../src/pipeline/cache.js';
import type { DatasetReport, Report } from '../../src/model/index.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

/**
 * `--cache` (issue 11): a unit whose descriptor bytes, read files (data, Table Schema), config
 * and odlint version are unchanged is reused; any change is a miss. Each test works in a copy
 * of fixtures/frictionless/good: a data package with a CSV whose Table Schema is a file of its
 * own (no finding as it is). The run has two units: the data package and the schema file (a JSON
file that is no descriptor, skipped).
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odlint-cache-'));
  cpSync(path.join(FIXTURES, 'frictionless', 'good'), path.join(dir, 'pkg'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['pkg', '-f', 'json', '--verbose', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, isTTY: false, env: {} });
  const reuse = /cache \S+: (\d+) file\(s\) reused, (\d+) linted/.exec(stderr);
  return { code, stdout, stderr, reused: Number(reuse?.[1]), linted: Number(reuse?.[2]), report: JSON.parse(stdout) as Report };
}
const ruleIds = (r: Report) => r.datasets.flatMap((d) => d.findings.map((f) => f.ruleId));
const file = (...p: string[]) => path.join(dir, 'pkg', ...p);

describe('--cache', () => {
  it('a second run reuses the results: same report bytes as without the cache', async () => {
    const plain = await run();
    const cold = await run('--cache');
    expect([cold.reused, cold.linted]).toEqual([0, 2]);
    expect(existsSync(path.join(dir, '.odlintcache'))).toBe(true);
    const warm = await run('--cache');
    expect([warm.reused, warm.linted]).toEqual([2, 0]);
    expect(warm.stdout).toBe(plain.stdout);
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stderr).not.toMatch(/warning/);
  });

  it('a run that reused every entry and linted nothing leaves the cache file as it was; one that linted rewrites it', async () => {
    await run('--cache');
    const cache = path.join(dir, '.odlintcache');
    const before = statSync(cache, { bigint: true });
    const bytes = readFileSync(cache);
    expect((await run('--cache')).reused).toBe(2);
    const after = statSync(cache, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
    appendFileSync(file('data', 'stations.csv'), '\n');
    const edited = await run('--cache');
    expect([edited.reused, edited.linted]).toEqual([1, 1]);
    expect(statSync(cache, { bigint: true }).ino).not.toBe(before.ino);
    expect(readFileSync(cache).equals(bytes)).toBe(false);
    expect((await run('--cache')).reused).toBe(2);
  });

  it('the descriptor is compared by its bytes: touching it is a hit, editing it a miss', async () => {
    await run('--cache');
    const later = new Date(Date.now() + 5000);
    utimesSync(file('datapackage.json'), later, later);
    expect((await run('--cache')).reused).toBe(2);
    const text = readFileSync(file('datapackage.json'), 'utf8');
    writeFileSync(file('datapackage.json'), text.replace('"title": "Air quality measurements in Brussels, 2024",', ''));
    const edited = await run('--cache');
    expect([edited.reused, edited.linted]).toEqual([1, 1]);
    expect(ruleIds(edited.report)).toContain('metadata/title-missing');
  });

  it('a data file that changed is a miss (and its new findings are reported)', async () => {
    await run('--cache');
    appendFileSync(file('data', 'stations.csv'), '41R001,Molenbeek again,50.8486,4.3340\n');
    const changed = await run('--cache');
    expect([changed.reused, changed.linted]).toEqual([1, 1]);
    expect(ruleIds(changed.report)).toContain('data/schema-constraint-error');
    expect((await run('--cache')).reused).toBe(2);
  });

  it('a Table Schema file that changed is a miss', async () => {
    await run('--cache');
    const schema = readFileSync(file('schemas', 'stations.schema.json'), 'utf8');
    writeFileSync(file('schemas', 'stations.schema.json'), schema.replace('"name": "latitude", "type": "number"', '"name": "latitude", "type": "integer"'));
    // The schema file is also a unit of its own (skipped): both are linted again.
    const changed = await run('--cache');
    expect(changed.linted).toBe(2);
    expect(ruleIds(changed.report)).toContain('data/schema-type-error');
  });

  it('another config, --no-data or another preset is a miss', async () => {
    await run('--cache');
    const off = await run('--cache', '--rule', 'metadata/description-too-short=off');
    expect(off.linted).toBe(2);
    expect((await run('--cache', '--rule', 'metadata/description-too-short=off')).reused).toBe(2);
    expect((await run('--cache', '--no-data')).linted).toBe(2);
    expect((await run('--cache', '-p', 'strict')).linted).toBe(2);
    expect((await run('--cache', '-p', 'strict')).reused).toBe(2);
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'extends: [recommended]\nrules:\n  metadata/keywords-missing: error\n');
    expect((await run('--cache', '-p', 'strict')).linted).toBe(2);
  });

  it('--cache-strategy metadata sees a touched data file as changed; content compares its bytes', async () => {
    await run('--cache');
    const later = new Date(Date.now() + 5000);
    utimesSync(file('data', 'stations.csv'), later, later);
    const touched = await run('--cache');
    expect([touched.reused, touched.linted]).toEqual([1, 1]);
    await run('--cache', '--cache-strategy', 'content');
    utimesSync(file('data', 'stations.csv'), new Date(), new Date());
    expect((await run('--cache', '--cache-strategy', 'content')).reused).toBe(2);
    appendFileSync(file('data', 'stations.csv'), '\n');
    expect((await run('--cache', '--cache-strategy', 'content')).linted).toBe(1);
  });

  it('a corrupt cache is a warning and a cold run, then a new cache', async () => {
    const plain = await run();
    await run('--cache');
    const cache = path.join(dir, '.odlintcache');
    for (const damage of [() => writeFileSync(cache, 'not a cache\n'), () => truncateSync(cache, statSync(cache).size - 10), () => writeFileSync(cache, '')]) {
      await run('--cache');
      damage();
      const r = await run('--cache');
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^odlint: warning: the cache .*\.odlintcache cannot be used \(.+\): linting without it, and writing a new one$/m);
      expect([r.reused, r.linted]).toEqual([0, 2]);
      expect(r.stdout).toBe(plain.stdout);
      const again = await run('--cache');
      expect(again.reused).toBe(2);
      expect(again.stderr).not.toMatch(/warning/);
    }
  });

  it('--cache-location: a file, or a folder that holds one per working directory', async () => {
    await run('--cache', '--cache-location', 'caches/lint.cache');
    expect(existsSync(path.join(dir, 'caches', 'lint.cache'))).toBe(true);
    expect((await run('--cache', '--cache-location', 'caches/lint.cache')).reused).toBe(2);
    mkdirSync(path.join(dir, 'folder'));
    await run('--cache', '--cache-location', 'folder');
    const inFolder = await run('--cache', '--cache-location', 'folder/');
    expect(inFolder.reused).toBe(2);
    expect(existsSync(path.join(dir, '.odlintcache'))).toBe(false);
  });

  it('is not used with --fix or --online (said on stderr)', async () => {
    const r = await run('--cache', '--fix');
    expect(r.stderr).toMatch(/^odlint: --cache is not used with --fix$/m);
    expect(existsSync(path.join(dir, '.odlintcache'))).toBe(false);
  });
});

describe('--cache and catalogue rules', () => {
  it('a warm run replays each file\'s catalogue summaries: the same catalogue findings', async () => {
    cpSync(path.join(FIXTURES, 'catalogue'), path.join(dir, 'catalogue'), { recursive: true });
    const lintCatalogue = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      await main(['catalogue', '-p', 'france', '-p', 'luxembourg', '-f', 'json', '--verbose', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, isTTY: false, env: {} });
      return { stdout, stderr };
    };
    const plain = await lintCatalogue();
    expect(plain.stdout).toMatch(/"ruleId": "catalogue\//);
    await lintCatalogue('--cache');
    const warm = await lintCatalogue('--cache');
    expect(warm.stderr).toMatch(/ 0 linted/);
    expect(warm.stdout).toBe(plain.stdout);
  });
});

describe('the cache file', () => {
  const unit = (f: string) => ({ kind: 'data-file' as const, index: 0, file: f });
  const open = (cacheFile: string, runKey: unknown, maxBytes?: number, packed?: boolean) => {
    const warnings: string[] = [];
    const cache = new LintCache({ file: cacheFile, strategy: 'metadata', runKey, warn: (m) => warnings.push(m), ...(maxBytes ? { maxBytes } : {}), ...(packed ? { packed } : {}) });
    return { cache, warnings };
  };

  it('holds only the last run\'s units, and nothing from another version or config (run key)', () => {
    const cacheFile = path.join(dir, 'c');
    const [a, b] = [file('data', 'stations.csv'), file('data', 'measurements.csv')];
    const record = (c: LintCache, f: string) => {
      const v = c.consult(unit(f));
      expect(v?.kind).toBe('miss');
      if (v?.kind === 'miss') {
        v.recorder.add({ kind: 'file', seq: [0, 0], report: { file: f, findings: [] } });
        v.recorder.done();
      }
    };
    let { cache } = open(cacheFile, ['0.1.0', 'config A']);
    record(cache, a);
    record(cache, b);
    cache.commit();
    ({ cache } = open(cacheFile, ['0.1.0', 'config A']));
    const hit = cache.consult({ ...unit(a), index: 7 });
    expect(hit).toEqual({ kind: 'hit', events: [{ kind: 'file', seq: [7, 0], report: { file: a, findings: [] } }] });
    cache.commit(); // b was not part of this run: it is gone
    ({ cache } = open(cacheFile, ['0.1.0', 'config A']));
    expect(cache.consult(unit(b))?.kind).toBe('miss');
    expect(cache.consult(unit(a))?.kind).toBe('hit');
    cache.close();
    ({ cache } = open(cacheFile, ['0.2.0', 'config A']));
    expect(cache.consult(unit(a))?.kind).toBe('miss');
    cache.close();
  });

  it('keeps a dataset\'s report as its JSON text: replayed packed for jsonl outputs, parsed for the others', () => {
    const cacheFile = path.join(dir, 'c');
    const a = file('data', 'stations.csv');
    const report = { id: 'stations', title: 'Stations à Liège', source: { format: 'data-file', file: 'pkg/data/stations.csv' }, score: { odlint: { points: 90, max: 100 } }, findings: [{ ruleId: 'data/x', severity: 'warning', messageId: 'm', message: 'é\n"q"', location: { file: 'pkg/data/stations.csv', row: 2 } }] } as unknown as DatasetReport;
    let { cache } = open(cacheFile, 'k');
    const v = cache.consult(unit(a));
    if (v?.kind !== 'miss') throw new Error('expected a miss');
    v.recorder.add({ kind: 'dataset', seq: [0, 0], report });
    v.recorder.add({ kind: 'file', seq: [0, 1], report: { file: 'pkg/data/stations.csv', findings: [] } });
    v.recorder.done();
    cache.commit();
    ({ cache } = open(cacheFile, 'k', undefined, true));
    const tally = { file: 'pkg/data/stations.csv', errors: 0, warnings: 1, infos: 0 };
    expect(cache.consult({ ...unit(a), index: 3 })).toEqual({ kind: 'hit', events: [{ kind: 'packed', seq: [3, 0], json: JSON.stringify(report), tally }, { kind: 'file', seq: [3, 1], report: { file: 'pkg/data/stations.csv', findings: [] } }] });
    cache.close();
    ({ cache } = open(cacheFile, 'k'));
    expect(cache.consult({ ...unit(a), index: 4 })).toEqual({ kind: 'hit', events: [{ kind: 'dataset', seq: [4, 0], report }, { kind: 'file', seq: [4, 1], report: { file: 'pkg/data/stations.csv', findings: [] } }] });
    cache.close();
  });

  it('a cache of the earlier format is a cold start, without a warning', () => {
    const cacheFile = path.join(dir, 'c');
    writeFileSync(cacheFile, `${JSON.stringify({ odlintCache: 1, key: 'old' })}\n`);
    const { cache, warnings } = open(cacheFile, 'k');
    expect(cache.consult(unit(file('data', 'stations.csv')))?.kind).toBe('miss');
    cache.close();
    expect(warnings).toEqual([]);
  });

  it('stops growing at its bound, and says so', () => {
    const cacheFile = path.join(dir, 'c');
    const fill = (maxBytes: number, files: string[]) => {
      const { cache, warnings } = open(cacheFile, 'k', maxBytes);
      for (const f of files) {
        const v = cache.consult(unit(file('data', f)));
        if (v?.kind !== 'miss') throw new Error('expected a miss');
        v.recorder.add({ kind: 'file', seq: [0, 0], report: { file: 'x'.repeat(150), findings: [] } });
        v.recorder.done();
      }
      cache.commit();
      return warnings;
    };
    expect(fill(1 << 20, ['stations.csv'])).toEqual([]);
    const one = statSync(cacheFile).size;
    rmSync(cacheFile);
    const warnings = fill(one + 50, ['stations.csv', 'measurements.csv']);
    expect(statSync(cacheFile).size).toBe(one);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(` is full \\(${one + 50} bytes\\): 1 file\\(s\\) were not cached$`))]);
  });
});

describe('--cache with workers and shards (built CLI)', () => {
  const BIN = path.join(ROOT, 'bin', 'odlint.js');
  const odlint = (args: string[]) => execa('node', [BIN, ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });

  it('a cache written by --jobs 2 serves --jobs 1 and the other way, with the same bytes; a shard keeps its own', { timeout: 300_000 }, async () => {
    generateCatalogue(path.join(dir, 'cat'), 300, { perPage: 30 });
    const base = ['cat', '--no-data', '-f', 'jsonl', '--verbose', '--cache'];
    const plain = await odlint(['cat', '--no-data', '-f', 'jsonl', '--jobs', '1']);
    const cold = await odlint([...base, '--jobs', '2']);
    expect(cold.stderr).toMatch(/0 file\(s\) reused, 10 linted/);
    const warm = await odlint([...base, '--jobs', '1']);
    expect(warm.stderr).toMatch(/10 file\(s\) reused, 0 linted/);
    expect(warm.stdout).toBe(plain.stdout);
    expect(cold.stdout).toBe(plain.stdout);
    const shard = await odlint([...base, '--jobs', '2', '--shard', '2/3']);
    expect(shard.stderr).toMatch(/0 file\(s\) reused, 10 linted/);
    const shardWarm = await odlint([...base, '--jobs', '2', '--shard', '2/3']);
    expect(shardWarm.stderr).toMatch(/10 file\(s\) reused, 0 linted/);
    expect(shardWarm.stdout).toBe(shard.stdout);
    expect(shard.stdout).not.toBe(plain.stdout);
  });
});
