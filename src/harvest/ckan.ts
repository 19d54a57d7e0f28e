/**
 * CKAN action API v3 (ckanext-harvest's CKAN harvester asks the same way): `package_search`
 * paged with `rows`/`start`, sorted by id so that pages do not shift while the portal changes,
 * with the user's `q` and a `metadata_modified` filter for --since; a portal whose search is off
 * is listed with `current_package_list_with_resources` (`limit`/`offset`, no count).
 */
import type { HttpClient } from './client.js';
import { idsOf, isRecord, jsonOf, withParams } from './json-page.js';
import { scanPage } from './page-scan.js';
import type { HarvestOptions, PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

/** CKAN's default `ckan.search.rows_max`. */
export const CKAN_PAGE_SIZE = 1000;

/** The API root of a CKAN URL: `https://x/data/api/3/action/...` → `https://x/data`. */
export function ckanRoot(url: string): string {
  const u = new URL(url);
  const at = u.pathname.indexOf('/api/');
  const path = at >= 0 ? u.pathname.slice(0, at) : u.pathname.replace(/\/+$/, '');
  return `${u.origin}${path}`;
}

/** The result of a CKAN action answer, or why there is none. */
function resultOf(text: Parameters<typeof jsonOf>[0]): { result: unknown } | PageProblem {
  const parsed = jsonOf(text);
  if (!('json' in parsed)) return parsed;
  const { json } = parsed;
  if (!isRecord(json)) return { messageId: 'notData', data: { expected: 'a CKAN action answer', got: Array.isArray(json) ? 'a list' : typeof json } };
  if (json.success === false) {
    const e = isRecord(json.error) ? json.error : {};
    return { messageId: 'apiError', data: { error: [e.__type, e.message].filter((x) => typeof x === 'string').join(': ') || 'success: false' } };
  }
  return { result: json.result };
}

/**
 * Plans a CKAN harvest from a portal root or an action URL: a `rows=0` search says whether
 * search works and how many datasets match; else the list action.
 */
export async function ckanProtocol(url: string, client: HttpClient, opts: HarvestOptions): Promise<Protocol> {
  const root = ckanRoot(url);
  const given = new URL(url);
  const isList = given.pathname.endsWith('/current_package_list_with_resources');
  const rows = opts.pageSize ?? (Number(given.searchParams.get(isList ? 'limit' : 'rows')) || CKAN_PAGE_SIZE);
  if (!isList) {
    const search = given.pathname.endsWith('/package_search') ? url : `${root}/api/3/action/package_search`;
    const fq = [given.searchParams.get('fq'), opts.since ? `metadata_modified:[${opts.since}T00:00:00Z TO *]` : undefined].filter(Boolean).join(' AND ') || undefined;
    const base = withParams(search, { q: opts.query, fq, sort: given.searchParams.get('sort') ?? 'id asc' });
    const probe = await client.get(withParams(base, { rows: 0, start: 0 }));
    const answer = probe.ok ? resultOf(probe) : undefined;
    if (answer && 'result' in answer && isRecord(answer.result) && typeof answer.result.count === 'number') {
      return {
        kind: 'ckan',
        format: 'ckan',
        accept: 'application/json',
        first: withParams(base, { rows, start: 0 }),
        pageSize: rows,
        announced: answer.result.count,
        pageUrl: (page) => withParams(base, { rows, start: page * rows }),
        read: readSearch,
      };
    }
  }
  const list = isList ? url : `${root}/api/3/action/current_package_list_with_resources`;
  return {
    kind: 'ckan',
    format: 'ckan',
    accept: 'application/json',
    first: withParams(list, { limit: rows, offset: 0 }),
    pageSize: rows,
    pageUrl: (page) => withParams(list, { limit: rows, offset: page * rows }),
    read: readList,
  };
}

function readSearch(got: Parameters<typeof jsonOf>[0]): PageInfo | PageProblem {
  // Counted from the bytes when the page is a plain successful answer; else parsed, for the exact problem.
  const scan = got.bytes && scanPage(got.bytes, '/result/results', ['/success', '/result/count']);
  if (scan && scan.items !== undefined && scan.values.get('/success') !== false) {
    const count = scan.values.get('/result/count');
    return { datasets: scan.items, ids: scan.ids, ...(typeof count === 'number' ? { announced: count } : {}) };
  }
  const r = resultOf(got);
  if (!('result' in r)) return r;
  const { result } = r;
  if (!isRecord(result) || !Array.isArray(result.results)) return { messageId: 'notData', data: { expected: 'a package_search result', got: 'no result.results list' } };
  return { datasets: result.results.length, ids: idsOf(result.results), ...(typeof result.count === 'number' ? { announced: result.count } : {}) };
}

function readList(got: Parameters<typeof jsonOf>[0]): PageInfo | PageProblem {
  const scan = got.bytes && scanPage(got.bytes, '/result', ['/success']);
  if (scan && scan.items !== undefined && scan.values.get('/success') !== false) return { datasets: scan.items, ids: scan.ids };
  const r = resultOf(got);
  if (!('result' in r)) return r;
  if (!Array.isArray(r.result)) return { messageId: 'notData', data: { expected: 'a list of packages', got: 'no result list' } };
  return { datasets: r.result.length, ids: idsOf(r.result) };
}
