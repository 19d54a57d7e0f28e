import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { loadDescriptor } from '../../src/loaders/index.js';
import type { Report } from '../../src/model/index.js';
import { everything, plain, resolved } from '../helpers/streamed.js';
import { CORPUS, FIXTURES, ROOT } from '../helpers/lint.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue, templates } from '../../bench/catalogue.mjs';

/**
 * Big descriptor files read record by record (issue 11): whatever the batch size, a file read
 * as a stream gives the datasets, issues and line/column positions of the same file read whole.
 */
const SHAPES = [
  path.join(CORPUS, 'ckan', 'frictionless-py__dadosgovbr_package_search_rows2.json'), // package_search page
  ...readdirSync(path.join(CORPUS, 'dcat-us'))
    .filter((f) => f.endsWith('.data.json') || f === 'pod__catalog-sample.json')
    .map((f) => path.join(CORPUS, 'dcat-us', f)), // DCAT-US catalogs
  path.join(CORPUS, 'udata', 'udata__results.json'), // udata page
  path.join(FIXTURES, 'ckan', 'shapes', 'open-canada.jsonl'), // JSON Lines export
];

describe('streamed descriptors', () => {
  for (const file of SHAPES) {
    it(`${path.basename(file)}: the same datasets, issues and positions as read whole, in batches of any size`, async () => {
      const whole = await everything(await loadDescriptor(file));
      expect(whole.datasets?.length).toBeGreaterThan(0);
      for (const batch of [1, 3000, 1 << 22]) {
        const streamed = await everything(await loadDescriptor(file, undefined, { streamFrom: 0, streamBatchChars: batch }));
        expect(streamed.format).toBe(whole.format);
        expect(plain(streamed.datasets)).toEqual(plain(whole.datasets));
        expect(plain(streamed.issues)).toEqual(plain(whole.issues));
        expect(streamed.datasets!.map(resolved)).toEqual(whole.datasets!.map(resolved));
      }
    });
  }

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odlint-stream-json-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a broken record is a finding at its line and column; the records around it load', async () => {
    const file = path.join(dir, 'page.json');
    writeFileSync(file, '{"help": "https://demo.ckan.org/api/3/action/help_show?name=package_search", "success": true,\n "result": {"count": 3, "results": [\n  {"name": "a", "license_id": "cc-by", "notes": "x"},\n  {"name": "b", "license_id": cc-by},\n  {"name": "c", "license_id": "cc-by", "notes": "y"}\n]}}\n');
    const r = await everything(await loadDescriptor(file, undefined, { streamFrom: 0 }));
    expect(r.datasets!.map((d) => d.at.pointer)).toEqual(['/result/results/0', '/result/results/2']);
    expect(r.issues!.map((i) => [i.ruleId, i.location.line, i.location.column])).toEqual([['core/parse-error', 4, 31]]);
  });

  it('a missing comma between records ends the stream with a finding there', async () => {
    const file = path.join(dir, 'page.json');
    writeFileSync(file, '[\n {"name": "a", "license_id": "cc-by", "num_resources": 0}\n {"name": "b", "license_id": "cc-by", "num_resources": 0}\n]\n');
    const r = await everything(await loadDescriptor(file, undefined, { streamFrom: 0 }));
    expect(r.datasets!.map((d) => d.at.pointer)).toEqual(['/0']);
    expect(r.issues!.map((i) => [i.ruleId, i.data?.message, i.location.line, i.location.column])).toEqual([['core/parse-error', "invalid JSON: ',' expected", 3, 2]]);
  });
});

describe('records loaded one by one', () => {
  /** Every JSON descriptor of the corpus's CKAN, udata and DCAT-US folders. */
  const files = ['ckan', 'udata', 'dcat-us'].flatMap((dir) =>
    readdirSync(path.join(CORPUS, dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(CORPUS, dir, f)),
  );

  it('give the datasets, issues and positions of the whole load, counted up front', async () => {
    const counted = new Set<string>();
    for (const file of files) {
      const whole = await everything(await loadDescriptor(file));
      const outcome = await loadDescriptor(file, undefined, { oneByOne: true });
      const single = await everything(outcome);
      expect(single.format, file).toBe(whole.format);
      if (outcome.kind !== 'loaded' || !whole.datasets) continue;
      expect(plain(single.datasets), file).toEqual(plain(whole.datasets));
      expect(plain(single.issues), file).toEqual(plain(whole.issues));
      expect(single.datasets!.map(resolved), file).toEqual(whole.datasets.map(resolved));
      if (outcome.count === undefined) continue;
      // Nothing is loaded before it is asked for; the count is what the records give.
      expect(outcome.datasets, file).toEqual([]);
      expect(outcome.count, file).toBe(whole.datasets.length);
      counted.add(outcome.format);
    }
    expect([...counted].sort()).toEqual(['ckan', 'dcat-us', 'udata']);
  });
});

describe('a big package_search dump in a small heap (built CLI)', () => {
  it('streams 5,000 packages (one 37 MB file, which read whole does not fit) through a 96 MB heap, with the findings of the same packages in pages', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odlint-big-json-'));
    try {
      expect(templates().length).toBeGreaterThan(5);
      generateCatalogue(path.join(dir, 'big'), 5000, { perPage: 5000 });
      generateCatalogue(path.join(dir, 'pages'), 5000, { perPage: 250 });
      const odlint = (args: string[], node: string[] = []) => execa('node', [...node, path.join(ROOT, 'bin', 'odlint.js'), ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
      const streamed = await odlint(['big', '--no-data', '--jobs', '1', '-f', 'json', '-o', 'streamed.json'], ['--max-old-space-size=96']);
      expect(streamed.exitCode, streamed.stderr).toBe(1);
      const paged = await odlint(['pages', '--no-data', '--jobs', '1', '-f', 'json', '-o', 'pages.json']);
      expect(paged.exitCode, paged.stderr).toBe(1);
      const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Report;
      const [big, pages] = [read('streamed.json'), read('pages.json')];
      expect(big.datasets).toHaveLength(5000);
      expect(big.files).toEqual([]);
      expect(big.datasets[4999]!.source.pointer).toBe('/result/results/4999');
      const gist = (r: Report) => r.datasets.map((d) => [d.id, d.score, d.findings.map((f) => [f.ruleId, f.messageId, f.message, f.location.pointer?.replace(/^\/result\/results\/\d+/, '')])]);
      expect(gist(big)).toEqual(gist(pages));
      // The page is one line: the last package's findings point at columns near the end of the file.
      const last = big.datasets[4999]!.findings.find((f) => f.location.pointer?.startsWith('/result/results/4999/'));
      expect(last?.location.line).toBe(1);
      expect(last?.location.column).toBeGreaterThan(36_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
