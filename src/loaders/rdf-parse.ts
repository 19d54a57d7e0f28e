import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { isObject } from './build.js';
import { SyntaxProblem } from './parse.js';
import { Graph, type RdfJsQuad } from './rdf-graph.js';

/**
 * RDF parsing for the DCAT-AP loader. The parsers (n3, rdfxml-streaming-parser, jsonld) are
 * heavy, so each is imported only when a file needs it: a run over CKAN files never loads them.
 * Syntax errors become `SyntaxProblem`s with the parser's line (and column where it has one).
 */

export type RdfSyntax = 'turtle' | 'n-triples' | 'n3' | 'rdfxml';

export interface ParsedRdf {
  graph: Graph;
  /** Prefixes declared by the file (Turtle `@prefix`, XML `xmlns:`, JSON-LD context terms). */
  prefixes: Record<string, string>;
}

const SYNTAX_NAMES: Record<RdfSyntax, string> = { turtle: 'Turtle', 'n-triples': 'N-Triples', n3: 'N3', rdfxml: 'RDF/XML' };

export async function parseRdfText(text: string, syntax: RdfSyntax, base: string): Promise<ParsedRdf> {
  return syntax === 'rdfxml' ? parseRdfXml(text, base) : parseTurtle(text, syntax, base);
}

async function parseTurtle(text: string, syntax: Exclude<RdfSyntax, 'rdfxml'>, base: string): Promise<ParsedRdf> {
  const { Parser, DataFactory } = await import('n3');
  const prefixes: Record<string, string> = {};
  // Anonymous blank nodes (`[ … ]`) numbered per file, not per process: reports are then the
  // same whichever worker parsed the file, and whatever it parsed before.
  let anonymous = 0;
  const factory = { ...DataFactory, blankNode: (name?: string) => DataFactory.blankNode(name || `n3-${anonymous++}`) };
  // blankNodePrefix '' keeps `_:label` as written, so blank nodes can be found in the text.
  const parser = new Parser({ baseIRI: base, format: SYNTAX_NAMES[syntax], blankNodePrefix: '', factory });
  const graph = new Graph();
  // With a callback, quads go straight into the graph (no second copy of the file in memory).
  // n3 calls back once per quad, then with `null` at the end or with the first error.
  const error = await new Promise<Error | undefined>((resolve) => {
    parser.parse(
      text,
      (e, quad) => {
        if (e) resolve(e);
        else if (quad) graph.add(...Graph.termsOf(quad));
        else resolve(undefined);
      },
      (prefix, iri) => {
        prefixes[prefix] = iri.value;
      },
    );
  });
  if (error) throw n3Problem(error, text, SYNTAX_NAMES[syntax]);
  return { graph, prefixes };
}

/**
 * n3 says `Unexpected "x" on line 3.` or `Undefined prefix "ex:" on line 3.`: the column is
 * where the quoted text starts on that line.
 */
function n3Problem(e: Error & { context?: { line?: number } }, text: string, syntax: string): SyntaxProblem {
  const line = e.context?.line ?? Number(/on line (\d+)/.exec(e.message)?.[1] ?? 1);
  const what = /"(.+)"/.exec(e.message)?.[1];
  const lineText = text.split('\n', line)[line - 1] ?? '';
  const at = what ? lineText.indexOf(what) : -1;
  const message = e.message.replace(/ on line \d+\.?$/, '');
  return new SyntaxProblem(`invalid ${syntax}: ${message}`, line, at >= 0 ? at + 1 : 1);
}

async function parseRdfXml(text: string, base: string): Promise<ParsedRdf> {
  const [{ RdfXmlParser }, { DataFactory }] = await Promise.all([import('rdfxml-streaming-parser'), import('rdf-data-factory')]);
  const graph = new Graph();
  await new Promise<void>((resolve, reject) => {
    // Blank node labels the same for every file, whatever was parsed before in this process (or
    // in another worker): the default factory numbers its prefix per process.
    const dataFactory = new DataFactory({ blankNodePrefix: 'df_0_' });
    const parser = new RdfXmlParser({ baseIRI: base, trackPosition: true, dataFactory });
    parser.on('data', (q: RdfJsQuad) => graph.add(...Graph.termsOf(q)));
    // The parser goes on reporting follow-up errors after the first one: only the first counts.
    parser.on('error', (e: Error) => reject(xmlProblem(e)));
    parser.on('end', () => resolve());
    parser.end(text);
  });
  return { graph, prefixes: xmlPrefixes(text) };
}

/** saxes says `4:25: unexpected close tag.` */
function xmlProblem(e: Error): SyntaxProblem {
  const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
  const message = (m?.[3] ?? e.message).replace(/\.$/, '');
  return new SyntaxProblem(`invalid RDF/XML: ${message}`, Number(m?.[1] ?? 1), Number(m?.[2] ?? 1));
}

/** `xmlns:dct="…"` declarations of an RDF/XML file. */
export function xmlPrefixes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] ??= m[2] ?? m[3] ?? '';
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

/** The context odlint bundles: the usual DCAT-AP prefixes (schemas/contexts/dcat-ap.jsonld). */
export const BUNDLED_CONTEXT_URL = 'https://odlint.dev/contexts/dcat-ap.jsonld';

let bundled: unknown;
function bundledContext(): unknown {
  bundled ??= JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'contexts', 'dcat-ap.jsonld'), 'utf8')) as unknown;
  return bundled;
}

export interface ParsedJsonLd extends ParsedRdf {
  /** Remote contexts the document names that odlint did not fetch, with the pointer naming them. */
  notFetched: { url: string; ptr: string }[];
}

/**
 * Converts a JSON-LD document to RDF without ever touching the network: the bundled context is
 * served for its own URL and, in place of any other remote context, so that properties written
 * with the usual prefixes (`dct:title`) are still read. Every such context is reported.
 */
export async function parseJsonLd(data: unknown, base: string): Promise<ParsedJsonLd> {
  const { default: jsonld } = await import('jsonld');
  const notFetched = remoteContexts(data).filter((c) => c.url !== BUNDLED_CONTEXT_URL);
  const documentLoader = async (url: string) => {
    if (url !== BUNDLED_CONTEXT_URL && !notFetched.some((c) => c.url === url)) notFetched.push({ url, ptr: '' });
    return { contextUrl: undefined, documentUrl: url, document: bundledContext() };
  };
  let quads: RdfJsQuad[];
  try {
    quads = (await jsonld.toRDF(data as Parameters<typeof jsonld.toRDF>[0], { base, documentLoader } as Parameters<typeof jsonld.toRDF>[1])) as RdfJsQuad[];
  } catch (e) {
    throw new SyntaxProblem(`invalid JSON-LD: ${firstSentence((e as Error).message)}`, 1, 1);
  }
  return { graph: Graph.fromQuads(quads), prefixes: contextTerms(data), notFetched };
}

function firstSentence(message: string): string {
  return message.split(/\.\s/)[0]!.replace(/\.$/, '');
}

/** Every `@context` given as a URL (alone or in a list), anywhere in the document. */
function remoteContexts(data: unknown): { url: string; ptr: string }[] {
  const out: { url: string; ptr: string }[] = [];
  const walk = (v: unknown, ptr: string): void => {
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, `${ptr}/${i}`));
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      const childPtr = `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
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
 * Prefixes and terms of the document's top-level @context (term → IRI); a remote context counts
 * as the bundled one, which is what the document was read with.
 */
export function contextTerms(data: unknown): Record<string, string> {
  const ctx = isObject(data) ? data['@context'] : undefined;
  const out: Record<string, string> = {};
  for (let c of Array.isArray(ctx) ? ctx : [ctx]) {
    if (typeof c === 'string') c = (bundledContext() as { '@context': unknown })['@context'];
    if (!isObject(c)) continue;
    for (const [term, def] of Object.entries(c)) {
      const iri = typeof def === 'string' ? def : isObject(def) && typeof def['@id'] === 'string' ? def['@id'] : undefined;
      if (iri !== undefined && !term.startsWith('@')) out[term] = iri;
    }
  }
  // Terms written as compact IRIs (`"title": "dct:title"`) expand through their prefix.
  for (const [term, iri] of Object.entries(out)) {
    const colon = iri.indexOf(':');
    const ns = colon > 0 && !iri.startsWith('//', colon + 1) ? out[iri.slice(0, colon)] : undefined;
    if (ns !== undefined) out[term] = ns + iri.slice(colon + 1);
  }
  return out;
}
