import { escapePointerToken, type SourceLocation } from '../model/index.js';
import { isObject } from './build.js';
import { lineIndex } from './parse.js';
import type { Graph } from './rdf-graph.js';
import { contextTerms } from './rdf-jsonld.js';
import { xmlPrefixes } from './rdf-parse.js';
import { stringEnd } from './rdf-turtle.js';
import type { ParsedDocument } from './types.js';
import { definedOnly } from '../util/objects.js';

/**
 * Where RDF values sit in their file. The parsers give no positions for statements, so a light
 * scan finds them: a resource where it is described (a subject starting a Turtle statement, an
 * RDF/XML `rdf:about`, a JSON-LD `@id`), a property where its name is written at the top level
 * of that description, and a blank node inside the `[ … ]`, nested element or JSON object that
 * its parent's property holds. Every location names the subject and predicate as well.
 */
export interface RdfLocator {
  /** The resource `key`: its own description, else the nth blank object of `via`'s predicate. */
  place(key: string, via?: Via): Place;
  /** Where the resource is (no predicate), or where it states `predicate` (else the resource). */
  at(place: Place, predicate?: string): SourceLocation;
}

export interface Via {
  parent: Place;
  predicate: string;
  /** Index of the resource among the parent's blank objects of `predicate`. */
  nth: number;
}

/** Position of a description or property: line/column, plus a JSON pointer in JSON-LD. */
type Found = Pick<SourceLocation, 'line' | 'column' | 'pointer'>;

export interface Place {
  key: string;
  found: Found;
  /** The syntax's handle on the description's text, when it was found. */
  scope?: unknown;
}

/** What each syntax knows how to find. */
interface Finder<S> {
  own(key: string): { found: Found; scope: S } | undefined;
  child(parent: S, predicate: string, nth: number): { found: Found; scope: S } | undefined;
  property(scope: S, predicate: string): Found | undefined;
}

function locator<S>(file: string, find: Finder<S>): RdfLocator {
  const at = (place: Place, predicate?: string): SourceLocation => {
    const found = predicate !== undefined && place.scope !== undefined ? find.property(place.scope as S, predicate) : undefined;
    return { file, subject: place.key, ...(predicate !== undefined ? { predicate } : {}), ...(found ?? place.found) };
  };
  return {
    at,
    place(key, via) {
      const own = find.own(key);
      if (own) return { key, ...own };
      const child = via?.parent.scope !== undefined ? find.child(via.parent.scope as S, via.predicate, via.nth) : undefined;
      if (child) return { key, ...child };
      // Not found: the place of the statement that points at it, or nothing.
      const { line, column, pointer } = via ? at(via.parent, via.predicate) : ({} as Found);
      return { key, found: definedOnly({ line, column, pointer }) };
    },
  };
}

/** How a predicate IRI may be written: `<iri>` and `prefix:local` for each matching prefix. */
function writtenForms(prefixes: Record<string, string>): (iri: string) => string[] {
  const cache = new Map<string, string[]>();
  return (iri) => {
    let forms = cache.get(iri);
    if (!forms) {
      const prefixed = Object.entries(prefixes)
        .filter(([, ns]) => ns && iri.startsWith(ns) && iri.length > ns.length)
        .map(([p, ns]) => `${p}:${iri.slice(ns.length)}`);
      cache.set(iri, (forms = [`<${iri}>`, ...prefixed]));
    }
    return forms;
  };
}

/** Offsets at which a scope writes a name (predicate tokens or child start tags), in order. */
type Occurrences = Map<string, number[]>;

function firstOf(occ: Occurrences, forms: string[]): number | undefined {
  let first: number | undefined;
  for (const f of forms) {
    const at = occ.get(f)?.[0];
    if (at !== undefined && (first === undefined || at < first)) first = at;
  }
  return first;
}

function nthOf(occ: Occurrences, forms: string[], nth: number): number | undefined {
  return forms.flatMap((f) => occ.get(f) ?? []).sort((a, b) => a - b)[nth];
}

/** Relative IRIs resolved the way the parsers do; absolute ones kept exactly as written. */
function resolve(iri: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(iri)) return iri;
  try {
    return new URL(iri, base).href;
  } catch {
    return iri;
  }
}

function pushTo(map: Occurrences, key: string, offset: number): void {
  const list = map.get(key);
  if (list) list.push(offset);
  else map.set(key, [offset]);
}

// ---------------------------------------------------------------------------------------------
// Turtle, N-Triples, N3

/** A statement or `[ … ]` body: its predicates, and the `[` of blank objects per predicate. */
interface TurtleScope {
  predicates: Occurrences;
  blanks: Occurrences;
}

export function turtleLocator(file: string, text: string, graph: Graph, prefixes: Record<string, string>, base: string): RdfLocator {
  const toPos = lineIndex(text);
  const starts = statementStarts(text, graph, prefixes, base);
  const forms = writtenForms(prefixes);
  const cache = new Map<string, TurtleScope>();
  return locator<TurtleScope>(file, {
    own(key) {
      const offsets = starts.get(key);
      if (!offsets) return undefined;
      let scope = cache.get(key);
      if (!scope) cache.set(key, (scope = mergeScopes(offsets.map((o) => scanTurtle(text, o, false)))));
      return { found: toPos(offsets[0]!), scope };
    },
    child(parent, predicate, nth) {
      const open = nthOf(parent.blanks, forms(predicate), nth);
      return open === undefined ? undefined : { found: toPos(open), scope: scanTurtle(text, open, true) };
    },
    property(scope, predicate) {
      const offset = firstOf(scope.predicates, forms(predicate));
      return offset === undefined ? undefined : toPos(offset);
    },
  });
}

/**
 * Subjects starting a statement at the start of a line (`<iri>`, `prefix:local`, `_:label`),
 * for resources of the graph only. An object alone at the start of a line is followed by `;`,
 * `,` or `.`, a subject by its first predicate or by the end of the line.
 */
function statementStarts(text: string, graph: Graph, prefixes: Record<string, string>, base: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const re = /^[ \t]*(<[^>\s]*>|_:[^\s;,]+|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)[ \t]*(.?)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, token, next] = m as unknown as [string, string, string];
    if (next === ';' || next === ',' || next === '.') continue;
    const key = subjectKey(token.replace(/\.$/, ''), prefixes, base);
    if (key !== undefined && graph.has(key)) pushTo(out, key, m.index + whole.indexOf(token));
  }
  return out;
}

function subjectKey(token: string, prefixes: Record<string, string>, base: string): string | undefined {
  if (token.startsWith('<')) return resolve(token.slice(1, -1), base);
  if (token.startsWith('_:')) return token;
  const colon = token.indexOf(':');
  const ns = prefixes[token.slice(0, colon)];
  return ns === undefined ? undefined : ns + token.slice(colon + 1).replace(/\\(.)/g, '$1');
}

function mergeScopes(scopes: TurtleScope[]): TurtleScope {
  const merge = (maps: Occurrences[]): Occurrences => {
    const out: Occurrences = new Map();
    for (const m of maps) for (const [k, offsets] of m) for (const o of offsets) pushTo(out, k, o);
    return out;
  };
  return { predicates: merge(scopes.map((s) => s.predicates)), blanks: merge(scopes.map((s) => s.blanks)) };
}

/**
 * Reads one statement (from its subject to the closing `.`) or one `[ … ]` body, noting the
 * predicates written at its top level and where each blank object `[` starts. Strings, IRIs and
 * comments are skipped whole, so nothing inside them is mistaken for syntax.
 */
function scanTurtle(text: string, start: number, brackets: boolean): TurtleScope {
  const scope: TurtleScope = { predicates: new Map(), blanks: new Map() };
  let depth = 0;
  let predicate: string | undefined;
  let expectPredicate = brackets;
  let i = brackets ? start + 1 : start;
  const bare = /[^\s;,[\]()"'<#]+/y;
  if (!brackets) {
    // The subject token itself.
    i = skipToken(text, i, bare);
    expectPredicate = true;
  }
  while (i < text.length) {
    const c = text[i]!;
    if (isSpaceOrComma(text.charCodeAt(i), c)) i++;
    else if (c === '#') i = lineEnd(text, i);
    else if (c === '"' || c === "'") {
      i = stringEnd(text, i);
      if (depth === 0) expectPredicate = false;
    } else if (c === '[' || c === '(') {
      if (c === '[' && depth === 0 && predicate !== undefined && !expectPredicate) pushTo(scope.blanks, predicate, i);
      depth++;
      i++;
    } else if (c === ']' || c === ')') {
      if (--depth < 0) break;
      i++;
    } else if (c === ';') {
      if (depth === 0) expectPredicate = true;
      i++;
    } else if (c === '.' && depth === 0 && !/[\w:%-]/.test(text[i + 1] ?? ' ')) {
      if (!brackets) break;
      i++;
    } else {
      const end = c === '<' ? text.indexOf('>', i) + 1 || text.length : skipToken(text, i, bare);
      if (depth === 0 && expectPredicate) {
        predicate = text.slice(i, end);
        pushTo(scope.predicates, predicate, i);
        expectPredicate = false;
      }
      i = Math.max(end, i + 1);
    }
  }
  return scope;
}

/** `/[\s,]/` without a regular expression per character (ASCII first: this loop reads every character of a description). */
function isSpaceOrComma(code: number, c: string): boolean {
  if (code < 128) return code === 32 || code === 44 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

/** End of a bare token (a prefixed name, number, `a`, `^^`, `@en`), without a final `.`. */
function skipToken(text: string, i: number, bare: RegExp): number {
  if (text[i] === '<') return text.indexOf('>', i) + 1 || text.length;
  bare.lastIndex = i;
  const m = bare.exec(text);
  if (!m) return i + 1;
  let end = i + m[0].length;
  while (end > i + 1 && text[end - 1] === '.') end--;
  return end;
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n === -1 ? text.length : n + 1;
}

// ---------------------------------------------------------------------------------------------
// RDF/XML

/** A node element: its property elements, and the blank node each property element holds. */
interface XmlScope {
  properties: Occurrences;
  blanks: Occurrences;
}

const XML_TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

export function xmlLocator(file: string, text: string, graph: Graph, base: string): RdfLocator {
  const toPos = lineIndex(text);
  const prefixes = xmlPrefixes(text);
  const starts = aboutElements(text, graph, base);
  const cache = new Map<string, XmlScope>();
  // Property elements are written `prefix:local`: only prefixed forms apply.
  const written = writtenForms(prefixes);
  const forms = (predicate: string) => written(predicate).slice(1);
  return locator<XmlScope>(file, {
    own(key) {
      const offsets = starts.get(key);
      if (!offsets) return undefined;
      let scope = cache.get(key);
      if (!scope) cache.set(key, (scope = mergeXml(offsets.map((o) => scanXml(text, o)))));
      return { found: toPos(offsets[0]!), scope };
    },
    child(parent, predicate, nth) {
      const open = nthOf(parent.blanks, forms(predicate), nth);
      return open === undefined ? undefined : { found: toPos(open), scope: scanXml(text, open) };
    },
    property(scope, predicate) {
      const offset = firstOf(scope.properties, forms(predicate));
      return offset === undefined ? undefined : toPos(offset);
    },
  });
}

function mergeXml(scopes: XmlScope[]): XmlScope {
  const out: XmlScope = { properties: new Map(), blanks: new Map() };
  for (const s of scopes) {
    for (const [k, offsets] of s.properties) for (const o of offsets) pushTo(out.properties, k, o);
    for (const [k, offsets] of s.blanks) for (const o of offsets) pushTo(out.blanks, k, o);
  }
  return out;
}

/**
 * Reads the element starting at `start` (a node element, or a property element with
 * `rdf:parseType="Resource"`): its child elements are its properties; a child's own child
 * without `rdf:about` is the blank node the property holds.
 */
function scanXml(text: string, start: number): XmlScope {
  const scope: XmlScope = { properties: new Map(), blanks: new Map() };
  const re = new RegExp(XML_TAG.source, 'g');
  re.lastIndex = start;
  let depth = 0;
  let property: string | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, closing, name, attrs, selfClosing] = m;
    if (name === undefined) continue;
    if (closing) {
      if (--depth <= 0) break;
      continue;
    }
    if (depth === 1) {
      property = name;
      pushTo(scope.properties, name, m.index);
      if (!selfClosing && /\bparseType\s*=\s*["']Resource["']/.test(attrs!)) pushTo(scope.blanks, name, m.index);
    } else if (depth === 2 && property !== undefined && !/\s[\w.-]+:(about|ID)\s*=/.test(attrs!)) {
      pushTo(scope.blanks, property, m.index);
    }
    if (selfClosing) {
      if (depth === 0) break;
    } else depth++;
  }
  return scope;
}

/** Elements with `rdf:about="…"` or `rdf:ID="…"` (resolved against `xml:base` or the file). */
function aboutElements(text: string, graph: Graph, fileBase: string): Map<string, number[]> {
  const base = /\sxml:base\s*=\s*["']([^"']*)["']/.exec(text)?.[1] ?? fileBase;
  const out = new Map<string, number[]>();
  for (const m of text.matchAll(/\s[\w.-]+:(about|ID)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = xmlUnescape(m[2] ?? m[3] ?? '');
    const key = resolve(m[1] === 'ID' ? `#${value}` : value, base);
    if (graph.has(key)) pushTo(out, key, text.lastIndexOf('<', m.index));
  }
  return out;
}

function xmlUnescape(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    if (!e.startsWith('#')) return named[e]!;
    const hex = e[1] === 'x' || e[1] === 'X';
    return String.fromCodePoint(parseInt(e.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

// ---------------------------------------------------------------------------------------------
// JSON-LD: node objects by `@id`, properties by key, blank nodes as nested objects; positions
// come from the JSON parser through JSON pointers.

interface JsonScope {
  ptr: string;
  value: Record<string, unknown>;
}

export function jsonLdLocator(doc: ParsedDocument, base: string): RdfLocator {
  const terms = contextTerms(doc.data);
  const expand = (v: string, asTerm: boolean): string => {
    if (asTerm && terms[v] !== undefined) return terms[v]!;
    const colon = v.indexOf(':');
    const ns = colon > 0 && !v.startsWith('//', colon + 1) ? terms[v.slice(0, colon)] : undefined;
    return ns !== undefined ? ns + v.slice(colon + 1) : resolve(v, base);
  };
  // The first node object carrying more than its `@id` describes the resource.
  const nodes = new Map<string, JsonScope & { rich: boolean }>();
  const walk = (v: unknown, ptr: string): void => {
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, `${ptr}/${i}`));
    if (!isObject(v)) return;
    const id = v['@id'];
    if (typeof id === 'string' && !id.startsWith('_:')) {
      const key = expand(id, false);
      const rich = Object.keys(v).length > 1;
      const seen = nodes.get(key);
      if (!seen || (rich && !seen.rich)) nodes.set(key, { ptr, value: v, rich });
    }
    for (const [k, child] of Object.entries(v)) if (k !== '@context') walk(child, `${ptr}/${escapePointerToken(k)}`);
  };
  walk(doc.data, '');
  const found = (ptr: string): Found => ({ pointer: ptr, ...doc.position(ptr) });
  const keyOf = (scope: JsonScope, predicate: string) => Object.keys(scope.value).find((k) => !k.startsWith('@') && expand(k, true) === predicate);
  return locator<JsonScope>(doc.file, {
    own(key) {
      const node = nodes.get(key);
      return node && { found: found(node.ptr), scope: node };
    },
    child(parent, predicate, nth) {
      const k = keyOf(parent, predicate);
      if (k === undefined) return undefined;
      const ptr = `${parent.ptr}/${escapePointerToken(k)}`;
      const v = parent.value[k];
      // Blank objects are the nested objects without an IRI of their own.
      const blanks = (Array.isArray(v) ? v.map((item, i) => [item, `${ptr}/${i}`] as const) : [[v, ptr] as const]).filter(
        ([item]) => isObject(item) && !(typeof item['@id'] === 'string' && !item['@id'].startsWith('_:')) && !('@value' in item),
      );
      const hit = blanks[nth];
      return hit && { found: found(hit[1]), scope: { ptr: hit[1], value: hit[0] as Record<string, unknown> } };
    },
    property(scope, predicate) {
      const k = keyOf(scope, predicate);
      return k === undefined ? undefined : found(`${scope.ptr}/${escapePointerToken(k)}`);
    },
  });
}
