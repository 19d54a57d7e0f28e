import { describe, it, expect, afterEach } from 'vitest';
import { ckanPackages, ckanPortal, startReplay, udataDatasets, udataPortal, type Replay } from '../helpers/replay-server.js';
import { harvestErrors, lintPortal } from './harvest-helpers.js';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

describe('harvesting a CKAN portal', () => {
  it('pages a 5-page package_search from the portal root and lints every announced dataset', { timeout: 60_000 }, async () => {
    const packages = ckanPackages(500);
    replay = await startReplay(ckanPortal(packages));
    const { report } = await lintPortal([replay.base + '/'], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(packages.map((p) => p.name));
    expect(harvestErrors(report)).toEqual([]);
    // Detection (home page, status_show), the count, the five pages and the empty one after a full last page.
    expect([...replay.requests].sort()).toEqual([
      '/',
      '/api/3/action/status_show',
      '/api/3/action/package_search?sort=id+asc&rows=0&start=0',
      ...[0, 100, 200, 300, 400].map((s) => `/api/3/action/package_search?sort=id+asc&rows=100&start=${s}`),
      '/api/3/action/package_search?sort=id+asc&rows=100&start=500',
    ].sort());
    // Findings point at the page each dataset came from.
    const d = report.datasets[123]!;
    expect(d.source).toEqual({ format: 'ckan', file: `${replay.base}/api/3/action/package_search?sort=id+asc&rows=100&start=100`, pointer: '/result/results/23' });
    expect(replay.agents.every((a) => a === 'odlint/test (+https://www.npmjs.com/package/odlint)')).toBe(true);
  });

  it('passes --query as q and --since as a metadata_modified filter', async () => {
    replay = await startReplay(ckanPortal(ckanPackages(3)));
    await lintPortal([`${replay.base}/api/3/action/package_search`], { query: 'organization:xyz', since: '2024-01-31' });
    expect(replay.requests[0]).toBe('/api/3/action/package_search?q=organization%3Axyz&fq=metadata_modified%3A%5B2024-01-31T00%3A00%3A00Z+TO+*%5D&sort=id+asc&rows=0&start=0');
  });

  it('falls back to current_package_list_with_resources when search is off', async () => {
    const packages = ckanPackages(250);
    replay = await startReplay(ckanPortal(packages, { search: false }));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(packages.map((p) => p.name));
    expect(replay.requests.filter((r) => r.includes('current_package_list'))).toEqual([0, 100, 200].map((o) => `/api/3/action/current_package_list_with_resources?limit=100&offset=${o}`));
  });

  it('--max-datasets lints a sample and cuts the last page', async () => {
    replay = await startReplay(ckanPortal(ckanPackages(500)));
    const { report } = await lintPortal([replay.base], { pageSize: 100, maxDatasets: 150 });
    expect(report.datasets.map((d) => d.id)).toEqual(ckanPackages(150).map((p) => p.name));
    expect(replay.requests.filter((r) => r.includes('rows=100'))).toHaveLength(2);
  });
});

describe('harvesting a udata portal', () => {
  it('follows next_page through 3 pages from the portal root', { timeout: 60_000 }, async () => {
    const datasets = udataDatasets(250);
    replay = await startReplay(udataPortal(() => replay!.base, datasets));
    const { report } = await lintPortal([replay.base], { pageSize: 100 });
    expect(report.datasets.map((d) => d.id)).toEqual(datasets.map((d) => d.id));
    expect(harvestErrors(report)).toEqual([]);
    // Page 1, then the next link and the page guessed after it, at once (in either order).
    const asked = replay.requests.filter((r) => r.startsWith('/api/1/datasets/'));
    expect(asked[0]).toBe('/api/1/datasets/?page_size=100&page=1');
    expect(asked.slice(1).sort()).toEqual(['/api/1/datasets/?page=2&page_size=100', '/api/1/datasets/?page=3&page_size=100']);
  });

  it('filters by organisation (--query organization:<id>)', async () => {
    const datasets = udataDatasets(30);
    const org = (datasets[0]!.organization as { id: string }).id;
    replay = await startReplay(udataPortal(() => replay!.base, datasets));
    const { report } = await lintPortal([`${replay.base}/api/1/datasets/`], { query: `organization:${org}` });
    expect(report.datasets.length).toBe(datasets.filter((d) => (d.organization as { id?: string } | undefined)?.id === org).length);
    expect(replay.requests[0]).toBe(`/api/1/datasets/?page_size=100&page=1&organization=${org}`);
  });
});
