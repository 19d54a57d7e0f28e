import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapePointerToken, LimitExceeded } from '../model/index.js';
import { packageRoot } from '../util/package-root.js';
import { isObject } from './build.js';
import { SyntaxProblem } from './parse.js';
import { type RdfJsQuad } from './rdf-graph.js';
import { GraphSink, type ParsedRdf, type RdfLimits } from './rdf-parse.js';

/**
 * JSON-LD to RDF, offline. Well-known remote contexts (DCAT-AP 3 by SEMIC, schema.org, W3C DCAT)
 * are served from the copies in schemas/contexts/ (listed in contexts.json); any other remote
 * context is reported and replaced by odlint's small DCAT-AP prefix context, so that properties
 * written with the usual prefixes (`dct:title`) are still read. Compacted, expanded (full IRIs,
 * no context) and flattened (`@graph`) documents all go through jsonld.js.
 */

/** odlint's own prefix context: served for its URL, and in place of unknown remote contexts. */
export const BUNDLED_CONTEXT_URL = 'https://odlint.dev/contexts/dcat-ap.jsonld';

/** Nesting jsonld.js gets through on Node's default stack (it fails near 900), whatever limits.depth says. */
const JSONLD_MAX_DEPTH = 500;

const CONTEXTS_DIR = () => path.join(packageRoot(), 'schemas', 'contexts');

let known: Record<string, string> | undefined;
/** Bundled context file per URL (contexts.json). */
function knownContexts(): Record<string, string> {
  known ??= (JSON.parse(readFileSync(path.join(CONTEXTS_DIR(), 'contexts.json'), 'utf8')) as { contexts: Record<string, string> }).contexts;
  return known;
}

const documents = new Map<string, unknown>();
/** The bundled copy of a context document, or undefined when odlint has none for the URL. */
function bundledDocument(url: string): unknown {
  const file = knownContexts()[url] ?? knownContexts()[url.replace(/#.*$/, '')];
  if (file === undefined) return undefined;
  let doc = documents.get(file);
  if (doc === undefined) documents.set(file, (doc = JSON.parse(readFileSync(path.join(CONTEXTS_DIR(), file), 'utf8')) as unknown));
  return doc;
}

export interface ParsedJsonLd extends ParsedRdf {
  /** Remote contexts odlint has no copy of, with the pointer naming them. */
  notFetched: { url: string; ptr: string }[];
}

export async function parseJsonLd(data: unknown, base: string, limits: RdfLimits, position: (ptr: string) => { line: number; column: number } | undefined): Promise<ParsedJsonLd> {
  // jsonld.js recurses per level: a deep document would overflow the stack inside a promise.
  const max = Math.min(limits.depth, JSONLD_MAX_DEPTH);
  const deep = tooDeep(data, max);
  if (deep !== undefined) throw new LimitExceeded('depth', max, position(deep) ?? {});
  const { default: jsonld } = await import('jsonld');
  const notFetched = remoteContexts(data).filter((c) => bundledDocument(c.url) === undefined);
  const documentLoader = async (url: string) => {
    let document = bundledDocument(url);
    if (document === undefined) {
      if (!notFetched.some((c) => c.url === url)) notFetched.push({ url, ptr: '' });
      document = bundledDocument(BUNDLED_CONTEXT_URL);
    }
    return { contextUrl: undefined, documentUrl: url, document };
  };
  let quads: RdfJsQuad[];
  try {
    quads = (await jsonld.toRDF(data as Parameters<typeof jsonld.toRDF>[0], { base, documentLoader } as Parameters<typeof jsonld.toRDF>[1])) as RdfJsQuad[];
  } catch (e) {
    throw new SyntaxProblem(`invalid JSON-LD: ${firstSentence((e as Error).message)}`, 1, 1);
  }
  const sink = new GraphSink(limits.parseErrors);
  for (const q of quads) sink.add(q);
  return { graph: sink.graph, prefixes: contextTerms(data), errors: [], terms: sink.terms, notFetched };
}

function firstSentence(message: string): string {
  return message.split(/\.\s/)[0]!.replace(/\.$/, '');
}

/** Pointer of the first object or array nested deeper than `max`, found without recursion. */
function tooDeep(data: unknown, max: number): string | undefined {
  const stack: [unknown, string, number][] = [[data, '', 1]];
  while (stack.length) {
    const [v, ptr, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return ptr;
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [k, child] of entries) stack.push([child, `${ptr}/${escapePointerToken(k)}`, depth + 1]);
  }
  return undefined;
}

/** Every `@context` given as a URL (alone or in a list), anywhere in the document. */
function remoteContexts(data: unknown): { url: string; ptr: string }[] {
  const out: { url: string; ptr: string }[] = [];
  const walk = (v: unknown, ptr: string): void => {
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, `${ptr}/${i}`));
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      const childPtr = `${ptr}/${escapePointerToken(k)}`;
      if (k === '@context') {
        const urls = Array.isArray(child) ? child.map((c, i) => [c, `${childPtr}/${i}`] as const) : [[child, childPtr] as const];
        for (const [url, p] of urls) if (typeof url === 'string' && !out.some((c) => c.url === url)) out.push({ url, ptr: p });
      }
      walk(child, childPtr);
    }
  };
  walk(data, '');
  return out;
}

/**
 * Prefixes and terms of the document's top-level @context (term → IRI), type-scoped contexts
 * included (the first definition of a term wins); a remote context counts as the document odlint
 * read it with (its bundled copy, or odlint's prefix context).
 */
export function contextTerms(data: unknown): Record<string, string> {
  const top = isObject(data) ? data['@context'] : Array.isArray(data) && isObject(data[0]) ? data[0]['@context'] : undefined;
  const out: Record<string, string> = {};
  const add = (ctx: unknown, depth: number): void => {
    for (let c of Array.isArray(ctx) ? ctx : [ctx]) {
      if (typeof c === 'string') c = contextOf(bundledDocument(c) ?? bundledDocument(BUNDLED_CONTEXT_URL));
      if (!isObject(c)) continue;
      for (const [term, def] of Object.entries(c)) {
        const iri = typeof def === 'string' ? def : isObject(def) && typeof def['@id'] === 'string' ? def['@id'] : undefined;
        if (iri !== undefined && !term.startsWith('@')) out[term] ??= iri;
        if (isObject(def) && def['@context'] !== undefined && depth < 4) add(def['@context'], depth + 1);
      }
    }
  };
  add(top, 0);
  // Terms written as compact IRIs (`"title": "dct:title"`) expand through their prefix.
  for (const [term, iri] of Object.entries(out)) {
    const colon = iri.indexOf(':');
    const ns = colon > 0 && !iri.startsWith('//', colon + 1) ? out[iri.slice(0, colon)] : undefined;
    if (ns !== undefined) out[term] = ns + iri.slice(colon + 1);
  }
  return out;
}

function contextOf(doc: unknown): unknown {
  return isObject(doc) ? doc['@context'] : undefined;
}

/**
 * A JSON-LD document: an object (or list of objects) with `@context` or `@graph`, or expanded
 * JSON-LD (node objects whose keys are `@id`/`@type` and absolute IRIs).
 */
export function isJsonLd(data: unknown): boolean {
  const items = Array.isArray(data) ? data : [data];
  return items.some((v) => isObject(v) && ('@context' in v || '@graph' in v || isExpandedNode(v)));
}

function isExpandedNode(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return ('@id' in v || '@type' in v) && keys.length > 0 && keys.every((k) => k.startsWith('@') || /^[a-z][a-z0-9+.-]*:\/\//i.test(k));
}
