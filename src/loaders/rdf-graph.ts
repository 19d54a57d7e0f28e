/**
 * A small in-memory RDF graph: what the DCAT-AP loader needs from Turtle, N-Triples, RDF/XML and
 * JSON-LD once parsed, independent of the parser that produced it (n3, rdfxml-streaming-parser
 * and jsonld each have their own term objects). Named graphs are merged: DCAT-AP descriptions
 * live in the default graph.
 */

export type Term =
  | { kind: 'iri'; value: string }
  | { kind: 'blank'; value: string }
  | { kind: 'literal'; value: string; lang?: string; datatype?: string };

/** The part of an RDF/JS term (n3, rdf-data-factory, jsonld) the graph reads. */
export interface RdfJsTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}

export interface RdfJsQuad {
  subject: RdfJsTerm;
  predicate: RdfJsTerm;
  object: RdfJsTerm;
}

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dc: 'http://purl.org/dc/elements/1.1/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  dcatap: 'http://data.europa.eu/r5r/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  locn: 'http://www.w3.org/ns/locn#',
  odrl: 'http://www.w3.org/ns/odrl/2/',
  schema: 'http://schema.org/',
  time: 'http://www.w3.org/2006/time#',
} as const;

export const RDF_TYPE = `${NS.rdf}type`;
const XSD_STRING = `${NS.xsd}string`;

/** The key a term has as a subject: the IRI, or `_:label` for blank nodes. */
export function termKey(t: Term): string {
  return t.kind === 'blank' ? `_:${t.value}` : t.value;
}

/** An RDF/JS term as a graph term (blank node labels lose any `_:` the parser left on them). */
export function fromRdfJs(t: RdfJsTerm): Term {
  if (t.termType === 'BlankNode') return { kind: 'blank', value: t.value.replace(/^_:/, '') };
  if (t.termType === 'Literal') {
    const out: Term = { kind: 'literal', value: t.value };
    // Each read once: n3's literals work out their language and datatype from their id at each read.
    const language = t.language;
    const datatype = language ? undefined : t.datatype?.value;
    if (language) out.lang = language.toLowerCase();
    else if (datatype && datatype !== XSD_STRING) out.datatype = datatype;
    return out;
  }
  return { kind: 'iri', value: t.value };
}

export class Graph {
  /** subject key → predicate IRI → objects, in document order. */
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  size = 0;

  static fromQuads(quads: Iterable<RdfJsQuad>): Graph {
    const g = new Graph();
    for (const q of quads) g.add(...Graph.termsOf(q));
    return g;
  }

  /** A parser's quad as `add` arguments. */
  static termsOf(q: RdfJsQuad): [Term, string, Term] {
    return [fromRdfJs(q.subject), q.predicate.value, fromRdfJs(q.object)];
  }

  add(subject: Term, predicate: string, object: Term): void {
    const s = termKey(subject);
    let props = this.bySubject.get(s);
    if (!props) this.bySubject.set(s, (props = new Map()));
    const list = props.get(predicate);
    if (list) list.push(object);
    else props.set(predicate, [object]);
    this.size++;
  }

  /** Subjects in the order they first appear. */
  subjects(): string[] {
    return [...this.bySubject.keys()];
  }

  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }

  objects(subject: string, predicate: string): Term[] {
    return this.bySubject.get(subject)?.get(predicate) ?? [];
  }

  predicates(subject: string): [string, Term[]][] {
    return [...(this.bySubject.get(subject) ?? [])];
  }

  types(subject: string): string[] {
    return this.objects(subject, RDF_TYPE).map((t) => t.value);
  }
}

/** The part of an IRI after its last `#` or `/` (`http://x.org/ns#sexDisaggregated` → `sexDisaggregated`). */
export function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** `dct:title` for a known namespace (the file's own prefixes first), else the IRI itself. */
export function compact(iri: string, prefixes: Record<string, string>): string {
  let byIri = compacted.get(prefixes);
  if (!byIri) compacted.set(prefixes, (byIri = new Map()));
  let name = byIri.get(iri);
  if (name === undefined) byIri.set(iri, (name = compactUncached(iri, prefixes)));
  return name;
}

const compacted = new WeakMap<Record<string, string>, Map<string, string>>();

function compactUncached(iri: string, prefixes: Record<string, string>): string {
  let best: [string, string] | undefined;
  for (const [prefix, ns] of [...Object.entries(prefixes), ...Object.entries(NS)]) {
    if (ns && iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}
