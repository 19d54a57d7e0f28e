import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execa } from 'execa';
import { ROOT } from '../helpers/lint.js';
import { ckanPackages, ckanPortal, startReplay, type Replay } from '../helpers/replay-server.js';
import type { Report } from '../../src/model/index.js';

// The command line end to end against a replay server on 127.0.0.1 (the only network touched).
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], cwd = ROOT) => execa('node', [BIN, ...args], { cwd, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1', CI: '1' } });
const PACKAGES = ckanPackages(300);
let replay: Replay;
let dir: string;

beforeAll(async () => {
  replay = await startReplay(ckanPortal(PACKAGES, { count: 300 }));
  dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-harvest-'));
});
afterAll(() => replay.close());

/** A report without what differs between runs that should agree. */
const essence = (r: Report) => ({ datasets: r.datasets, files: r.files, harvest: r.summary.harvest });

describe('odlint <portal> --online and odlint harvest', { timeout: 120_000 }, () => {
  it('fetches nothing without --online (exit 2)', async () => {
    const before = replay.requests.length;
    const r = await odlint([replay.base, '--page-size', '100']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`odlint: ${replay.base} is a URL: odlint makes no network request without --online\n`);
    expect(replay.requests.length).toBe(before);
  });

  it('lints a portal live; the summary says what it announced and what was linted', async () => {
    const r = await odlint([replay.base, '--online', '--no-url-checks', '--page-size', '100', '-f', 'json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.datasets.map((d) => d.id)).toEqual(PACKAGES.map((p) => p.name));
    expect(report.summary.harvest).toEqual([{ url: replay.base, kind: 'ckan', announced: 300, harvested: 300, linted: 300, pages: 3, failedPages: 0 }]);
    const stylish = await odlint([replay.base, '--online', '--no-url-checks', '--page-size', '100', '--max-datasets', '20', '-f', 'stylish']);
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toBe(`${replay.base} (ckan): 300 datasets announced, 20 linted`);
  });

  it('saves a snapshot that lints offline to the same report, locations at the portal', async () => {
    const live = await odlint([replay.base, '--online', '--no-url-checks', '--page-size', '100', '-f', 'json']);
    const h = await odlint(['harvest', replay.base, '--page-size', '100', '-o', 'snap.jsonl'], dir);
    expect(h.exitCode).toBe(0);
    expect(h.stderr).toBe(`odlint: 300 datasets of 300 announced harvested from ${replay.base} (ckan) in 3 pages, 0 failed; snapshot written to snap.jsonl\n`);
    const lines = readFileSync(path.join(dir, 'snap.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ odlintSnapshot: 1, url: replay.base, kind: 'ckan', options: { pageSize: 100 } });
    expect(lines.slice(1, -1).map((l) => [l.page, l.url, l.datasets])).toEqual([0, 1, 2].map((p) => [p, `${replay.base}/api/3/action/package_search?sort=id+asc&rows=100&start=${p * 100}`, 100]));
    expect(lines.at(-1)).toMatchObject({ end: true, announced: 300, harvested: 300, pages: 3, failedPages: 0 });
    expect(existsSync(path.join(dir, 'snap.jsonl.partial'))).toBe(false);

    const before = replay.requests.length;
    const offline = await odlint([path.join(dir, 'snap.jsonl'), '-f', 'json']);
    expect(replay.requests.length).toBe(before);
    expect(essence(JSON.parse(offline.stdout) as Report)).toEqual(essence(JSON.parse(live.stdout) as Report));
  });

  it('resumes a harvest from a half snapshot and yields the same report', async () => {
    await odlint(['harvest', replay.base, '--page-size', '100', '-o', 'full.jsonl'], dir);
    const whole = readFileSync(path.join(dir, 'full.jsonl'), 'utf8');
    const lines = whole.split('\n');
    // Header, page 0, and page 1 cut in the middle (the harvest was killed while writing it).
    writeFileSync(path.join(dir, 'half.jsonl.partial'), `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 5000)}`);
    const before = replay.requests.length;
    const h = await odlint(['harvest', replay.base, '--page-size', '100', '-o', 'half.jsonl'], dir);
    expect(h.exitCode).toBe(0);
    expect(h.stderr).toMatch(/^odlint: resuming half\.jsonl\.partial at page 2 \(100 datasets already harvested\)\n/);
    // Pages 1 and 2 only, and the check that nothing follows a full last page (besides detection and count).
    expect(replay.requests.slice(before).filter((r) => r.includes('rows=100')).sort()).toEqual([100, 200, 300].map((s) => `/api/3/action/package_search?sort=id+asc&rows=100&start=${s}`));
    const a = await odlint([path.join(dir, 'full.jsonl'), '-f', 'json']);
    const b = await odlint([path.join(dir, 'half.jsonl'), '-f', 'json']);
    expect(essence(JSON.parse(b.stdout) as Report)).toEqual(essence(JSON.parse(a.stdout) as Report));
  });

  it('--shard k/n harvests whole pages; the merged parts are the single run', async () => {
    const single = await odlint([replay.base, '--online', '--no-url-checks', '--page-size', '50', '-f', 'json']);
    const parts = [];
    for (const k of [1, 2, 3]) {
      const before = replay.requests.length;
      const r = await odlint([replay.base, '--online', '--no-url-checks', '--page-size', '50', '--shard', `${k}/3`, '-f', 'jsonl', '-o', path.join(dir, `part-${k}.jsonl`)]);
      expect(r.exitCode).toBe(1);
      // Its own pages only, up to its first empty one (page 0 is asked by every shard for the count).
      const pages = replay.requests.slice(before).filter((q) => q.includes('rows=50')).map((q) => Number(/start=(\d+)/.exec(q)![1]) / 50);
      expect(pages.filter((p) => p !== 0).sort()).toEqual({ 1: [3, 6], 2: [1, 4, 7], 3: [2, 5, 8] }[k]);
      parts.push(path.join(dir, `part-${k}.jsonl`));
    }
    const merged = await odlint(['merge-reports', ...parts, '-f', 'json']);
    expect((JSON.parse(merged.stdout) as Report).datasets).toEqual((JSON.parse(single.stdout) as Report).datasets);
  });
});
