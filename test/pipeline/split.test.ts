import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import type { Report } from '../../src/model/index.js';
import { ROOT } from '../helpers/lint.js';
import { brokenLists, ckanFiles, dcatUsFile, invalidUtf8File, SMALL_PARTS } from '../helpers/big-files.js';

/**
 * Big single files split over the workers (src/pipeline/split.ts), through the built CLI with
 * sizes that cut small generated files into many parts: `--jobs 3` writes the bytes of
 * `--jobs 1` (each file read as one stream in one thread) — every dataset, its id and
 * line/column, each file's own findings once after its datasets, the inventory, shards, the cache.
 */
describe('big files on all the workers (built CLI)', () => {
  // A DCAT-US data.json (a broken record, an unnamed dataset, a record longer than a part), the
  // same with its list unclosed, with a comma missing, with a byte that is not UTF-8; a CKAN
  // package_search dump on one line; the same packages as JSON Lines.
  let dir: string;
  let inputs: string[];
  let broken: { line: number; column: number };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odlint-split-'));
    const us = dcatUsFile(path.join(dir, 'us'));
    broken = us.broken;
    const { unclosed, comma } = brokenLists(path.join(dir, 'lists'));
    const { dump, lines } = ckanFiles(path.join(dir, 'ckan'));
    const invalid = invalidUtf8File(path.join(dir, 'invalid'));
    inputs = [us.file, unclosed, comma, dump, lines, invalid].map((f) => path.relative(dir, f));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const odlint = async (args: string[]) => {
    const r = await execa('node', [path.join(ROOT, 'bin', 'odlint.js'), '--no-data', ...inputs, ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1', ...SMALL_PARTS } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    return r.stdout;
  };

  it('--jobs 3 writes the bytes of --jobs 1: json, jsonl, a shard, a warm cache', { timeout: 300_000 }, async () => {
    for (const args of [['-f', 'json'], ['-f', 'jsonl', '--shard', '2/3']]) expect(await odlint([...args, '--jobs', '3'])).toBe(await odlint([...args, '--jobs', '1']));
    const one = await odlint(['-f', 'jsonl', '--jobs', '1']);
    const cache = ['--cache', '--cache-location', path.join(dir, 'cache') + path.sep];
    expect(await odlint(['-f', 'jsonl', '--jobs', '3', ...cache])).toBe(one);
    expect(await odlint(['-f', 'jsonl', '--jobs', '3', ...cache])).toBe(one);

    const report = JSON.parse(await odlint(['-f', 'json', '--jobs', '3'])) as Report;
    // One inventory entry per file, each with all its datasets; each file's own findings once.
    expect(report.summary.inventory?.loaded).toMatchObject({ files: 6, datasets: 299 + 249 + 240 + 300 + 297 + 299 });
    expect(report.files.map((f) => f.file)).toEqual(['us/data.json', 'lists/unclosed.json', 'lists/comma.json', 'ckan/export.jsonl', 'invalid/data.json']);
    const [us, unclosed, comma] = report.files;
    expect(us!.findings.filter((f) => f.ruleId === 'core/parse-error').map((f) => [f.location.line, f.location.column])).toEqual([[broken.line, broken.column]]);
    expect(unclosed!.findings.at(-1)!.message).toBe('invalid JSON: the list of records is not closed');
    expect(comma!.findings.at(-1)!.message).toBe("invalid JSON: ',' expected");
    // A dataset without an id is named by its place in its file, counted over the parts.
    expect(report.datasets.filter((d) => /#\d+$/.test(d.id)).map((d) => d.id)).toEqual(['us/data.json#149', 'lists/unclosed.json#149', 'lists/comma.json#149', 'ckan/export.jsonl#117', 'invalid/data.json#149']);
  });
});
