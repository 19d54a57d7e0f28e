import { describe, it, expect, afterEach } from 'vitest';
import { ckanPackages, ckanPortal, startReplay, udataDatasets, udataPortal, type Replay, type Route } from '../helpers/replay-server.js';
import { harvestErrors, lintPortal } from './harvest-helpers.js';
import { startHarvest } from '../../src/harvest/harvest.js';
import { HttpClient, DEFAULT_CLIENT, gotOf, type Fetched } from '../../src/harvest/client.js';
import { AHEAD_BYTES, walk, type Protocol } from '../../src/harvest/walk.js';
import type { HarvestOptions } from '../../src/harvest/types.js';
import { openPortal } from '../../src/engine/remote.js';

/** A harvest alone (no lint): its counts once every page is through. */
async function harvestStats(url: string, options: HarvestOptions) {
  const client = new HttpClient({ ...DEFAULT_CLIENT, backoffMs: 10, retries: 1, maxBytes: 1 << 26, userAgent: 'odlint/test' });
  const { stats, records } = await startHarvest(url, client, options);
  for await (const r of records) void r;
  const { linted: _, ...counts } = stats;
  return counts;
}

// Pages fetched ahead (CKAN by `start`, udata by guessing the `page` after each next link) are
// handed on in order whatever order their answers come in; each test is bounded in time.
let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

/** A route whose answers to the requests matching `slow` come after `delayMs`. */
const delayed = (route: Route, slow: (url: URL) => number | undefined): Route => (url, n) => {
  const answer = route(url, n);
  const delayMs = slow(url);
  return answer && delayMs ? { ...answer, delayMs } : answer;
};

describe('pages fetched ahead', () => {
  it('CKAN: later pages answered first are still linted in page order, each page asked once', { timeout: 30_000 }, async () => {
    const packages = ckanPackages(500);
    // The first pages answer last: the pages after them, asked ahead, arrive before them.
    const slow = { '0': 400, '100': 300, '200': 200 } as Record<string, number>;
    replay = await startReplay(delayed(ckanPortal(packages), (u) => (u.searchParams.get('rows') === '100' ? slow[u.searchParams.get('start') ?? ''] : undefined)));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(packages.map((p) => p.name));
    const pages = replay.requests.filter((r) => r.includes('rows=100'));
    expect([...pages].sort()).toEqual([0, 100, 200, 300, 400, 500].map((s) => `/api/3/action/package_search?sort=id+asc&rows=100&start=${s}`).sort());
    expect(await harvestStats(replay.base, { pageSize: 100 })).toEqual({ url: replay.base, kind: 'ckan', pageSize: 100, announced: 500, harvested: 500, pages: 5, failedPages: 0 });
  });

  it('udata: the pages after each next link are asked ahead, linted in order, none twice', { timeout: 30_000 }, async () => {
    const datasets = udataDatasets(450);
    // Page 2 answers last, after the pages guessed after it.
    replay = await startReplay(delayed(udataPortal(() => replay!.base, datasets), (u) => (u.searchParams.get('page') === '2' ? 400 : undefined)));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(datasets.map((d) => d.id));
    const pages = replay.requests.filter((r) => r.startsWith('/api/1/datasets/'));
    expect(pages[0]).toBe('/api/1/datasets/?page_size=100&page=1');
    expect(pages.slice(1).sort()).toEqual([2, 3, 4, 5].map((p) => `/api/1/datasets/?page=${p}&page_size=100`));
  });

  it('udata: a page asked ahead that fails is a core/harvest-error at its URL; the pages after it are linted', { timeout: 30_000 }, async () => {
    const datasets = udataDatasets(450);
    const portal = udataPortal(() => replay!.base, datasets);
    replay = await startReplay((url, n) => (url.searchParams.get('page') === '3' ? { status: 503, body: 'busy' } : portal(url, n)));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 1 });
    expect(report.datasets.map((d) => d.id)).toEqual([...datasets.slice(0, 200), ...datasets.slice(300)].map((d) => d.id));
    expect(harvestErrors(report)).toEqual([
      { messageId: 'http', file: `${replay.base}/api/1/datasets/?page=3&page_size=100`, message: 'the page could not be harvested: HTTP 503 Service Unavailable after 2 attempt(s); its datasets are not linted' },
    ]);
    expect(replay.requests.filter((r) => r.includes('page=3&'))).toHaveLength(2);
    expect(await harvestStats(replay.base, { pageSize: 100 })).toEqual({ url: replay.base, kind: 'udata', pageSize: 100, announced: 450, harvested: 350, pages: 4, failedPages: 1 });
  });
});

describe('pages fetched ahead are bounded by bytes', () => {
  /** Walks 8 addressable pages of `bytes` each: how many pages had been asked for when each page was handed on. */
  async function askedBeforeEach(bytes: number, perHost = 4): Promise<number[]> {
    let asked = 0;
    const client = {
      options: { ...DEFAULT_CLIENT, perHost, maxBytes: 1 << 30, userAgent: 'odlint/test' },
      get: async (url: string): Promise<Fetched> => {
        asked++;
        return gotOf({ url, finalUrl: url, status: 200, contentType: 'application/json', attempts: 1 }, Buffer.alloc(bytes, 0x20));
      },
    } as unknown as HttpClient;
    const proto: Protocol = { kind: 'ckan', format: 'ckan', accept: 'application/json', first: 'p0', pageSize: 10, announced: 80, pageUrl: (n) => `p${n}`, read: (got) => ({ datasets: Number(got.url.slice(1)) < 8 ? 10 : 0, ids: [got.url] }) };
    const stats = { url: 'p', kind: 'ckan' as const, harvested: 0, pages: 0, failedPages: 0, linted: 0 };
    const seen: number[] = [];
    for await (const r of walk(proto, client, {}, stats)) if (r.kind === 'page') seen.push(asked - r.page - 1);
    return seen;
  }

  it('as many pages as fit in AHEAD_BYTES by the biggest page so far, one before a page is known, at most perHost - 1', async () => {
    // 6 MiB pages: 2 fit in 16 MiB (by count it was perHost - 1 = 3). Near the end, fewer pages are left to ask for.
    expect(AHEAD_BYTES).toBe(16 << 20);
    expect(await askedBeforeEach(6 << 20)).toEqual([1, 2, 2, 2, 2, 2, 1, 0]);
    expect(await askedBeforeEach(1 << 20)).toEqual([1, 3, 3, 3, 3, 2, 1, 0]);
    expect(await askedBeforeEach(20 << 20)).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(await askedBeforeEach(1 << 20, 1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('the run knows the count before the first unit', () => {
  // The pool is sized by the pages expected: a count learnt only on the first page (udata's
  // `total`) or before it (CKAN's `rows=0` probe) is there when the harvest is handed on.
  it('CKAN and udata: pages expected from the count', { timeout: 30_000 }, async () => {
    replay = await startReplay(ckanPortal(ckanPackages(250)));
    const settings = { options: { pageSize: 100 }, client: { retries: 0 }, version: 'test' };
    let run = await openPortal(replay.base, 0, settings, 1 << 26);
    expect([run.stats.announced, run.estimatedUnits]).toEqual([250, 3]);
    for await (const u of run.units) void u;
    await replay.close();
    replay = await startReplay(udataPortal(() => replay!.base, udataDatasets(250)));
    run = await openPortal(replay.base, 0, settings, 1 << 26);
    expect([run.stats.announced, run.estimatedUnits]).toEqual([250, 3]);
    for await (const u of run.units) void u;
  });
});

describe('udata --since', () => {
  /** 250 datasets, dataset i last updated i days before 2024-06-30 (naive UTC times, as udata writes them). */
  const dated = () => udataDatasets(250).map((d, i) => ({ ...d, last_update: new Date(Date.UTC(2024, 5, 30, 12) - i * 86_400_000).toISOString().replace('Z', '') }));

  it('sorts by last_update, newest first, and stops at the first dataset modified before the day', { timeout: 30_000 }, async () => {
    const datasets = dated();
    replay = await startReplay(udataPortal(() => replay!.base, [...datasets].reverse(), { sorts: ['last_update', 'created'] }));
    // 2024-03-01 is 121 days before 2024-06-30: datasets 0–121 (122 of them), in pages 1 and 2.
    const { report } = await lintPortal([replay.base], { pageSize: 100, since: '2024-03-01' });
    expect(report.datasets.map((d) => d.id)).toEqual(datasets.slice(0, 122).map((d) => d.id));
    expect(harvestErrors(report)).toEqual([]);
    const pages = replay.requests.filter((r) => r.startsWith('/api/1/datasets/'));
    expect(pages).toEqual(['/api/1/datasets/?page_size=1&page=1&sort=-last_update', '/api/1/datasets/?page_size=100&page=1&sort=-last_update', '/api/1/datasets/?page=2&page_size=100&sort=-last_update']);
    // udata's total counts every dataset, not those modified since: nothing is announced.
    expect(await harvestStats(replay.base, { pageSize: 100, since: '2024-03-01' })).toEqual({ url: replay.base, kind: 'udata', pageSize: 100, harvested: 122, pages: 2, failedPages: 0 });
  });

  it('an older udata that sorts by last_modified: asked that way after its 400', { timeout: 30_000 }, async () => {
    const datasets = dated().map(({ last_update, ...d }) => ({ ...d, last_modified: last_update }));
    replay = await startReplay(udataPortal(() => replay!.base, datasets, { sorts: ['last_modified'] }));
    const { report } = await lintPortal([`${replay.base}/api/1/datasets/`], { pageSize: 100, since: '2024-06-21' });
    expect(report.datasets.map((d) => d.id)).toEqual(datasets.slice(0, 10).map((d) => d.id));
    expect(harvestErrors(report)).toEqual([]);
    expect(replay.requests.filter((r) => r.startsWith('/api/1/datasets/'))).toEqual([
      '/api/1/datasets/?page_size=1&page=1&sort=-last_update',
      '/api/1/datasets/?page_size=1&page=1&sort=-last_modified',
      '/api/1/datasets/?page_size=100&page=1&sort=-last_modified',
    ]);
  });

  it('nothing modified since the day: no page, no finding', { timeout: 30_000 }, async () => {
    replay = await startReplay(udataPortal(() => replay!.base, dated(), { sorts: ['last_update'] }));
    const { report } = await lintPortal([replay.base], { pageSize: 100, since: '2025-01-01' });
    expect(report.datasets).toEqual([]);
    expect(report.files.flatMap((f) => f.findings)).toEqual([]);
    expect(await harvestStats(replay.base, { pageSize: 100, since: '2025-01-01' })).toEqual({ url: replay.base, kind: 'udata', pageSize: 100, harvested: 0, pages: 0, failedPages: 0 });
  });
});
