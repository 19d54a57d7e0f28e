/**
 * The page walk every protocol shares: ask for a page, read what it says (how many datasets,
 * their ids, the next page), hand it on, and decide whether to go on. Pages that are addressable
 * by number (CKAN `start`, CSW `startPosition`) are fetched ahead, up to the per-host limit, and a
 * shard fetches only its own; next-link protocols whose links count pages (udata `page`) have the
 * pages after the next link guessed and fetched ahead the same way — the links are still
 * followed, a guess is used only when the link is the page guessed. Pages are handed on in order,
 * however their answers arrive. A failed page is a record (the harvest goes on where the protocol
 * can tell the next page); a next link seen before, or a page of datasets all seen before, is a
 * loop and ends the walk.
 */
import type { Fetched, Got, HttpClient } from './client.js';
import type { PartsFrom } from './dcat-us-stream.js';
import type { ErrorRecord, HarvestOptions, HarvestRecord, HarvestStats, PageProblem, PortalKind } from './types.js';

/** What a protocol reads from one answer. */
export interface PageInfo {
  datasets: number;
  /** The datasets' ids (loop detection); empty when the page does not say. */
  ids: string[];
  /** The total the portal announces, when this page says it. */
  announced?: number;
  /** The next page's URL (protocols with next links); undefined on the last page. */
  next?: string;
  /** Only the first `upTo` datasets are wanted (the others are older than --since): the page is cut there and the walk ends. */
  upTo?: number;
}

export interface Protocol {
  kind: PortalKind;
  /** The loader format its pages load as (inventory). */
  format: string;
  accept: string;
  /** The first page's URL. */
  first: string;
  /** Datasets asked per page. */
  pageSize?: number;
  /** A page's URL from its number, when pages are addressable: pages are fetched ahead and shards skip the others'. */
  pageUrl?(page: number): string;
  /** The total announced before the first page (a CKAN `rows=0` probe). */
  announced?: number;
  read(got: Got): PageInfo | PageProblem | Promise<PageInfo | PageProblem>;
  /** The first page's answer when detection already fetched it. */
  initial?: Fetched;
  /** The page after a failed one, when the protocol can tell without its answer (udata's `page` parameter). */
  after?(url: string): string | undefined;
  /** The URL `k` pages after a page's, when next links count pages (udata): those are fetched ahead. */
  ahead?(url: string, k: number): string | undefined;
  /** A document harvested as it downloads (DCAT-US): its parts are the pages. */
  parts?(stats: HarvestStats): AsyncGenerator<HarvestRecord>;
}

/** Where a resumed walk starts (from a partial snapshot). */
export interface Resume {
  page: number;
  next: string;
  /** Datasets harvested before that page. */
  harvested: number;
  /** URLs already fetched (loops through them are still caught). */
  visited: string[];
  announced?: number;
  /** A document harvested in parts (DCAT-US) whose download stopped between two parts: where it goes on. */
  document?: DocumentResume;
}

/** What a partial snapshot holds of a document harvested in parts (src/harvest/dcat-us-stream.ts). */
export interface DocumentResume {
  /** The parts' bytes (UTF-8), their last RESUME_OVERLAP bytes, and their SHA-256 (hex). */
  bytes: number;
  tail: Buffer;
  digest: string;
  envelope: string;
  path: string;
  from: Omit<PartsFrom, 'skipped'>;
}

/**
 * Pages fetched ahead hold at most about this many bytes: as many pages as fit, by the biggest
 * page so far (at least one, at most `perHost - 1`; one until a page's size is known). Each
 * page waits in memory until it is linted: ahead by count, 7 MB pages made 21 MB.
 */
export const AHEAD_BYTES = 16 << 20;

/** The place of findings about the whole harvest (after every page of every shard). */
export const HARVEST_END = 2 ** 31;

const isProblem = (x: PageInfo | PageProblem): x is PageProblem => 'messageId' in x;

/** What a failed request becomes in the report. */
export function problemOf(f: Exclude<Fetched, Got>): PageProblem {
  if (f.tooLarge) return { ruleId: 'core/limit-exceeded', messageId: 'descriptorBytes', data: { max: f.tooLarge.max, found: f.tooLarge.found } };
  const attempts = f.attempts;
  // A body cut off after a 200 is a network fault, not an HTTP error.
  return f.status && f.status >= 300 ? { messageId: 'http', data: { status: f.status, error: f.error, attempts } } : { messageId: 'network', data: { error: f.error, attempts } };
}

export async function* walk(proto: Protocol, client: HttpClient, opts: HarvestOptions, stats: HarvestStats, resume?: Resume): AsyncGenerator<HarvestRecord> {
  if (proto.parts) {
    yield* proto.parts(stats);
    return;
  }
  const size = proto.pageSize;
  const addressable = proto.pageUrl !== undefined;
  // A one-page catalogue is split between shards by dataset (src/engine/remote.ts), not by page.
  const onePage = proto.kind === 'dcat-us' || proto.kind === 'document';
  const shard = opts.shard && opts.shard.total > 1 && !onePage ? opts.shard : undefined;
  const mine = (n: number) => !shard || n % shard.total === shard.index - 1;
  // Addressable pages of other shards are not fetched at all (page 0 is, for the count).
  const following = (n: number) => {
    let q = n + 1;
    if (addressable && shard) while (!mine(q)) q++;
    return q;
  };
  const max = opts.maxDatasets ?? Infinity;
  const maxFails = opts.maxConsecutiveFailures ?? 3;
  stats.announced ??= resume?.announced ?? proto.announced;
  let page = resume?.page ?? 0;
  let url: string | undefined = resume?.next ?? (addressable ? proto.pageUrl!(page) : proto.first);
  let before = resume?.harvested ?? 0;
  const visited = new Set<string>(resume?.visited);
  const seen = new Set<string>();
  // Answers asked ahead, by URL: at most perHost - 1 beyond the page being read, within AHEAD_BYTES.
  const ahead = new Map<string, Promise<Fetched>>();
  let biggest = 0;
  const aheadPages = () => Math.min(client.options.perHost - 1, biggest ? Math.max(1, Math.floor(AHEAD_BYTES / biggest)) : 1);
  const dropAhead = () => {
    for (const pending of ahead.values()) void pending.catch(() => undefined);
    ahead.clear();
  };
  const askAhead = (u: string) => {
    if (!ahead.has(u) && !visited.has(u)) ahead.set(u, client.get(u, proto.accept));
  };
  let fails = 0;
  const lastExpected = () => (stats.announced === undefined || !size ? -1 : Math.ceil(Math.min(stats.announced, max) / size) - 1);
  const end = (problem: PageProblem, at: string): ErrorRecord => ({ kind: 'error', page: HARVEST_END + (shard ? shard.index : 0), url: at, fetchedAt: new Date().toISOString(), ...problem });

  while (url !== undefined) {
    // Fetch ahead, within the pages the count announces (beyond it, one by one).
    if (addressable) {
      for (let q = page, k = 1; k <= aheadPages(); k++) {
        q = following(q);
        if (q > lastExpected()) break;
        askAhead(proto.pageUrl!(q));
      }
    }
    visited.add(url);
    const pending = ahead.get(url);
    ahead.delete(url);
    const initial = page === 0 && !resume ? proto.initial : undefined;
    const got = await (pending ?? initial ?? client.get(url, proto.accept));
    const fetchedAt = new Date().toISOString();
    if (got.ok) biggest = Math.max(biggest, got.bytes?.length ?? 0);
    const info = got.ok ? await proto.read(got) : problemOf(got);
    const offset = addressable && size ? page * size : before;

    if (isProblem(info)) {
      fails++;
      const skipTo: string | undefined = addressable ? proto.pageUrl!(following(page)) : proto.after?.(url);
      if (mine(page)) {
        stats.failedPages++;
        yield { kind: 'error', page, url, fetchedAt, ...info, ...(skipTo ? { next: skipTo } : {}) };
      }
      if (fails >= maxFails) {
        yield end({ messageId: 'gaveUp', data: { failures: fails } }, url);
        break;
      }
      // Past the pages the count announces, a failed page ends the walk (there may be nothing after it).
      if (addressable && stats.announced !== undefined && following(page) > lastExpected()) break;
      url = skipTo;
      page = following(page);
      continue;
    }
    fails = 0;
    stats.announced ??= info.announced;
    const fresh = info.ids.filter((id) => !seen.has(id));
    if (info.ids.length > 0 && fresh.length === 0) {
      yield end({ messageId: 'loop', data: { why: 'its datasets were all harvested before' } }, url);
      break;
    }
    for (const id of fresh) seen.add(id);
    const room = Math.max(0, Math.min(max - offset, info.upTo ?? Infinity));
    const limit = info.datasets > room ? room : undefined;
    const counted = limit ?? info.datasets;
    const next: string | undefined = info.upTo !== undefined ? undefined : addressable ? (size && info.datasets < size ? undefined : proto.pageUrl!(following(page))) : info.next;
    // Next links: the next page, and those guessed after it within the count, are asked now,
    // while this page is linted; a next link that is not the page guessed drops the guesses.
    if (!addressable && next !== undefined && offset + counted < max) {
      if (!ahead.has(next)) dropAhead();
      askAhead(next);
      for (let k = 1; proto.ahead && k < aheadPages() && page + 1 + k <= lastExpected(); k++) {
        const guess = proto.ahead(next, k);
        if (guess) askAhead(guess);
      }
    }
    // An empty page after others (a count that is a multiple of the page size) says nothing, nor a page all older than --since.
    if (mine(page) && (counted > 0 || (page === 0 && info.upTo === undefined))) {
      stats.pages++;
      stats.harvested += counted;
      yield { kind: 'page', page, url, fetchedAt, contentType: got.ok ? got.contentType : '', body: got.ok ? (got.bytes ?? got.text) : '', datasets: info.datasets, ...(limit !== undefined ? { limit } : {}), ...(next ? { next } : {}) };
    }
    before = offset + counted;
    if (before >= max || info.datasets === 0 || next === undefined) break;
    if (visited.has(next)) {
      yield end({ messageId: 'loop', data: { why: `its next page ${next} was harvested before` } }, url);
      break;
    }
    url = next;
    page = following(page);
  }
  dropAhead();
  // The count lied (only a whole harvest can tell: no shard, no cut, no failed page).
  if (!shard && opts.maxDatasets === undefined && stats.failedPages === 0 && stats.announced !== undefined && stats.announced !== stats.harvested) {
    yield end({ messageId: 'countMismatch', data: { announced: stats.announced, harvested: stats.harvested } }, proto.first);
  }
}
