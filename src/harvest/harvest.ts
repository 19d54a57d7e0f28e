/**
 * `harvest(url)`: recognises what a URL is — a CKAN or udata portal (root or API URL), a CSW
 * endpoint, a DCAT-AP catalogue (Hydra-paged or not), a DCAT-US data.json, or a single
 * descriptor — and walks its pages, yielding each page (or the problem with it) in order.
 */
import { gotOf, HttpClient, type Fetched, type Got } from './client.js';
import { ckanProtocol } from './ckan.js';
import { udataProtocol } from './udata.js';
import { cswProtocol, isCswUrl } from './csw.js';
import { hydraProtocol, RDF_ACCEPT, rdfSyntaxOf } from './hydra.js';
import { dcatUsProtocol, documentProtocol, isDcatUs } from './single.js';
import { DCAT_US_PART, dcatUsList, documentParts, resumeDocument, startBody, type BodyStart } from './dcat-us-stream.js';
import { isRecord } from './json-page.js';
import { walk, type DocumentResume, type Protocol, type Resume } from './walk.js';
import type { HarvestOptions, HarvestRecord, HarvestStats, PortalKind } from './types.js';

export const DOCUMENT_ACCEPT = 'application/json, application/ld+json, text/turtle, application/rdf+xml, application/xml;q=0.9, application/yaml;q=0.9, */*;q=0.5';

/** A harvest under way: its records in page order, and its counts as they grow. */
export interface Harvest {
  stats: HarvestStats;
  records: AsyncGenerator<HarvestRecord>;
  /** What its pages are asked for with (to ask for a page again). */
  accept: string;
}

/** The portal kind a URL's path names, without asking anything. */
export function kindOfUrl(url: string): PortalKind | undefined {
  const { pathname } = new URL(url);
  if (/\/api\/3\/action\/(package_search|current_package_list_with_resources)\/?$/.test(pathname)) return 'ckan';
  if (/\/api\/[12]\/datasets/.test(pathname)) return 'udata';
  if (isCswUrl(url)) return 'csw';
  return undefined;
}

/**
 * Which protocol serves a URL: by its path when it names an API; else by what it answers
 * (JSON, RDF, a CSW response); an HTML page (a portal's home) is asked whether it is CKAN
 * (`/api/3/action/status_show`) or udata (`/api/1/site/`).
 */
export async function protocolFor(url: string, client: HttpClient, opts: HarvestOptions): Promise<Protocol> {
  const named = kindOfUrl(url);
  if (named === 'ckan') return ckanProtocol(url, client, opts);
  if (named === 'udata') return udataProtocol(url, opts, client);
  if (named === 'csw') return cswProtocol(url, opts);
  // The answer is read as it comes: a DCAT-US catalogue is harvested as it downloads (one
  // request); anything else is read whole.
  const opened = await client.open(url, DOCUMENT_ACCEPT);
  let first: Fetched = opened.ok ? { ok: false, url, error: 'not read', attempts: 0 } : opened;
  if (opened.ok) {
    const body = await startBody(opened);
    // (A download cut off in the head still streams: the datasets that came whole are linted.)
    const list = dcatUsList(body.texts.join(''));
    if (list) return dcatUsStreamProtocol(url, body, list, opts);
    first = body.error === undefined ? await wholeBody(body, client) : await client.get(url, DOCUMENT_ACCEPT);
  }
  const byContent = first.ok ? kindOfAnswer(first) : undefined;
  if (byContent === 'dcat-us') return dcatUsProtocol(url, first);
  if (byContent === 'hydra') return hydraProtocol(url, first as Got);
  if (byContent === 'csw') return cswProtocol(url, opts);
  if (byContent === 'ckan') return ckanProtocol(url, client, opts);
  if (byContent === 'udata') return udataProtocol(url, opts, client);
  if (byContent === 'document') return documentProtocol(url, DOCUMENT_ACCEPT, first);
  // An HTML page, or no answer from a URL that names no file: a portal's root?
  if (byContent !== 'html' && /\.\w{1,8}$/.test(new URL(url).pathname)) return documentProtocol(url, DOCUMENT_ACCEPT, first);
  const root = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (await answers(client, `${root}/api/3/action/status_show`, (j) => isRecord(j) && j.success === true && isRecord(j.result) && 'ckan_version' in j.result)) return ckanProtocol(root, client, opts);
  const origin = new URL(url).origin;
  if (await answers(client, `${origin}/api/1/site/`, (j) => isRecord(j) && typeof j.id === 'string' && 'title' in j)) return udataProtocol(origin, opts, client);
  return documentProtocol(url, DOCUMENT_ACCEPT, first);
}

/** Pages expected of a document of unknown length (src/pipeline/run.ts AUTO_POOL_UNITS: a run of this many units uses the worker pool). */
export const UNKNOWN_LENGTH_PAGES = 32;

/** A DCAT-US catalogue harvested in parts as it downloads (src/harvest/dcat-us-stream.ts). */
function dcatUsStreamProtocol(url: string, body: BodyStart, list: { envelope: string; path: string }, opts: HarvestOptions): Protocol {
  const pageSize = opts.pageSize ?? DCAT_US_PART;
  return {
    kind: 'dcat-us',
    format: 'dcat-us',
    accept: 'application/json',
    first: url,
    pageSize,
    read: () => ({ datasets: 0, ids: [] }),
    parts: (stats) => {
      // About 2 KB a dataset: pages expected from the length, for sizing the run. A download
      // without a length (chunked, or compressed) that goes on past its head is taken to be big:
      // enough pages that the run lints them on its workers.
      if (body.opened.length) stats.expectedPages = Math.max(1, Math.ceil(body.opened.length / (pageSize * 2048)));
      else if (!body.done) stats.expectedPages = UNKNOWN_LENGTH_PAGES;
      return documentParts(url, body, list, opts, stats);
    },
  };
}

/** A partial snapshot's document cannot be downloaded on from where it stopped: the harvest starts afresh. */
export class ResumeRefused extends Error {}

/** The rest of a DCAT-US document whose first parts a partial snapshot holds, harvested in parts from there. */
async function resumedDocumentProtocol(url: string, client: HttpClient, opts: HarvestOptions, d: DocumentResume): Promise<Protocol> {
  const rest = await resumeDocument(url, client, d);
  if (typeof rest === 'string') throw new ResumeRefused(`${url} cannot be downloaded on from where the snapshot stops: ${rest}`);
  return {
    kind: 'dcat-us',
    format: 'dcat-us',
    accept: 'application/json',
    first: url,
    pageSize: opts.pageSize ?? DCAT_US_PART,
    read: () => ({ datasets: 0, ids: [] }),
    parts: (stats) => documentParts(url, rest.body, d, opts, stats, undefined, { ...d.from, skipped: rest.skipped }),
  };
}

/** The rest of a body that is not harvested in parts, read whole under the client's size cap (a failure on the way: asked again whole). */
async function wholeBody(body: BodyStart, client: HttpClient): Promise<Fetched> {
  const { opened } = body;
  const chunks = [...body.bytes];
  let size = chunks.reduce((n, c) => n + c.length, 0);
  const max = client.options.maxBytes;
  try {
    for (let next = body.done ? undefined : await body.rest.next(); next && !next.done; next = await body.rest.next()) {
      size += next.value.length;
      if (size > max) {
        await opened.close();
        return { ok: false, url: opened.url, status: opened.status, error: `the answer is larger than ${max} bytes`, attempts: opened.attempts, tooLarge: { max, found: opened.length ?? `${size}+` } };
      }
      chunks.push(next.value);
    }
  } catch {
    return client.get(opened.url, DOCUMENT_ACCEPT);
  }
  if (size > max) return { ok: false, url: opened.url, status: opened.status, error: `the answer is larger than ${max} bytes`, attempts: opened.attempts, tooLarge: { max, found: size } };
  return gotOf({ url: opened.url, finalUrl: opened.finalUrl, status: opened.status, contentType: opened.contentType, attempts: opened.attempts }, Buffer.concat(chunks));
}

/** What a fetched answer is, from its content. */
function kindOfAnswer(got: Got): PortalKind | 'html' | undefined {
  const head = got.text.slice(0, 4000).replace(/^\uFEFF/, '').trimStart();
  if (/^<(!doctype html|html)/i.test(head) || (/text\/html/i.test(got.contentType) && !head.startsWith('{'))) return 'html';
  if (/GetRecordsResponse/.test(head)) return 'csw';
  if (head.startsWith('{') || head.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(got.text.replace(/^\uFEFF/, ''));
    } catch {
      return 'document';
    }
    if (isDcatUs(json)) return 'dcat-us';
    if (isRecord(json) && typeof json.help === 'string' && /\/api\/3\/action\/help_show\?name=package_(search|list)/.test(json.help)) return 'ckan';
    if (isRecord(json) && Array.isArray(json.data) && 'next_page' in json) return 'udata';
    if (isRecord(json) && ('@context' in json || '@graph' in json)) return 'hydra';
    return 'document';
  }
  return rdfSyntaxOf(got) ? 'hydra' : 'document';
}

async function answers(client: HttpClient, url: string, test: (json: unknown) => boolean): Promise<boolean> {
  const got: Fetched = await client.get(url, 'application/json');
  if (!got.ok) return false;
  try {
    return test(JSON.parse(got.text));
  } catch {
    return false;
  }
}

/**
 * Starts a harvest: the protocol is found first (a request or two), then the first page is read,
 * so that the count is known when the harvest is handed on (the run sizes its worker pool by
 * it, and the pages after it are already being fetched); then pages stream.
 */
export async function startHarvest(url: string, client: HttpClient, opts: HarvestOptions, resume?: Resume & { kind?: PortalKind; pages?: number; failedPages?: number }): Promise<Harvest> {
  const proto = resume?.document ? await resumedDocumentProtocol(url, client, opts, resume.document) : await protocolFor(url, client, opts);
  const announced = resume?.announced ?? proto.announced;
  const stats: HarvestStats = { url, kind: proto.kind, harvested: resume?.harvested ?? 0, pages: resume?.pages ?? 0, failedPages: resume?.failedPages ?? 0, linted: 0, ...(proto.pageSize ? { pageSize: proto.pageSize } : {}), ...(announced !== undefined ? { announced } : {}) };
  const walking = walk(proto, client, opts, stats, resume);
  const first = await walking.next();
  async function* records(): AsyncGenerator<HarvestRecord> {
    if (first.done) return;
    yield first.value;
    yield* walking;
  }
  return { stats, records: records(), accept: proto.accept };
}
