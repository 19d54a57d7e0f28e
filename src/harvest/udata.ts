/**
 * udata API v1 (data.gouv.fr, data.public.lu…): `/api/1/datasets/?page_size=…` followed through
 * `next_page` as udata's own harvesters do; `q` and the organisation filter from --query. A page
 * that fails is skipped by its `page` parameter (the chain of next links would end there).
 */
import { idsOf, isRecord, jsonOf, withParams } from './json-page.js';
import type { HarvestOptions, PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

export const UDATA_PAGE_SIZE = 100;

/** The udata root of a URL: `https://x/api/1/datasets/` → `https://x`. */
export function udataRoot(url: string): string {
  const u = new URL(url);
  const at = u.pathname.indexOf('/api/');
  return `${u.origin}${at >= 0 ? u.pathname.slice(0, at) : u.pathname.replace(/\/+$/, '')}`;
}

export function udataProtocol(url: string, opts: HarvestOptions): Protocol {
  const given = new URL(url);
  const list = /\/api\/[12]\/datasets/.test(given.pathname) ? url : `${udataRoot(url)}/api/1/datasets/`;
  const org = /^organi[sz]ation:(\S+)$/.exec(opts.query ?? '')?.[1];
  const pageSize = opts.pageSize ?? (Number(given.searchParams.get('page_size')) || UDATA_PAGE_SIZE);
  const first = withParams(list, { page_size: pageSize, page: given.searchParams.get('page') ?? 1, ...(org ? { organization: org } : opts.query ? { q: opts.query } : {}) });
  return {
    kind: 'udata',
    format: 'udata',
    accept: 'application/json',
    first,
    pageSize,
    read: readPage,
    after: (failed) => {
      const page = Number(new URL(failed).searchParams.get('page'));
      return Number.isInteger(page) && page > 0 ? withParams(failed, { page: page + 1 }) : undefined;
    },
  };
}

function readPage(got: Parameters<typeof jsonOf>[0]): PageInfo | PageProblem {
  const parsed = jsonOf(got);
  if (!('json' in parsed)) return parsed;
  const { json } = parsed;
  if (!isRecord(json) || !Array.isArray(json.data)) return { messageId: 'notData', data: { expected: 'a udata list page', got: isRecord(json) ? 'no data list' : Array.isArray(json) ? 'a list' : typeof json } };
  const next = typeof json.next_page === 'string' && json.next_page ? new URL(json.next_page, got.finalUrl).href : undefined;
  return { datasets: json.data.length, ids: idsOf(json.data), ...(typeof json.total === 'number' ? { announced: json.total } : {}), ...(next ? { next } : {}) };
}
