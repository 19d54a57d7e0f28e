/**
 * DCAT-AP catalogues in Turtle, RDF/XML or JSON-LD, paged with Hydra (piveau, the EU portal,
 * ckanext-dcat's `/catalog.ttl?page=2`): `hydra:next` (Hydra core) or `hydra:nextPage` (the
 * older `hydra:PagedCollection` vocabulary ckanext-dcat writes), with `hydra:totalItems` as the
 * announced count. A catalogue without paging is one page.
 */
import { parseRdfText, type RdfSyntax } from '../loaders/rdf-parse.js';
import { DEFAULT_LIMITS } from '../model/index.js';
import type { Got } from './client.js';
import { isRecord } from './json-page.js';
import type { PageProblem } from './types.js';
import type { PageInfo, Protocol } from './walk.js';

const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';
/** A series is a dataset too (DCAT 3), and the loader lints it as one. */
const DCAT_SERIES = 'http://www.w3.org/ns/dcat#DatasetSeries';

export const RDF_ACCEPT = 'text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.9, application/json;q=0.5, */*;q=0.1';

export function hydraProtocol(url: string, initial?: Got): Protocol {
  return { kind: 'hydra', format: 'dcat-ap', accept: RDF_ACCEPT, first: url, read: readRdfPage, ...(initial ? { initial } : {}) };
}

/** The RDF syntax of an answer, from its type then its first characters. */
export function rdfSyntaxOf(got: Got): RdfSyntax | 'json-ld' | undefined {
  const type = got.contentType.toLowerCase();
  const head = got.text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart();
  if (type.includes('json') || head.startsWith('{') || head.startsWith('[')) return 'json-ld';
  if (type.includes('rdf+xml') || /^<(\?xml|rdf:RDF)/i.test(head)) return /<html/i.test(head) ? undefined : 'rdfxml';
  if (type.includes('turtle') || /^(@prefix|@base|prefix\s|<[^>]*>\s)/im.test(head)) return 'turtle';
  if (type.includes('n-triples')) return 'n-triples';
  return undefined;
}

export async function readRdfPage(got: Got): Promise<PageInfo | PageProblem> {
  const syntax = rdfSyntaxOf(got);
  if (!syntax) return { messageId: 'notData', data: { expected: 'RDF (Turtle, RDF/XML or JSON-LD)', got: /html/i.test(got.contentType) || /^\s*<(!doctype html|html)/i.test(got.text) ? 'an HTML page' : got.contentType || 'an unknown answer' } };
  if (syntax === 'json-ld') return readJsonLdPage(got);
  try {
    const { graph } = await parseRdfText(got.text, syntax, got.finalUrl, DEFAULT_LIMITS);
    const ids: string[] = [];
    let next: string | undefined;
    let announced: number | undefined;
    for (const s of graph.subjects()) {
      if (graph.types(s).some((t) => t === DCAT_DATASET || t === DCAT_SERIES)) ids.push(s);
      for (const p of ['next', 'nextPage']) {
        const o = graph.objects(s, HYDRA + p)[0];
        // ckanext-dcat writes the page links as literals, Hydra core as IRIs.
        if (o && (o.kind === 'iri' || o.kind === 'literal')) next ??= o.value;
      }
      const total = graph.objects(s, HYDRA + 'totalItems')[0];
      if (total && total.kind === 'literal' && /^\d+$/.test(total.value)) announced ??= Number(total.value);
    }
    return { datasets: ids.length, ids, ...(announced !== undefined ? { announced } : {}), ...(next ? { next: new URL(next, got.finalUrl).href } : {}) };
  } catch {
    // The page is linted anyway: its syntax error is a finding there. Paging stops.
    return { datasets: 0, ids: [] };
  }
}

/** JSON-LD pages: the Hydra view and the datasets by their (compact or full) names, without expanding. */
function readJsonLdPage(got: Got): PageInfo | PageProblem {
  let json: unknown;
  try {
    json = JSON.parse(got.text.replace(/^\uFEFF/, ''));
  } catch {
    return { messageId: 'notData', data: { expected: 'JSON-LD', got: 'an answer that does not parse as JSON' } };
  }
  const ids: string[] = [];
  let next: string | undefined;
  let announced: number | undefined;
  const name = (k: string) => k.replace(/^hydra:/, '').replace(HYDRA, '');
  const idOf = (v: unknown) => (typeof v === 'string' ? v : isRecord(v) && typeof v['@id'] === 'string' ? v['@id'] : undefined);
  const visit = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (!isRecord(v)) return;
    const types = [v['@type'], v.type].flat().filter((t): t is string => typeof t === 'string');
    if (types.some((t) => ['Dataset', 'dcat:Dataset', DCAT_DATASET, 'DatasetSeries', 'dcat:DatasetSeries', DCAT_SERIES].includes(t)) && typeof v['@id'] === 'string') ids.push(v['@id']);
    for (const [k, x] of Object.entries(v)) {
      const n = name(k);
      if (n === 'next' || n === 'nextPage') next ??= idOf(Array.isArray(x) ? x[0] : x);
      if (n === 'totalItems' && (typeof x === 'number' || (isRecord(x) && /^\d+$/.test(String(x['@value']))))) announced ??= Number(typeof x === 'number' ? x : x['@value']);
      if (typeof x === 'object') visit(x, depth + 1);
    }
  };
  visit(json, 0);
  return { datasets: ids.length, ids, ...(announced !== undefined ? { announced } : {}), ...(next ? { next: new URL(next, got.finalUrl).href } : {}) };
}
