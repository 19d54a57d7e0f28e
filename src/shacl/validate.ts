import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import type { RdfTerm, RdfTriple } from '../model/index.js';
import { SHAPE_SETS, shapesText, type ShapeSetId } from './shape-sets.js';

/**
 * Runs the vendored DCAT-AP shapes with rdf-validate-shacl (chosen over shacl-engine:
 * docs/dcat-ap-shacl.md#engine). The engine and n3 are imported on first use only: a run with
 * no `dcat-ap/*` rule never loads them.
 */

export type ShaclSeverity = 'Violation' | 'Warning' | 'Info';

export interface ShaclResult {
  set: ShapeSetId;
  /** IRI, or `_:label` for a blank node. */
  focus: string;
  /** The predicate IRI; a complex path written as Jena does (`^<p>|(<a>/<b>)`); '' for a node constraint. */
  path: string;
  /** Local name of the constraint component (`MinCountConstraintComponent`). */
  component: string;
  severity: ShaclSeverity;
  /** sh:resultMessage (the shape's sh:message, else the engine's). */
  message: string;
  /** The offending value: an IRI, `_:label`, or a literal's lexical form in double quotes. */
  value?: string;
}

const SH = 'http://www.w3.org/ns/shacl#';

interface Engine {
  validator: import('rdf-validate-shacl').default;
  factory: import('rdf-validate-shacl').default['factory'];
  /** A complex path's string, per node of the shapes graph (the same few paths over and over). */
  paths: Map<string, string>;
}

const engines = new Map<ShapeSetId, Promise<Engine>>();

function engineFor(set: ShapeSetId): Promise<Engine> {
  let e = engines.get(set);
  if (!e) engines.set(set, (e = makeEngine(set)));
  return e;
}

async function makeEngine(set: ShapeSetId): Promise<Engine> {
  const [{ default: SHACLValidator }, { default: defaultFactory }, { default: ValidationEngine }, { Parser }, { makeLight, withQuadIndex }, { isInstanceOf, rdfListToArray }] = await Promise.all([
    import('rdf-validate-shacl'),
    import('rdf-validate-shacl/src/defaultEnv.js'),
    import('rdf-validate-shacl/src/validation-engine.js'),
    import('n3'),
    import('./light-engine.js'),
    import('rdf-validate-shacl/src/dataset-utils.js'),
  ]);
  const factory = withQuadIndex(defaultFactory);
  const quads: Quad[] = [];
  for (const file of SHAPE_SETS[set]) quads.push(...(new Parser({ baseIRI: `urn:odlint:shapes:${file}` }).parse(shapesText(file)) as Quad[]));
  // The shapes' owl:imports name the ontologies and code lists the profile reuses, not shapes:
  // nothing is fetched (the code lists are given with the data, src/shacl/vocabularies.ts).
  const validator = new SHACLValidator(factory.dataset(quads), { factory, importGraph: () => factory.dataset() });
  makeLight(validator, ValidationEngine, isInstanceOf as never, rdfListToArray as never);
  return { validator, factory, paths: new Map() };
}

/** Validates the triples against each set; results in the engine's order, per set in the order given. */
export async function validateTriples(triples: Iterable<RdfTriple>, sets: readonly ShapeSetId[]): Promise<ShaclResult[]> {
  const { runLight } = await import('./light-engine.js');
  const out: ShaclResult[] = [];
  let data: DatasetCore | undefined;
  for (const set of sets) {
    const { validator, factory, paths } = await engineFor(set);
    const graph = (data ??= dataGraph(factory, triples));
    for (const r of await runLight(validator, graph)) {
      const component = r.component.value.replace(SH, '');
      const severity = r.severity.value.replace(SH, '') as ShaclSeverity;
      const message = r.messages.map((m) => m.value).join(' ');
      const value = r.value ? valueOf(r.value) : undefined;
      out.push({ set, focus: key(r.focus), path: pathString(validator.$shapes.dataset, r.path, paths), component, severity, message, ...(value !== undefined ? { value } : {}) });
    }
  }
  return out;
}

type Factory = Engine['factory'];

/** Predicate terms, made once: the data graphs use a few dozen predicates over and over (capped, for inputs that do not). */
const predicates = new Map<string, Term>();

/**
 * The data as a dataset of the engine's factory, with one term object per distinct term: the
 * engine's check counter takes a focus node's object for its identity (light-engine.ts).
 */
function dataGraph(f: Factory, triples: Iterable<RdfTriple>): DatasetCore {
  const quads: Quad[] = [];
  const terms = new Map<string, Term>();
  const term = (t: RdfTerm): Term => {
    const k = t.kind === 'literal' ? `L${t.lang ?? ''}\u0000${t.lang || !t.datatype || t.datatype === XSD_STRING ? '' : t.datatype}\u0000${t.value}` : `${t.kind === 'iri' ? 'I' : 'B'}${t.value}`;
    let made = terms.get(k);
    if (!made) terms.set(k, (made = toTerm(f, t)));
    return made;
  };
  for (const [s, p, o] of triples) {
    let predicate = predicates.get(p);
    if (!predicate) {
      predicate = f.namedNode(p) as Term;
      if (predicates.size < 4096) predicates.set(p, predicate);
    }
    quads.push(f.quad(term(s) as never, predicate as never, term(o) as never));
  }
  return f.dataset(quads);
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

function toTerm(f: Factory, t: RdfTerm): Term {
  if (t.kind === 'iri') return f.namedNode(t.value);
  if (t.kind === 'blank') return f.blankNode(t.value);
  if (t.lang) return f.literal(t.value, t.lang);
  return f.literal(t.value, t.datatype ? f.namedNode(t.datatype) : undefined);
}

/** A result's value: the IRI, `_:label`, or a literal's lexical form in double quotes. */
function valueOf(t: Term): string {
  if (t.termType !== 'Literal') return key(t);
  return `"${t.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

function key(t: Term): string {
  return t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
}

/** A result path: the predicate, or the path's structure (in the shapes graph) written as Jena writes it. */
function pathString(shapes: DatasetCore, path: Term | null, cache: Map<string, string>): string {
  if (!path) return '';
  if (path.termType === 'NamedNode') return path.value;
  let s = cache.get(path.value);
  if (s === undefined) cache.set(path.value, (s = complexPath(shapes, path, 0)));
  return s;
}

function complexPath(g: DatasetCore, node: Term, depth: number): string {
  if (node.termType === 'NamedNode') return `<${node.value}>`;
  if (depth > 8) return '?';
  const one = (p: string) => [...g.match(node, { termType: 'NamedNode', value: p } as never)][0]?.object;
  const inverse = one(`${SH}inversePath`);
  if (inverse) return `^${complexPath(g, inverse, depth + 1)}`;
  const alternative = one(`${SH}alternativePath`);
  if (alternative) return listOf(g, alternative).map((p) => complexPath(g, p, depth + 1)).join('|');
  const list = listOf(g, node);
  if (list.length) return `(${list.map((p) => complexPath(g, p, depth + 1)).join('/')})`;
  for (const [prop, op] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = one(`${SH}${prop}`);
    if (inner) return `${complexPath(g, inner, depth + 1)}${op}`;
  }
  return '?';
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

function listOf(g: DatasetCore, head: Term): Term[] {
  const out: Term[] = [];
  for (let n: Term | undefined = head; n && n.value !== `${RDF}nil` && out.length < 64; ) {
    const first = [...g.match(n, { termType: 'NamedNode', value: `${RDF}first` } as never)][0]?.object;
    if (!first) break;
    out.push(first);
    n = [...g.match(n, { termType: 'NamedNode', value: `${RDF}rest` } as never)][0]?.object;
  }
  return out;
}
