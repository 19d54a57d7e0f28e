import { describe, it, expect, afterEach } from 'vitest';
import { ckanPackages, ckanPortal, startReplay, udataDatasets, udataPortal, type Answer, type Replay, type Route } from '../helpers/replay-server.js';
import { harvestErrors, lintPortal } from './harvest-helpers.js';

// Each fault is injected into a real-shaped portal on 127.0.0.1; every test is bounded in time
// (vitest's timeout) and asserts the exact datasets linted and the findings.
let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

const PACKAGES = ckanPackages(300);
const names = (from: number, to: number) => PACKAGES.slice(from, to).map((p) => p.name);
const page = (start: number) => `/api/3/action/package_search?sort=id+asc&rows=100&start=${start}`;

/** The CKAN portal with a fault on the page starting at `start`, for its first `times` requests (Infinity: always). */
function faulty(start: number, fault: Answer, times = Infinity, portal: Route = ckanPortal(PACKAGES)): Route {
  let served = 0;
  return (url, n) => {
    if (url.pathname + url.search === page(start) && served++ < times) return fault;
    return portal(url, n);
  };
}

describe('harvest faults', () => {
  it('429 with Retry-After: waits what the portal asks, then gets the page', { timeout: 30_000 }, async () => {
    replay = await startReplay(faulty(100, { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' }, 1));
    const { report, waits } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 300));
    expect(harvestErrors(report)).toEqual([]);
    expect(waits).toEqual([7000]);
    expect(replay.requests.filter((r) => r === page(100))).toHaveLength(2);
  });

  it('a burst of 503 shorter than the retries: backs off exponentially and gets the page', { timeout: 30_000 }, async () => {
    replay = await startReplay(faulty(200, { status: 503, body: 'busy' }, 3));
    const { report, waits } = await lintPortal([replay.base], { pageSize: 100 }, { backoffMs: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 300));
    expect(waits).toHaveLength(3);
    // 100, 200, 400 ms, each within ±25 % jitter.
    waits.forEach((w, i) => expect(w / (100 * 2 ** i)).toBeGreaterThanOrEqual(0.75));
    waits.forEach((w, i) => expect(w / (100 * 2 ** i)).toBeLessThanOrEqual(1.25));
  });

  it('a 503 that outlasts the retries: a finding with the URL and status, the other pages linted', { timeout: 30_000 }, async () => {
    replay = await startReplay(faulty(100, { status: 503, body: 'busy' }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 2 });
    expect(report.datasets.map((d) => d.id)).toEqual([...names(0, 100), ...names(200, 300)]);
    expect(harvestErrors(report)).toEqual([
      { messageId: 'http', file: replay.base + page(100), message: 'the page could not be harvested: HTTP 503 Service Unavailable after 3 attempt(s); its datasets are not linted' },
    ]);
    expect(replay.requests.filter((r) => r === page(100))).toHaveLength(3);
  });

  it('a page slower than the timeout: retried, then a finding; the run goes on', { timeout: 30_000 }, async () => {
    replay = await startReplay(faulty(200, { delayMs: 10_000, body: '{}' }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { timeoutMs: 300, retries: 1 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 200));
    expect(harvestErrors(report)).toEqual([{ messageId: 'network', file: replay.base + page(200), message: 'the page could not be harvested: no answer within 0.3 s after 2 attempt(s); its datasets are not linted' }]);
  });

  it('a body cut off once is asked again; cut off every time, it is a finding', { timeout: 30_000 }, async () => {
    const whole = String(ckanPortal(PACKAGES)(new URL('http://x' + page(100)), 0)!.body);
    replay = await startReplay(faulty(100, { body: whole, cutAt: 1000 }, 1));
    let { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 300));
    expect(harvestErrors(report)).toEqual([]);
    await replay.close();

    replay = await startReplay(faulty(100, { body: whole, cutAt: 1000 }));
    ({ report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 1 }));
    expect(report.datasets.map((d) => d.id)).toEqual([...names(0, 100), ...names(200, 300)]);
    const [error] = harvestErrors(report);
    expect(error).toMatchObject({ messageId: 'network', file: replay.base + page(100) });
    expect(error!.message).toMatch(/^the page could not be harvested: the answer was cut off after \d+ bytes/);
  });

  it('an HTML page instead of JSON: a finding, not retried, the run goes on', { timeout: 30_000 }, async () => {
    replay = await startReplay(faulty(0, { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>Maintenance</body></html>' }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(100, 300));
    expect(harvestErrors(report)).toEqual([{ messageId: 'notData', file: replay.base + page(0), message: 'the page is not JSON but an HTML page: its datasets are not linted' }]);
    expect(replay.requests.filter((r) => r === page(0))).toHaveLength(1);
  });

  it('a count that lies high: paging stops at the short page, and the report says so', { timeout: 30_000 }, async () => {
    replay = await startReplay(ckanPortal(PACKAGES, { count: 1000 }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 300));
    expect(harvestErrors(report)).toEqual([{ messageId: 'countMismatch', file: replay.base + page(0), message: 'the portal announced 1000 datasets but its pages held 300' }]);
  });

  it('a count that lies low: paging goes on while pages are full', { timeout: 30_000 }, async () => {
    replay = await startReplay(ckanPortal(PACKAGES, { count: 120 }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 300));
    expect(harvestErrors(report)).toEqual([{ messageId: 'countMismatch', file: replay.base + page(0), message: 'the portal announced 120 datasets but its pages held 300' }]);
  });

  it('a portal that ignores start (the same page again): a loop, detected', { timeout: 30_000 }, async () => {
    const portal = ckanPortal(PACKAGES);
    replay = await startReplay((url, n) => {
      if (url.pathname === '/api/3/action/package_search' && url.searchParams.get('rows') !== '0') url.searchParams.set('start', '0');
      return portal(url, n);
    });
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(names(0, 100));
    expect(harvestErrors(report).map((e) => e.messageId)).toEqual(['loop', 'countMismatch']);
    expect(harvestErrors(report)[0]).toEqual({ messageId: 'loop', file: replay.base + page(100), message: 'the paging loops (its datasets were all harvested before): the harvest stopped here' });
  });

  it('an infinite next_page loop (udata): detected, each page linted once', { timeout: 30_000 }, async () => {
    const datasets = udataDatasets(250);
    // Page 3 links back to page 2.
    replay = await startReplay(udataPortal(() => replay!.base, datasets, { next: (p, size) => `${replay!.base}/api/1/datasets/?page=${p === 3 ? 2 : p + 1}&page_size=${size}` }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(datasets.map((d) => d.id));
    expect(harvestErrors(report)).toEqual([
      { messageId: 'loop', file: `${replay.base}/api/1/datasets/?page=3&page_size=100`, message: `the paging loops (its next page ${replay.base}/api/1/datasets/?page=2&page_size=100 was harvested before): the harvest stopped here` },
    ]);
  });

  it('a udata page that fails is skipped by its page number', { timeout: 30_000 }, async () => {
    const datasets = udataDatasets(250);
    const portal = udataPortal(() => replay!.base, datasets);
    replay = await startReplay((url, n) => (url.searchParams.get('page') === '2' ? { status: 500, body: 'boom' } : portal(url, n)));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 0 });
    expect(report.datasets.map((d) => d.id)).toEqual([...datasets.slice(0, 100), ...datasets.slice(200)].map((d) => d.id));
    expect(harvestErrors(report).map((e) => [e.messageId, e.file])).toEqual([['http', `${replay.base}/api/1/datasets/?page=2&page_size=100`]]);
  });

  it('a portal that is down: gives up after three pages in a row', { timeout: 30_000 }, async () => {
    const portal = ckanPortal(PACKAGES);
    replay = await startReplay((url, n) => (url.searchParams.get('rows') === '100' ? { status: 502, body: 'bad gateway' } : portal(url, n)));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { retries: 0 });
    expect(report.datasets).toEqual([]);
    expect(harvestErrors(report).map((e) => e.messageId)).toEqual(['http', 'http', 'http', 'gaveUp']);
  });

  it('an answer larger than the size cap is not read', { timeout: 30_000 }, async () => {
    replay = await startReplay(ckanPortal(PACKAGES));
    const { report } = await lintPortal([replay.base], { pageSize: 100 }, { maxBytes: 50_000 });
    expect(report.datasets).toEqual([]);
    expect(report.files.flatMap((f) => f.findings.map((x) => [x.ruleId, x.messageId]))).toEqual([
      ...Array(3).fill(['core/limit-exceeded', 'descriptorBytes']),
      ['core/harvest-error', 'gaveUp'],
    ]);
  });
});
