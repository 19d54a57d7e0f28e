/**
 * udata API v1 (data.gouv.fr, data.public.lu…): `/api/1/datasets/?page_size=…` followed through
 * `next_page` as udata's own harvesters do; `q` and the organisation filter from --query. A page
 * that fails is skipped by its `page` parameter (the chain of next links would end there), and
 * the pages after a next link are guessed by that parameter too, to be fetched ahead.
 *
 * udata's list API filters by nothing like a modification date (its parser has `q`, `tag`,
 * `organization`…, and sorts): --since sorts by modification, newest first (`sort=-last_update`;
 * udata before 7 calls it `last_modified`, and answers 400 to the other name), and the walk stops
 * at the first dataset modified before that day.
 */
import type { HttpClient } from './client.js';
import { idsOf, isRecord, jsonOf, withParams } from './json-page.js';
import { scanPage } from './page-scan.js';
import type { HarvestOptions, PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

export const UDATA_PAGE_SIZE = 100;

/** The sort keys of "last modified" in udata ≥ 7, then before. */
const SINCE_SORTS = ['-last_update', '-last_modified'];

/** The udata root of a URL: `https://x/api/1/datasets/` → `https://x`. */
export function udataRoot(url: string): string {
  const u = new URL(url);
  const at = u.pathname.indexOf('/api/');
  return `${u.origin}${at >= 0 ? u.pathname.slice(0, at) : u.pathname.replace(/\/+$/, '')}`;
}

/** The same list URL with its `page` parameter moved on by k (undefined when it has none). */
function pageAfter(url: string, k: number): string | undefined {
  const page = Number(new URL(url).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? withParams(url, { page: page + k }) : undefined;
}

export async function udataProtocol(url: string, opts: HarvestOptions, client: HttpClient): Promise<Protocol> {
  const given = new URL(url);
  const list = /\/api\/[12]\/datasets/.test(given.pathname) ? url : `${udataRoot(url)}/api/1/datasets/`;
  const org = /^organi[sz]ation:(\S+)$/.exec(opts.query ?? '')?.[1];
  const pageSize = opts.pageSize ?? (Number(given.searchParams.get('page_size')) || UDATA_PAGE_SIZE);
  const first = withParams(list, { page_size: pageSize, page: given.searchParams.get('page') ?? 1, ...(org ? { organization: org } : opts.query ? { q: opts.query } : {}) });
  const since = opts.since;
  const proto: Protocol = {
    kind: 'udata',
    format: 'udata',
    accept: 'application/json',
    first,
    pageSize,
    read: (got) => readPage(got, since),
    after: (failed) => pageAfter(failed, 1),
    ahead: pageAfter,
  };
  if (!since) return proto;
  // The sort this udata knows: a one-dataset page asked with each name in turn.
  for (const sort of SINCE_SORTS) {
    const probe = await client.get(withParams(first, { sort, page_size: 1, page: 1 }));
    if (probe.ok || probe.status !== 400) return { ...proto, first: withParams(first, { sort }) };
  }
  return { ...proto, first: withParams(first, { sort: SINCE_SORTS[0] }) };
}

/** When a udata dataset was last modified (ms), from `last_update` (udata ≥ 7) or `last_modified`; naive times are UTC. */
function modifiedOf(d: unknown): number | undefined {
  if (!isRecord(d)) return undefined;
  const v = d.last_update ?? d.last_modified;
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(v) || !v.includes('T') ? v : `${v}Z`);
  return Number.isNaN(t) ? undefined : t;
}

function readPage(got: Parameters<typeof jsonOf>[0], since?: string): PageInfo | PageProblem {
  // Counted from the bytes, unless --since needs each dataset's date (or the page is not a list page: its problem).
  const scan = since === undefined && got.bytes ? scanPage(got.bytes, '/data', ['/next_page', '/total']) : undefined;
  if (scan?.items !== undefined) {
    const nextPage = scan.values.get('/next_page');
    const total = scan.values.get('/total');
    return { datasets: scan.items, ids: scan.ids, ...(typeof nextPage === 'string' && nextPage ? { next: new URL(nextPage, got.finalUrl).href } : {}), ...(typeof total === 'number' ? { announced: total } : {}) };
  }
  const parsed = jsonOf(got);
  if (!('json' in parsed)) return parsed;
  const { json } = parsed;
  if (!isRecord(json) || !Array.isArray(json.data)) return { messageId: 'notData', data: { expected: 'a udata list page', got: isRecord(json) ? 'no data list' : Array.isArray(json) ? 'a list' : typeof json } };
  const next = typeof json.next_page === 'string' && json.next_page ? new URL(json.next_page, got.finalUrl).href : undefined;
  const info: PageInfo = { datasets: json.data.length, ids: idsOf(json.data), ...(next ? { next } : {}) };
  if (since === undefined) return { ...info, ...(typeof json.total === 'number' ? { announced: json.total } : {}) };
  // Newest first: the first dataset modified before the day ends the harvest (its `total` counts every dataset, not these).
  const from = Date.parse(`${since}T00:00:00Z`);
  const older = json.data.findIndex((d) => (modifiedOf(d) ?? Infinity) < from);
  return older >= 0 ? { ...info, upTo: older } : info;
}
