/**
 * A replay server on 127.0.0.1 for the harvest tests: it serves portal pages built from recorded
 * real API answers (fixtures/corpus, fixtures/harvest) and can inject faults — a status with
 * Retry-After, a slow answer, a body cut off, an HTML page. The only network the tests touch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, FIXTURES } from './lint.js';

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (a slow portal). */
  delayMs?: number;
  /** Send only this many bytes of the body, then close the connection (Content-Length says the whole). */
  cutAt?: number;
  /** Send the body in pieces without a Content-Length (chunked transfer encoding). */
  chunked?: boolean;
  /** Honour `Range: bytes=N-` (206 with its Content-Range). */
  ranges?: boolean;
}

export type Route = (url: URL, n: number) => Answer | undefined;

export interface Replay {
  base: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** Every request's User-Agent. */
  agents: string[];
  /** Every request's Range header (samples of data files ask for the first bytes). */
  ranges: (string | undefined)[];
  close(): Promise<void>;
}

export async function startReplay(route: Route): Promise<Replay> {
  const requests: string[] = [];
  const agents: string[] = [];
  const ranges: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    agents.push(String(req.headers['user-agent']));
    ranges.push(req.headers.range);
    const answer = route(url, requests.length) ?? { status: 404, body: 'not found' };
    const send = () => {
      let body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body ?? '');
      let status = answer.status ?? 200;
      const from = answer.ranges ? /^bytes=(\d+)-$/.exec(req.headers.range ?? '') : null;
      if (from) {
        const start = Number(from[1]);
        res.setHeader('content-range', `bytes ${start}-${body.length - 1}/${body.length}`);
        body = body.subarray(start);
        status = 206;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...(answer.chunked ? {} : { 'content-length': String(body.length) }), ...answer.headers });
      if (answer.chunked) {
        for (let at = 0; at < body.length; at += 1 << 16) res.write(body.subarray(at, at + (1 << 16)));
        res.end();
      } else if (answer.cutAt !== undefined) {
        res.write(body.subarray(0, answer.cutAt));
        setTimeout(() => res.destroy(), 20);
      } else res.end(body);
    };
    if (answer.delayMs) {
      const t = setTimeout(send, answer.delayMs);
      res.on('close', () => clearTimeout(t));
    } else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    agents,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (v: unknown): Answer => ({ body: JSON.stringify(v) });

/** The real CKAN packages of the corpus (package_show envelopes unwrapped, search pages split). */
export function ckanTemplates(): Record<string, unknown>[] {
  const dir = path.join(CORPUS, 'ckan');
  return readdir(dir).flatMap((f) => {
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { result?: { results?: unknown[] } & Record<string, unknown> } & Record<string, unknown>;
    if (Array.isArray(doc.result?.results)) return doc.result.results as Record<string, unknown>[];
    return [(doc.result ?? doc) as Record<string, unknown>];
  });
}

const readdir = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** n CKAN packages: the corpus packages in turn, each with its own id, name and title. */
export function ckanPackages(n: number): Record<string, unknown>[] {
  const templates = ckanTemplates();
  return Array.from({ length: n }, (_, i) => ({ ...templates[i % templates.length], id: `pkg-${String(i).padStart(5, '0')}`, name: `dataset-${i}`, title: `Dataset ${i}` }));
}

/**
 * A CKAN portal: status_show, package_search (rows/start, the count it announces can lie) and
 * current_package_list_with_resources; its home page is HTML.
 */
export function ckanPortal(packages: Record<string, unknown>[], opts: { count?: number; search?: boolean } = {}): Route {
  return (url) => {
    const p = url.pathname;
    const q = url.searchParams;
    if (p === '/' || p === '') return { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><body>CKAN</body></html>' };
    if (p === '/api/3/action/status_show') return json({ success: true, result: { ckan_version: '2.10.4', site_title: 'Replay' } });
    if (p === '/api/3/action/package_search' && opts.search !== false) {
      const rows = Number(q.get('rows') ?? 10);
      const start = Number(q.get('start') ?? 0);
      return json({ help: 'http://127.0.0.1/api/3/action/help_show?name=package_search', success: true, result: { count: opts.count ?? packages.length, sort: q.get('sort'), results: packages.slice(start, start + rows) } });
    }
    if (p === '/api/3/action/current_package_list_with_resources') {
      const limit = Number(q.get('limit') ?? 10);
      const offset = Number(q.get('offset') ?? 0);
      return json({ success: true, result: packages.slice(offset, offset + limit) });
    }
    if (p.startsWith('/api/3/action/')) return { status: 400, body: JSON.stringify({ success: false, error: { __type: 'Bad request', message: 'Action name not known' } }) };
    return undefined;
  };
}

/** The real udata datasets of the corpus (udata's own API test data). */
export function udataTemplates(): Record<string, unknown>[] {
  return (JSON.parse(readFileSync(path.join(CORPUS, 'udata', 'udata__results.json'), 'utf8')) as { datasets: Record<string, unknown>[] }).datasets;
}

export function udataDatasets(n: number): Record<string, unknown>[] {
  const templates = udataTemplates();
  return Array.from({ length: n }, (_, i) => ({ ...templates[i % templates.length], id: `ud-${String(i).padStart(5, '0')}`, slug: `dataset-${i}`, title: `Jeu de données ${i}` }));
}

/**
 * A udata portal: /api/1/site/ and /api/1/datasets/ pages linked by next_page (absolute, as data.gouv.fr writes them).
 * `sorts`: the sort keys it knows (udata answers 400 to another, as flask-restx does with `choices`); a
 * `-key` sort serves the datasets by that field, descending.
 */
export function udataPortal(base: () => string, datasets: Record<string, unknown>[], opts: { total?: number; next?: (page: number, size: number) => string | null; sorts?: string[] } = {}): Route {
  return (url) => {
    const p = url.pathname;
    if (p === '/') return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html><body>udata</body></html>' };
    if (p === '/api/3/action/status_show') return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html>Not found</html>' };
    if (p === '/api/1/site/') return json({ id: 'site-1', title: 'Replay udata' });
    if (p === '/api/1/datasets/') {
      const size = Number(url.searchParams.get('page_size') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 1);
      const org = url.searchParams.get('organization');
      const sort = url.searchParams.get('sort');
      const key = sort?.replace(/^-/, '');
      if (key && !(opts.sorts ?? []).includes(key)) return { status: 400, body: JSON.stringify({ errors: { sort: `The value '${sort}' is not a valid choice for 'sort'.` }, message: 'Input payload validation failed' }) };
      const filtered = org ? datasets.filter((d) => (d.organization as { id?: string } | undefined)?.id === org) : datasets;
      const list = key ? [...filtered].sort((a, b) => String(b[key]).localeCompare(String(a[key])) * (sort!.startsWith('-') ? 1 : -1)) : filtered;
      const data = list.slice((page - 1) * size, page * size);
      const more = page * size < list.length;
      const next = opts.next ? opts.next(page, size) : more ? `${base()}/api/1/datasets/?page=${page + 1}&page_size=${size}${org ? `&organization=${org}` : ''}${sort ? `&sort=${sort}` : ''}` : null;
      return json({ data, page, page_size: size, total: opts.total ?? list.length, next_page: next, previous_page: page > 1 ? `${base()}/api/1/datasets/?page=${page - 1}&page_size=${size}` : null });
    }
    return undefined;
  };
}

export const fixture = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts), 'utf8');

/**
 * A DCAT-AP catalogue in Turtle paged the way ckanext-dcat pages `/catalog.ttl?page=N`
 * (`hydra:PagedCollection`, `hydra:nextPage` and `hydra:totalItems` as literals): each dataset a
 * copy of ckanext-dcat's real `dataset.ttl` (its syntax slips included), every IRI of the copy made its own.
 */
export function hydraTurtlePortal(base: () => string, datasets: number, perPage: number): Route {
  // Without its dataset series (one series in every copy would be one more dataset per page).
  const ttl = fixture('corpus', 'dcat-ap', 'ckanext-dcat__dataset.ttl')
    .replace(/ ;\s*dcat:inSeries <http:\/\/example\.com\/series> \./, ' .')
    .replace(/<http:\/\/example\.com\/series>[\s\S]*?(?=<http:\/\/example\.com\/analytics>)/, '');
  const prefixes = ttl.split('\n').filter((l) => l.startsWith('@prefix')).join('\n');
  const body = ttl.split('\n').filter((l) => !l.startsWith('@prefix')).join('\n');
  const pages = Math.ceil(datasets / perPage);
  return (url) => {
    if (url.pathname !== '/catalog.ttl') return undefined;
    const page = Number(url.searchParams.get('page') ?? 1);
    const copies = Array.from({ length: Math.max(0, Math.min(perPage, datasets - (page - 1) * perPage)) }, (_, k) => body.replaceAll('http://example.healthdata.nl/set/', `http://example.healthdata.nl/set/${(page - 1) * perPage + k}/`));
    const self = `${base()}/catalog.ttl?page=${page}`;
    const paging = [
      `<${self}> a hydra:PagedCollection ;`,
      `  hydra:firstPage "${base()}/catalog.ttl?page=1" ;`,
      `  hydra:lastPage "${base()}/catalog.ttl?page=${pages}" ;`,
      ...(page < pages ? [`  hydra:nextPage "${base()}/catalog.ttl?page=${page + 1}" ;`] : []),
      `  hydra:itemsPerPage ${perPage} ;`,
      `  hydra:totalItems ${datasets} .`,
    ].join('\n');
    return { headers: { 'content-type': 'text/turtle' }, body: `${prefixes}\n@prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n\n${paging}\n\n${copies.join('\n')}` };
  };
}

/** The same catalogue in JSON-LD with a Hydra core `PartialCollectionView` (`hydra:next` as an IRI). */
export function hydraJsonLdPortal(base: () => string, datasets: number, perPage: number): Route {
  const pages = Math.ceil(datasets / perPage);
  return (url) => {
    if (url.pathname !== '/datasets') return undefined;
    const page = Number(url.searchParams.get('page') ?? 1);
    const graph = Array.from({ length: Math.max(0, Math.min(perPage, datasets - (page - 1) * perPage)) }, (_, k) => {
      const i = (page - 1) * perPage + k;
      return { '@id': `https://example.org/dataset/${i}`, '@type': 'dcat:Dataset', 'dct:title': { '@value': `Dataset ${i}`, '@language': 'en' }, 'dct:description': 'Air quality measurements.', 'dcat:keyword': 'air' };
    });
    const view = { '@id': `${base()}/datasets?page=${page}`, '@type': 'hydra:PartialCollectionView', 'hydra:first': { '@id': `${base()}/datasets?page=1` }, ...(page < pages ? { 'hydra:next': { '@id': `${base()}/datasets?page=${page + 1}` } } : {}) };
    const doc = {
      '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', hydra: 'http://www.w3.org/ns/hydra/core#' },
      '@graph': [{ '@id': `${base()}/catalog`, '@type': ['dcat:Catalog', 'hydra:Collection'], 'hydra:totalItems': datasets, 'hydra:view': view, 'dcat:dataset': graph.map((d) => ({ '@id': d['@id'] })) }, ...graph],
    };
    return { headers: { 'content-type': 'application/ld+json' }, body: JSON.stringify(doc, null, 1) };
  };
}

/**
 * A GeoNetwork-style CSW endpoint answering GetRecords with GeoDCAT-AP records: copies of the
 * two records of fixtures/dcat-ap/envelopes/csw-geodcat-ap.xml, each with its own identifier.
 */
export function cswPortal(records: number): Route {
  const xml = fixture('dcat-ap', 'envelopes', 'csw-geodcat-ap.xml');
  const blocks = [...xml.matchAll(/    <rdf:RDF[\s\S]*?<\/rdf:RDF>\n/g)].map((m) => m[0]);
  const [head, tail] = [xml.slice(0, xml.indexOf('  <csw:SearchResults')), xml.slice(xml.indexOf('  </csw:SearchResults>'))];
  return (url) => {
    if (url.pathname !== '/geonetwork/srv/eng/csw') return undefined;
    // Many CSW servers answer an exception with 200.
    if (url.searchParams.get('request') !== 'GetRecords') return { status: 200, headers: { 'content-type': 'application/xml' }, body: '<ows:ExceptionReport><ows:Exception><ows:ExceptionText>request?</ows:ExceptionText></ows:Exception></ows:ExceptionReport>' };
    const start = Number(url.searchParams.get('startPosition') ?? 1);
    const max = Number(url.searchParams.get('maxRecords') ?? 10);
    const returned = Math.max(0, Math.min(max, records - start + 1));
    const next = start + returned > records ? 0 : start + returned;
    const items = Array.from({ length: returned }, (_, k) => {
      const i = start - 1 + k;
      return blocks[i % blocks.length]!.replace(/(records\/|example\.de\/)([\w-]+)/g, `$1$2-${i}`).replace(/<dct:identifier>([^<]*)<\/dct:identifier>/, `<dct:identifier>$1-${i}</dct:identifier>`);
    });
    const results = `  <csw:SearchResults numberOfRecordsMatched="${records}" numberOfRecordsReturned="${returned}" nextRecord="${next}" recordSchema="http://www.w3.org/ns/dcat#" elementSet="full">\n${items.join('')}`;
    return { headers: { 'content-type': 'application/xml' }, body: head + results + tail };
  };
}
