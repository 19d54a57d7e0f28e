import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import type SHACLValidator from 'rdf-validate-shacl';
import type { Constraint, Shape } from 'rdf-validate-shacl/src/shapes-graph.js';
import type ValidationEngine from 'rdf-validate-shacl/src/validation-engine.js';

/**
 * rdf-validate-shacl without its report graph. The engine builds every result as an RDF graph
 * (a dataset per result, copied into the report's, with the structure of its path, value and
 * source shape) and every nested check (`sh:node`, `sh:or`, `sh:not`) in a clone that builds a
 * report of its own, only to say whether there was one. On DCAT-AP that was most of the time and
 * all of the memory (docs/performance.md#dcat-ap-shacl-benchmark). odlint reads five terms of a
 * top-level result, so this engine — the library's own, with four methods replaced — collects
 * them as plain objects and only counts nested ones. Which results there are is unchanged: the
 * validators, the traversal and the engine's recursion guard (`maxNodeChecks`) are the library's.
 *
 * It also gives the engine a dataset whose `match` returns a read-only view of the matching
 * quads (in the order the library's `match` would give) instead of indexing them into a new
 * dataset on every lookup.
 */

/** A top-level result, as the report would have held it. */
export interface RawResult {
  focus: Term;
  /** sh:resultPath: a predicate, or the shapes graph's node of a complex path. */
  path: Term | null;
  value: Term | null;
  severity: Term;
  component: Term;
  messages: Term[];
}

type Engine = ValidationEngine & { light: LightState };

interface LightState {
  /** The top-level results; undefined in a nested check (only whether it failed counts there). */
  results: RawResult[] | undefined;
  /** Checks of a focus node against a shape so far (the engine's recursion guard): by shape node, then focus node, each a canonical term. */
  counters: Map<Term, Map<Term, number>>;
  /** Focus nodes are data terms, one object per distinct term (see {@link makeLight}): their object is their identity. */
  dataFocus: boolean;
}

type Validated = boolean | string | undefined | void | { path?: Term; value?: Term | null; message?: string };

let lightProto: object | undefined;

/**
 * Replaces the validator's engine by a light one (`runLight` then validates with it), gives it
 * namespaces that build each term once, and works out once which classes each shape targets.
 */
export function makeLight(validator: SHACLValidator, EngineClass: typeof ValidationEngine, isInstanceOf: IsInstanceOf, rdfListToArray: ListReader): void {
  lightProto ??= lightPrototype(EngineClass);
  validator.validationEngine = lightEngine(validator, 0, true) as never;
  const v = validator as unknown as { ns: Record<string, Namespace>; factory: { namedNode(v: string): Term } };
  for (const [prefix, ns] of Object.entries(v.ns)) v.ns[prefix] = cachedNamespace(ns('').value, v.factory);
  directPaths(validator);
  orAndClass(validator, rdfListToArray);
  for (const shape of validator.shapesGraph.shapesWithTarget) classTargets(validator, shape, isInstanceOf);
  // Without sh:targetNode every focus node is a term of the data graph, whose terms
  // validateTriples makes one object per distinct term.
  const { $shapes, ns } = validator as unknown as { $shapes: Pointer; ns: Record<string, Namespace> };
  if ($shapes.dataset.match(null, ns.sh.targetNode, null).size === 0) dataFocus.add(validator);
}

const dataFocus = new WeakSet<object>();

type ListReader = (list: unknown) => Term[];
type Component = { node: Term; nodeValidationFunction?: ValidationFunction; propertyValidationFunction?: ValidationFunction };
type ValidationFunction = (focus: Term, value: Term | null, constraint: Constraint) => unknown;

/**
 * Two components the library recomputes around every value node: sh:or reads its list of shapes
 * from the shapes graph (clownface pointers) each time — read once per constraint here — and
 * sh:class walks the data's subclass tree — a data graph with no rdfs:subClassOf (DCAT-AP data
 * declares none) answers it with one lookup of the value's rdf:type, which is what the walk
 * comes to there. Each is the library's check with the same answer.
 */
function orAndClass(validator: SHACLValidator, rdfListToArray: ListReader): void {
  const SH = 'http://www.w3.org/ns/shacl#';
  const v = validator as unknown as {
    ns: Record<string, Namespace>;
    $shapes: Pointer;
    $data: { dataset: DatasetCore };
    nodeConformsToShape(node: Term, shape: Term): boolean;
    shapesGraph: { _components: Component[] };
  };
  const { sh, rdf, rdfs } = v.ns;
  const component = (name: string) => v.shapesGraph._components.find((c) => c.node.value === `${SH}${name}ConstraintComponent`);
  const replace = (c: Component | undefined, fn: (library: ValidationFunction) => ValidationFunction) => {
    if (c?.nodeValidationFunction) c.nodeValidationFunction = fn(c.nodeValidationFunction);
    if (c?.propertyValidationFunction) c.propertyValidationFunction = fn(c.propertyValidationFunction);
  };
  const lists = new WeakMap<Constraint, Term[]>();
  replace(component('Or'), () => (_focus, value, constraint) => {
    let shapes = lists.get(constraint);
    if (!shapes) lists.set(constraint, (shapes = rdfListToArray(v.$shapes.node(constraint.getParameterValue(sh.or) as Term))));
    return shapes.some((shape) => v.nodeConformsToShape(value as Term, shape));
  });
  replace(component('Class'), (library) => (focus, value, constraint) => {
    const data = v.$data.dataset;
    if (!value || declaresSubclasses(data, rdfs.subClassOf)) return library(focus, value, constraint);
    return data.match(value, rdf.type, constraint.getParameterValue(sh.class) as Term).size > 0;
  });
}

const subclassing = new WeakMap<DatasetCore, boolean>();

/** Whether a data graph has rdfs:subClassOf statements (asked once per graph). */
function declaresSubclasses(data: DatasetCore, subClassOf: Term): boolean {
  let yes = subclassing.get(data);
  if (yes === undefined) subclassing.set(data, (yes = data.match(null, subClassOf, null).size > 0));
  return yes;
}

/**
 * Where a property shape's path is one predicate (nearly all of DCAT-AP's), its values and
 * their count (sh:minCount, sh:maxCount) are read with one `match` of the data: what the
 * library's property-path walk gives for such a path — the objects, in match order, once each
 * — without building pointers and sets around each lookup. Other paths keep the library's walk.
 */
function directPaths(validator: SHACLValidator): void {
  type Graph = { getShape(n: Term): Shape; _components: { node: Term; propertyValidationFunction?: (f: Term, v: Term | null, c: Constraint) => unknown }[] };
  const graph = validator.shapesGraph as unknown as Graph;
  const predicate = (shape: Shape): Term | undefined => {
    const p = shape.pathObject as Term | null;
    return p && 'termType' in p && p.termType === 'NamedNode' ? p : undefined;
  };
  const data = () => (validator as unknown as { $data: { dataset: DatasetCore } }).$data.dataset;
  const getShape = graph.getShape.bind(graph);
  const direct = new WeakSet<Shape>();
  // The library finds a shape by its node's value; the same node objects come back all the time.
  const byNode = new WeakMap<object, Shape>();
  graph.getShape = (node: Term) => {
    let shape = byNode.get(node);
    if (shape) return shape;
    shape = getShape(node);
    byNode.set(node, shape);
    if (direct.has(shape)) return shape;
    direct.add(shape);
    const p = predicate(shape);
    if (p) shape.getValueNodes = (focus: Term, dataGraph: { dataset: DatasetCore }) => objectsOf(dataGraph.dataset, focus, p);
    return shape;
  };
  const SH = 'http://www.w3.org/ns/shacl#';
  for (const [name, param, ok] of [
    ['MinCount', 'minCount', (n: number, limit: number) => n >= limit],
    ['MaxCount', 'maxCount', (n: number, limit: number) => n <= limit],
  ] as const) {
    const component = graph._components.find((c) => c.node.value === `${SH}${name}ConstraintComponent`);
    const library = component?.propertyValidationFunction;
    if (!component || !library) continue;
    component.propertyValidationFunction = (focus, value, constraint) => {
      const p = predicate(constraint.shape);
      const limit = constraint.getParameterValue({ termType: 'NamedNode', value: `${SH}${param}` } as never) as Term | undefined;
      if (!p || !limit) return library(focus, value, constraint);
      const d = data();
      return ok(d instanceof QuadIndex ? d.count(focus, p) : d.match(focus, p, null).size, Number(limit.value));
    };
  }
}

/** The objects of (focus, p), in match order. */
function objectsOf(d: DatasetCore, focus: Term, p: Term): Term[] {
  return d instanceof QuadIndex ? d.objects(focus, p) : [...d.match(focus, p, null)].map((q) => q.object);
}

type Namespace = ((local?: string) => Term) & Record<string, Term>;
type IsInstanceOf = (instance: unknown, cls: unknown, ns: unknown) => boolean;
type Pointer = { node(t: Term): Pointer; dataset: DatasetCore };

/** A namespace (as @rdfjs/namespace makes them) that returns the same term for the same name. */
function cachedNamespace(base: string, factory: { namedNode(v: string): Term }): Namespace {
  const terms = new Map<string, Term>();
  const build = (local: string | { raw: string } = '') => {
    const name = typeof local === 'string' ? local : local.raw;
    let t = terms.get(name);
    if (!t) terms.set(name, (t = factory.namedNode(`${base}${name}`)));
    return t;
  };
  return new Proxy(build, { apply: (target, _this, args) => target(args[0]), get: (target, name) => target(name as string) }) as unknown as Namespace;
}

/**
 * A shape targeting classes only (all of DCAT-AP's) gets its focus nodes as the library would
 * — the instances of each class, in order, once each — without reading the shapes graph again
 * for every validation: the classes are read once. A data graph that declares subclasses, or a
 * shape with other targets, keeps the library's method.
 */
function classTargets(validator: SHACLValidator, shape: Shape, isInstanceOf: IsInstanceOf): void {
  const v = validator as unknown as { $shapes: Pointer; ns: Record<string, Namespace> };
  const { sh, rdf, rdfs } = v.ns;
  const node = shape.shapeNode as Term;
  const others = [sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf].some((p) => v.$shapes.dataset.match(node, p, null).size > 0);
  if (others) return;
  const classes = [...(isInstanceOf(v.$shapes.node(node), v.$shapes.node(rdfs.Class), v.ns) ? [node] : []), ...[...v.$shapes.dataset.match(node, sh.targetClass, null)].map((q) => q.object)];
  const library = shape.getTargetNodes.bind(shape);
  shape.getTargetNodes = (dataGraph: Pointer) => {
    const data = dataGraph.dataset;
    if (declaresSubclasses(data, rdfs.subClassOf)) return library(dataGraph as never);
    if (classes.length === 1) return instancesOf(data, rdf.type, classes[0]!);
    const out = new Map<string, Term>();
    for (const c of classes) for (const t of instancesOf(data, rdf.type, c)) if (!out.has(termKey(t))) out.set(termKey(t), t);
    return [...out.values()];
  };
}

const instances = new WeakMap<DatasetCore, Map<string, Term[]>>();

/**
 * The instances of a class in a data graph, in match order, once each: read once per graph and
 * class, not once per shape (the shape sets have many shapes per class). Callers only read it.
 */
function instancesOf(data: DatasetCore, type: Term, cls: Term): Term[] {
  let byClass = instances.get(data);
  if (!byClass) instances.set(data, (byClass = new Map()));
  let list = byClass.get(termKey(cls));
  if (!list) {
    const seen = new Set<string>();
    list = [];
    for (const q of data.match(null, type, cls)) if (!seen.has(termKey(q.subject))) seen.add(termKey(q.subject)), list.push(q.subject);
    byClass.set(termKey(cls), list);
  }
  return list;
}

/** Validates `data` (a dataset of the validator's factory) and returns the top-level results. */
export async function runLight(validator: SHACLValidator, data: DatasetCore): Promise<RawResult[]> {
  await (validator as unknown as { loadOwlImports(): Promise<void> }).loadOwlImports();
  (validator as unknown as { setDataGraph(d: DatasetCore): void }).setDataGraph(data);
  const engine = validator.validationEngine as unknown as Engine;
  engine.validateAll((validator as unknown as { $data: never }).$data);
  if (engine.validationError) throw engine.validationError;
  return engine.light.results ?? [];
}

function lightEngine(context: SHACLValidator, recordErrorsLevel: number, top: boolean): Engine {
  const e = Object.create(lightProto!) as Engine;
  Object.assign(e, {
    context,
    factory: context.factory,
    maxErrors: undefined,
    maxNodeChecks: 50,
    recordErrorsLevel,
    violationsCount: 0,
    validationError: null,
    nestedResults: {},
    nodeCheckCounters: {},
    light: { results: top ? [] : undefined, counters: new Map(), dataFocus: dataFocus.has(context) },
  });
  return e;
}

function lightPrototype(EngineClass: typeof ValidationEngine): object {
  const proto = Object.create(EngineClass.prototype) as Record<string, unknown>;
  proto.initReport = function (this: Engine) {
    this.light.counters = new Map();
    if (this.light.results) this.light.results = [];
    canonicalTerms.delete(this.context);
  };
  proto.clone = function (this: Engine, { recordErrorsLevel }: { recordErrorsLevel?: number } = {}) {
    return lightEngine(this.context, recordErrorsLevel ?? 0, false);
  };
  // The library's method, with its check counter counting the same (focus node, shape node)
  // pairs — the library keys them by the JSON of the two terms, that is by their value — in maps
  // keyed by one object per distinct term, without building a string per check.
  proto.validateNodeAgainstShape = function (this: Engine, focusNode: Term, shape: Shape, dataGraph: unknown) {
    if (shape.deactivated) return false;
    // A shape node is one object per value: the library makes one shape per node value.
    let perFocus = this.light.counters.get(shape.shapeNode as Term);
    if (!perFocus) this.light.counters.set(shape.shapeNode as Term, (perFocus = new Map()));
    const focus = this.light.dataFocus ? focusNode : canonical(this.context)(focusNode);
    const count = perFocus.get(focus) ?? 0;
    if (count > this.maxNodeChecks) return false;
    perFocus.set(focus, count + 1);
    const valueNodes = shape.getValueNodes(focusNode, dataGraph as never);
    let errorFound = false;
    for (const constraint of shape.constraints) {
      if (this.validateNodeAgainstConstraint(focusNode, valueNodes, constraint, dataGraph as never)) errorFound = true;
    }
    return errorFound;
  };
  // The library's method without what odlint never uses (a maximum of errors, the violation
  // count it feeds), and with each constraint's validation function looked up once instead of
  // a closure made by a getter on every call.
  proto.validateNodeAgainstConstraint = function (this: Engine, focusNode: Term, valueNodes: Term[], constraint: Constraint, dataGraph: unknown) {
    const c = compiled(this.context, constraint);
    if (c.property) {
      const shape = (this.context.shapesGraph as unknown as { getShape(n: Term): Shape }).getShape(constraint.paramValue as Term);
      let errorFound = false;
      for (const valueNode of valueNodes) if (this.validateNodeAgainstShape(valueNode, shape, dataGraph as never)) errorFound = true;
      return errorFound;
    }
    if (!c.fn) throw new Error('Cannot find validator for constraint component ' + (constraint.component.node as Term).value);
    if (!c.generic) return this.validateValueNodeAgainstConstraint(focusNode, null, constraint);
    let errorFound = false;
    for (const valueNode of valueNodes) errorFound = this.validateValueNodeAgainstConstraint(focusNode, valueNode, constraint) || errorFound;
    return errorFound;
  };
  proto.validateValueNodeAgainstConstraint = function (this: Engine, focusNode: Term, valueNode: Term | null, constraint: Constraint) {
    this.recordErrorsLevel++;
    const output = compiled(this.context, constraint).fn!(focusNode, valueNode, constraint) as Validated | Validated[];
    let found = false;
    const one = (out: Validated) => {
      const result = this.normalizeValidationResult(out as never, valueNode);
      if (!result) return;
      found = true;
      if (this.recordErrorsLevel === 1 && this.light.results) this.light.results.push(rawResult(this, result, constraint, focusNode, valueNode));
    };
    if (Array.isArray(output)) for (const out of output) one(out);
    else one(output);
    this.recordErrorsLevel--;
    return found;
  };
  return proto;
}

/** What `createResultFromObject` would have written into the report, as terms. */
function rawResult(engine: Engine, r: { path?: Term; value?: Term | null; message?: string }, constraint: Constraint, focusNode: Term, valueNode: Term | null): RawResult {
  const shape = constraint.shape;
  const shapePath = shape.isPropertyShape ? ((shape as unknown as { path?: { term?: Term } }).path?.term ?? null) : null;
  // Without a message of the validator's own, the messages are the constraint's: made once.
  let messages = r.message ? undefined : constraintMessages.get(constraint);
  if (!messages) {
    messages = [];
    const seen = new Set<string>();
    // A result's messages are a set in the report graph: the same literal once.
    for (const m of (engine as unknown as { createResultMessages(r: unknown, c: Constraint): Term[] }).createResultMessages(r, constraint)) {
      const k = json(m);
      if (!seen.has(k)) seen.add(k), messages.push(m);
    }
    if (!r.message) constraintMessages.set(constraint, messages);
  }
  return {
    focus: focusNode,
    path: r.path ?? shapePath,
    value: r.value ?? valueNode ?? null,
    severity: shape.severity as Term,
    component: constraint.component.node as Term,
    messages,
  };
}

const constraintMessages = new WeakMap<Constraint, Term[]>();

interface Compiled {
  /** sh:property: each value node is checked against the property shape. */
  property: boolean;
  /** The component's validation function for this shape (node or property), called as the getter's closure would. */
  fn?: ValidationFunction;
  /** Called once per value node (the library's "generic" sh:validator), else once with no value node. */
  generic: boolean;
}

const COMPILED = Symbol('odlint compiled constraint');

/** What the library's getters work out about a constraint on every call, worked out once (kept on the constraint). */
function compiled(context: SHACLValidator, constraint: Constraint): Compiled {
  const holder = constraint as unknown as { [COMPILED]?: Compiled };
  let c = holder[COMPILED];
  if (c) return c;
  const { sh } = (context as unknown as { ns: Record<string, Namespace> }).ns;
  const k = constraint as unknown as { component: { validator?: unknown; node: Term }; validationFunction?: ValidationFunction; isValidationFunctionGeneric?: boolean };
  c = {
    property: sh.PropertyConstraintComponent.equals(k.component.node),
    fn: k.component.validator && k.validationFunction ? k.validationFunction : undefined,
    generic: Boolean(k.isValidationFunctionGeneric),
  };
  holder[COMPILED] = c;
  return c;
}

/**
 * One object per distinct term (type, value, language, datatype) in a validation, so that the
 * check counter can key maps by object.
 */
const canonicalTerms = new WeakMap<object, (t: Term) => Term>();

function canonical(context: SHACLValidator): (t: Term) => Term {
  let of = canonicalTerms.get(context);
  if (of) return of;
  const byObject = new WeakMap<object, Term>();
  const byKey = new Map<string, Term>();
  of = (t) => {
    let c = byObject.get(t);
    if (c) return c;
    const lit = t.termType === 'Literal' ? (t as Term & { language: string; datatype?: Term }) : undefined;
    const k = `${t.termType}\u0000${t.value}${lit ? `\u0000${lit.language}\u0000${lit.datatype?.value ?? ''}` : ''}`;
    c = byKey.get(k);
    if (!c) byKey.set(k, (c = t));
    byObject.set(t, c);
    return c;
  };
  canonicalTerms.set(context, of);
  return of;
}

const jsonOf = new WeakMap<object, string>();

function json(t: Term): string {
  let s = jsonOf.get(t);
  if (s === undefined) jsonOf.set(t, (s = JSON.stringify(t)));
  return s;
}

/**
 * The factory the engine gets: the library's, with datasets that are a {@link QuadIndex} and
 * namespaces that build each term once.
 */
export function withQuadIndex<F extends { dataset(quads?: Iterable<Quad>): DatasetCore; namedNode(v: string): Term }>(factory: F): F {
  // clownface asks for its namespaces (rdf:first, rdf:rest…) on every pointer it makes.
  const namespaces = new Map<string, Namespace>();
  const namespace = (base: string) => {
    let ns = namespaces.get(base);
    if (!ns) namespaces.set(base, (ns = cachedNamespace(base, factory)));
    return ns;
  };
  return Object.create(factory, { dataset: { value: (quads?: Iterable<Quad>) => new QuadIndex(quads) }, namespace: { value: namespace } }) as F;
}

interface Entry {
  s: number;
  p: number;
  o: number;
  quad: Quad;
}

/** Entries grouped by one id, then by a second, each level iterated in ascending id order. */
class Level2 {
  readonly map = new Map<number, Map<number, Entry[]>>();
  private sorted = new Map<number, number[]>();

  add(a: number, b: number, e: Entry): void {
    let m = this.map.get(a);
    if (!m) this.map.set(a, (m = new Map()));
    const list = m.get(b);
    if (list) list.push(e);
    else m.set(b, [e]);
    this.sorted.delete(a);
  }

  /** The second-level keys under `a`, ascending. */
  keys(a: number): number[] {
    let k = this.sorted.get(a);
    if (!k) this.sorted.set(a, (k = [...(this.map.get(a)?.keys() ?? [])].sort((x, y) => x - y)));
    return k;
  }
}

/** The quads of one graph, indexed three ways. */
class GraphPart {
  /** subject → predicate → entries (by object), predicate → object → (by subject), object → subject → (by predicate). */
  readonly spo = new Level2();
  readonly pos = new Level2();
  readonly osp = new Level2();
  ordered = true;

  add(e: Entry): void {
    this.spo.add(e.s, e.p, e);
    this.pos.add(e.p, e.o, e);
    this.osp.add(e.o, e.s, e);
    this.ordered = false;
  }

  find(si: number, pi: number, oi: number, out: Quad[]): void {
    if (!this.ordered) this.sort();
    const take = (level: Level2, a: number, b: number, c: number) => {
      const m = level.map.get(a);
      if (!m) return;
      for (const k of b ? [b] : level.keys(a)) for (const e of m.get(k) ?? []) if (!c || e.p === c) out.push(e.quad);
    };
    if (si && oi) take(this.osp, oi, si, pi);
    else if (si) take(this.spo, si, pi, 0);
    else if (pi) take(this.pos, pi, oi, 0);
    else if (oi) take(this.osp, oi, 0, 0);
    else for (const a of [...this.spo.map.keys()].sort((x, y) => x - y)) take(this.spo, a, 0, 0);
  }

  /** The entries of (subject, predicate), in the order `find` gives them. */
  entries(si: number, pi: number): Entry[] | undefined {
    if (!this.ordered) this.sort();
    return this.spo.map.get(si)?.get(pi);
  }

  /** Orders each innermost list by its last id, as @rdfjs/dataset's object keys are. */
  private sort(): void {
    for (const [level, last] of [
      [this.spo, (e: Entry) => e.o],
      [this.pos, (e: Entry) => e.s],
      [this.osp, (e: Entry) => e.p],
    ] as const) {
      for (const m of level.map.values()) for (const list of m.values()) if (list.length > 1) list.sort((a, b) => last(a) - last(b));
    }
    this.ordered = true;
  }
}

/**
 * An RDF/JS dataset for the engine's many small lookups. It answers `match` exactly as
 * @rdfjs/dataset 2.0 does — the same quads in the same order: graph by graph, terms numbered as
 * first added (subject, predicate, object), each index iterated in ascending number — but from
 * Map indexes, and returns a {@link MatchView} rather than a new indexed dataset.
 */
export class QuadIndex implements DatasetCore {
  private readonly ids = new Map<string, number>();
  /** The same numbers by term object: the engine asks about the same few terms over and over. */
  private readonly byTerm = new WeakMap<object, number>();
  private readonly keys = new Set<string>();
  private readonly graphs = new Map<string, GraphPart>();

  constructor(quads?: Iterable<Quad>) {
    for (const q of quads ?? []) this.add(q);
  }

  get size(): number {
    return this.keys.size;
  }

  add(quad: Quad): this {
    const g = graphKey(quad.graph);
    const s = this.id(quad.subject);
    const p = this.id(quad.predicate);
    const o = this.id(quad.object);
    const key = `${s} ${p} ${o} ${g}`;
    if (this.keys.has(key)) return this;
    this.keys.add(key);
    let part = this.graphs.get(g);
    if (!part) this.graphs.set(g, (part = new GraphPart()));
    part.add({ s, p, o, quad });
    return this;
  }

  delete(): this {
    throw new Error('QuadIndex does not delete');
  }

  has(quad: Quad): boolean {
    return this.find(quad.subject, quad.predicate, quad.object, quad.graph ?? null).length > 0;
  }

  match(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): DatasetCore {
    return new MatchView(this.find(s, p, o, g));
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.find(null, null, null, null)[Symbol.iterator]();
  }

  /**
   * The objects of (subject, predicate): what `match(s, p, null)` holds, in its order — with the
   * subject and predicate fixed, a match of one graph is already in that order (MatchView numbers
   * the terms as met: the objects come in ascending order), unless an object is the subject or
   * the predicate itself, which MatchView numbers first.
   */
  objects(s: Term, p: Term): Term[] {
    const slow = () => [...this.match(s, p, null)].map((q) => q.object);
    if (this.graphs.size > 1) return slow();
    const si = this.known(s);
    const pi = this.known(p);
    if (si < 0 || pi < 0) return [];
    const list = this.graphs.values().next().value?.entries(si, pi);
    if (!list) return [];
    const out = new Array<Term>(list.length);
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (list.length > 1 && (e.o === si || e.o === pi)) return slow();
      out[i] = e.quad.object;
    }
    return out;
  }

  /** How many quads `match(s, p, null)` holds. */
  count(s: Term, p: Term): number {
    const si = this.known(s);
    const pi = this.known(p);
    if (si < 0 || pi < 0) return 0;
    let n = 0;
    for (const part of this.graphs.values()) n += part.entries(si, pi)?.length ?? 0;
    return n;
  }

  private id(t: Term): number {
    let n = this.byTerm.get(t);
    if (n !== undefined) return n;
    const k = termKey(t);
    n = this.ids.get(k);
    if (n === undefined) this.ids.set(k, (n = this.ids.size + 1));
    this.byTerm.set(t, n);
    return n;
  }

  /** The number of a term, 0 for none, -1 for a term the dataset does not hold. */
  private known(t: Term | null | undefined): number {
    if (!t) return 0;
    let n = this.byTerm.get(t);
    if (n !== undefined) return n;
    n = this.ids.get(termKey(t));
    if (n === undefined) return -1;
    this.byTerm.set(t, n);
    return n;
  }

  /** The matching quads in @rdfjs/dataset's order (its choice of index for each pattern). */
  private find(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): Quad[] {
    const si = this.known(s);
    const pi = this.known(p);
    const oi = this.known(o);
    const out: Quad[] = [];
    if (si < 0 || pi < 0 || oi < 0) return out;
    if (g) this.graphs.get(graphKey(g))?.find(si, pi, oi, out);
    else for (const part of this.graphs.values()) part.find(si, pi, oi, out);
    return out;
  }
}

const graphKey = (g: Term | null | undefined): string => (!g || g.termType === 'DefaultGraph' ? '' : termKey(g));

/**
 * The quads of a `match`, iterated in the order a new @rdfjs/dataset of them would give (the
 * library returns one): by subject, predicate and object, each numbered as first met.
 */
class MatchView implements DatasetCore {
  private ordered: Quad[] | undefined;
  constructor(private readonly quads: Quad[]) {}

  get size(): number {
    return this.quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.inOrder()[Symbol.iterator]();
  }

  match(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): DatasetCore {
    return new QuadIndex(this.inOrder()).match(s, p, o, g);
  }

  has(quad: Quad): boolean {
    return new QuadIndex(this.quads).has(quad);
  }

  add(): this {
    throw new Error('a match result is read-only');
  }

  delete(): this {
    throw new Error('a match result is read-only');
  }

  private inOrder(): Quad[] {
    if (this.ordered) return this.ordered;
    if (this.quads.length < 2) return (this.ordered = this.quads);
    const ids = new Map<string, number>();
    const id = (t: Term) => {
      const k = termKey(t);
      let n = ids.get(k);
      if (n === undefined) ids.set(k, (n = ids.size));
      return n;
    };
    const graphs = new Map<string, number>();
    const keyed = this.quads.map((q) => {
      const g = graphKey(q.graph);
      if (!graphs.has(g)) graphs.set(g, graphs.size);
      return [graphs.get(g)!, id(q.subject), id(q.predicate), id(q.object), q] as const;
    });
    keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    return (this.ordered = keyed.map((k) => k[4]));
  }
}

/** A term's identity as @rdfjs/dataset keys it. */
function termKey(t: Term): string {
  if (t.termType === 'Literal') {
    const dt = t.datatype && t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? `^^${t.datatype.value}` : '';
    return t.language ? `"${t.value}"@${t.language}` : `"${t.value}"${dt}`;
  }
  return t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
}
