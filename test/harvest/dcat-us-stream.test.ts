import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture, startReplay, type Replay } from '../helpers/replay-server.js';
import { harvestErrors, lintPortal, lintFiles } from './harvest-helpers.js';
import { startHarvest } from '../../src/harvest/harvest.js';
import { HttpClient, DEFAULT_CLIENT } from '../../src/harvest/client.js';
import { SnapshotWriter } from '../../src/harvest/snapshot.js';
import { openPortal } from '../../src/engine/remote.js';
import { AUTO_POOL_UNITS } from '../../src/pipeline/run.js';
import { main } from '../../src/cli/index.js';
import type { Report } from '../../src/model/index.js';

// A DCAT-US data.json is harvested as it downloads, cut into parts between records; every test
// compares with the same document linted as a local file, which must give the same findings at
// the same places (line, column, /dataset/<n>). 127.0.0.1 only; each test bounded in time.
let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

/** A POD catalogue of n datasets: the corpus's real usda.gov datasets in turn, each its own identifier and title; pretty-printed (many lines). */
function catalogue(n: number): { text: string; titles: string[] } {
  const doc = JSON.parse(fixture('corpus', 'dcat-us', 'ckanext-datajson__usda.gov.data.json')) as { dataset: Record<string, unknown>[] } & Record<string, unknown>;
  const dataset = Array.from({ length: n }, (_, i) => ({ ...doc.dataset[i % doc.dataset.length], identifier: `usda-${i}`, title: `Dataset ${i}` }));
  return { text: JSON.stringify({ ...doc, dataset }, null, 2), titles: dataset.map((d) => d.title) };
}

/** What must agree between two reports of the same document: each dataset's findings, with their places. */
const places = (r: Report) => r.datasets.map((d) => ({ title: d.title, pointer: d.source.pointer, findings: d.findings.map((f) => [f.ruleId, f.messageId, f.location.pointer, f.location.line, f.location.column]) }));

const served = (text: string, extra: Record<string, unknown> = {}) => (url: URL) => (url.pathname === '/data.json' ? { body: text, ...extra } : undefined);

describe('a DCAT-US data.json harvested as it downloads', () => {
  it('in parts of --page-size datasets: every dataset once, in order, at its place in the document', { timeout: 60_000 }, async () => {
    const { text, titles } = catalogue(450);
    replay = await startReplay(served(text));
    const { report } = await lintPortal([`${replay.base}/data.json`], { pageSize: 100 });
    expect(report.datasets.map((d) => d.title)).toEqual(titles);
    expect(report.datasets.map((d) => d.source.pointer)).toEqual(titles.map((_, i) => `/dataset/${i}`));
    expect(report.datasets.every((d) => d.source.format === 'dcat-us' && d.source.file === `${replay!.base}/data.json`)).toBe(true);
    expect(harvestErrors(report)).toEqual([]);
    expect(replay.requests).toEqual(['/data.json']);
    // The same document as a local file: the same findings at the same lines and columns.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-dcat-us-'));
    writeFileSync(path.join(dir, 'data.json'), text);
    const local = await lintFiles([path.join(dir, 'data.json')]);
    expect(places(report)).toEqual(places(local));
    expect(places(report).some((d) => d.findings.some((f) => typeof f[3] === 'number' && f[3] > 1000))).toBe(true);
  });

  it('the parts put end to end are the document; the snapshot lints offline to the same report', { timeout: 60_000 }, async () => {
    const { text } = catalogue(250);
    replay = await startReplay(served(text));
    const client = new HttpClient({ ...DEFAULT_CLIENT, maxBytes: 1 << 26, userAgent: 'odlint/test' });
    const { stats, records } = await startHarvest(`${replay.base}/data.json`, client, { pageSize: 100 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-dcat-us-'));
    const file = path.join(dir, 'snap.jsonl');
    const writer = new SnapshotWriter(file, { odlintSnapshot: 1, url: `${replay.base}/data.json`, kind: stats.kind, startedAt: '', tool: 'odlint test', options: { pageSize: 100 } });
    for await (const r of records) writer.record(r, stats.announced);
    writer.finish(stats);
    expect(stats).toMatchObject({ kind: 'dcat-us', announced: 250, harvested: 250, pages: 3, failedPages: 0 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { body?: string; datasets?: number; part?: { first: number; end: boolean } });
    const pages = lines.slice(1, -1);
    expect(pages.map((p) => [p.datasets, p.part?.first, p.part?.end])).toEqual([[100, 0, false], [100, 100, false], [50, 200, true]]);
    expect(pages.map((p) => p.body).join('')).toBe(text);
    const live = await lintPortal([`${replay.base}/data.json`], { pageSize: 100 });
    const offline = await lintFiles([file]);
    expect(places(offline)).toEqual(places(live.report));
  });

  it('a download without a Content-Length that goes on past its head is linted on the worker pool', { timeout: 60_000 }, async () => {
    const { text } = catalogue(450);
    expect(text.length).toBeGreaterThan(1 << 20);
    replay = await startReplay(served(text, { chunked: true }));
    const settings = { options: { pageSize: 100 }, client: {}, version: 'test' };
    const chunked = await openPortal(`${replay.base}/data.json`, 0, settings, 1 << 26);
    // As many units as make a run without --jobs use its workers (and --jobs 2 more than one).
    expect(chunked.estimatedUnits).toBe(AUTO_POOL_UNITS);
    for await (const unit of chunked.units) expect(unit.kind).toBe('fetched');
    expect(chunked.stats).toMatchObject({ announced: 450, harvested: 450, pages: 5 });
    // With its length, the parts expected are counted from it (about 2 KB a dataset).
    await replay.close();
    replay = await startReplay(served(text));
    const sized = await openPortal(`${replay.base}/data.json`, 0, settings, 1 << 26);
    expect(sized.estimatedUnits).toBe(Math.ceil(Buffer.byteLength(text) / (100 * 2048)));
    for await (const unit of sized.units) void unit;
  });

  it('--max-datasets: the download stops after that many datasets', { timeout: 60_000 }, async () => {
    const { text, titles } = catalogue(450);
    replay = await startReplay(served(text));
    const { report } = await lintPortal([`${replay.base}/data.json`], { pageSize: 100, maxDatasets: 150 });
    expect(report.datasets.map((d) => d.title)).toEqual(titles.slice(0, 150));
    expect(harvestErrors(report)).toEqual([]);
  });

  it('a download cut off: the datasets that came whole are linted, the rest is a core/harvest-error', { timeout: 60_000 }, async () => {
    const { text, titles } = catalogue(450);
    // Cut in the middle of dataset 300's text.
    const cutAt = text.indexOf('"Dataset 300"');
    replay = await startReplay(served(text, { cutAt }));
    const { report } = await lintPortal([`${replay.base}/data.json`], { pageSize: 100 }, { retries: 0 });
    expect(report.datasets.map((d) => d.title)).toEqual(titles.slice(0, 300));
    const [error, ...others] = harvestErrors(report);
    expect(others).toEqual([]);
    expect(error).toMatchObject({ messageId: 'network', file: `${replay.base}/data.json` });
    expect(error!.message).toMatch(/^the page could not be harvested: the answer was cut off after \d+ bytes/);
  });

  it('a list that breaks (a missing comma): the datasets before it are linted, the break is a parse error at its place', { timeout: 60_000 }, async () => {
    const { text, titles } = catalogue(250);
    // Dataset 180 loses the comma before it.
    const brace = text.lastIndexOf('\n    {', text.indexOf('"title": "Dataset 180"')) + 5;
    const comma = text.lastIndexOf(',', brace);
    const broken = text.slice(0, comma) + text.slice(comma + 1);
    replay = await startReplay(served(broken));
    const { report } = await lintPortal([`${replay.base}/data.json`], { pageSize: 100 });
    expect(report.datasets.map((d) => d.title)).toEqual(titles.slice(0, 180));
    const at = brace - 1;
    const line = broken.slice(0, at).split('\n').length;
    const column = at - broken.lastIndexOf('\n', at - 1);
    expect(report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'core/parse-error').map((x) => [x.messageId, x.location.file, x.location.line, x.location.column]))).toEqual([['syntax', `${replay.base}/data.json`, line, column]]);
  });
});

describe('a DCAT-US data.json harvest resumed from a partial snapshot', () => {
  const io = (cwd: string, err: string[]) => ({ stdout: () => undefined, stderr: (t: string) => void err.push(t), cwd, isTTY: false, env: { NO_COLOR: '1', CI: '1' } });
  /** Harvests the data.json into `name` in `dir`; returns what it said. */
  const harvest = async (dir: string, name: string) => {
    const err: string[] = [];
    const code = await main(['harvest', `${replay!.base}/data.json`, '--page-size', '100', '-o', name, '--no-progress'], io(dir, err));
    return { code, stderr: err.join('') };
  };
  /** A partial snapshot as a harvest killed while writing part 3 leaves it: header, parts 1 and 2, part 3 cut. */
  const halve = (dir: string, from: string, to: string) => {
    const lines = readFileSync(path.join(dir, from), 'utf8').split('\n');
    writeFileSync(path.join(dir, `${to}.partial`), `${lines[0]}\n${lines[1]}\n${lines[2]}\n${lines[3]!.slice(0, 9000)}`);
  };

  for (const ranges of [true, false]) {
    it(`goes on ${ranges ? 'from a byte range after the last part' : 'after the last part of the whole document asked again (no ranges)'}: the same snapshot, the same report`, { timeout: 60_000 }, async () => {
      const { text, titles } = catalogue(450);
      // (Without ranges, with a BOM: the bytes before the cut are the BOM and the parts.)
      replay = await startReplay(served(ranges ? text : `\uFEFF${text}`, { ranges }));
      const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-dcat-us-'));
      expect((await harvest(dir, 'full.jsonl')).code).toBe(0);
      halve(dir, 'full.jsonl', 'half.jsonl');
      const before = replay.ranges.length;
      const resumed = await harvest(dir, 'half.jsonl');
      expect(resumed.stderr).toBe(`odlint: resuming half.jsonl.partial at page 3 (200 datasets already harvested)\nodlint: 450 datasets of 450 announced harvested from ${replay.base}/data.json (dcat-us) in 5 pages, 0 failed; snapshot written to half.jsonl\n`);
      // One request: from 4 KiB before the cut, or the whole again.
      const cut = Buffer.byteLength(readFileSync(path.join(dir, 'full.jsonl'), 'utf8').split('\n').slice(1, 3).map((l) => (JSON.parse(l) as { body: string }).body).join(''));
      expect(replay.ranges.slice(before)).toEqual([`bytes=${cut - 4096}-`]);
      // Bodies, counts and parts the same as the harvest never interrupted (fetch times aside).
      const records = (f: string) => readFileSync(path.join(dir, f), 'utf8').trimEnd().split('\n').slice(1).map((l) => ({ ...(JSON.parse(l) as Record<string, unknown>), fetchedAt: undefined, finishedAt: undefined }));
      expect(records('half.jsonl')).toEqual(records('full.jsonl'));
      const a = await lintFiles([path.join(dir, 'full.jsonl')]);
      const b = await lintFiles([path.join(dir, 'half.jsonl')]);
      expect(b.datasets.map((d) => d.title)).toEqual(titles);
      expect(places(b)).toEqual(places(a));
      expect(b.summary.harvest).toEqual(a.summary.harvest);
    });
  }

  it('a document that changed since: the harvest starts afresh', { timeout: 60_000 }, async () => {
    const { text } = catalogue(450);
    let current = text;
    replay = await startReplay((url) => (url.pathname === '/data.json' ? { body: current, ranges: true } : undefined));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-dcat-us-'));
    await harvest(dir, 'full.jsonl');
    halve(dir, 'full.jsonl', 'half.jsonl');
    const changed = text.replace('"Dataset 150"', '"Dataset 150 (renamed)"');
    current = changed;
    const resumed = await harvest(dir, 'half.jsonl');
    expect(resumed.stderr).toMatch(new RegExp(`^odlint: resuming half\\.jsonl\\.partial at page 3 \\(200 datasets already harvested\\)\\nodlint: ${replay.base.replace(/\./g, '\\.')}/data\\.json cannot be downloaded on from where the snapshot stops: it changed since the snapshot was started: starting afresh\\n`));
    const bodies = readFileSync(path.join(dir, 'half.jsonl'), 'utf8').trimEnd().split('\n').slice(1, -1).map((l) => (JSON.parse(l) as { body: string }).body);
    expect(bodies.join('')).toBe(changed);
  });
});
