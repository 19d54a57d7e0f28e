import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DEFAULT_LIMITS,
  emptyDataset,
  emptyDistribution,
  type Agent,
  type Dataset,
  type DatasetFlags,
  type Distribution,
  type Licence,
  type Located,
  type Period,
  setDatasetRdf,
  type PositionResolver,
  type RdfDocument,
  type SourceLocation,
  type Texts,
} from '../model/index.js';
import { bool, DEFAULT_FLAG_KEYS, num, set, setExtra, unique } from './build.js';
import { descriptorDir, isUrl, resolveDataRef } from './paths.js';
import { SyntaxProblem } from './parse.js';
import { compact, localName, NS, termKey, type Graph, type Term } from './rdf-graph.js';
import { jsonLdLocator, turtleLocator, xmlLocator, type Place, type RdfLocator, type Via } from './rdf-locate.js';
import { parseJsonLd } from './rdf-jsonld.js';
import { parseRdfText, type ParsedRdf, type RdfLimits, type RdfSyntax } from './rdf-parse.js';
import type { LoadIssue, LoadResult, ParsedDocument } from './types.js';
import { isHttpUrl } from '../util/http-url.js';
import { definedOnly } from '../util/objects.js';

/**
 * DCAT-AP (and plain DCAT) in Turtle, N-Triples, RDF/XML or JSON-LD: every dcat:Dataset and
 * dcat:DatasetSeries becomes a dataset, its dcat:distribution objects its distributions, with
 * DCAT-AP 3 properties mapped onto the model. Values keep their subject and predicate, and the
 * line where the file writes them when it can be found.
 */

/**
 * The IRIs the loader reads, made once: a graph lookup keyed by a string built at each call
 * (`${NS.dct}title`) hashes that new string every time, several times the cost of the lookup.
 */
const iris = <K extends string>(ns: string, names: readonly K[]): Record<K, string> => Object.fromEntries(names.map((n) => [n, ns + n])) as Record<K, string>;
const ADMS = iris(NS.adms, ['contactPoint']);
const DC = iris(NS.dc, ['language']);
const DCAT = iris(NS.dcat, ['Dataset', 'DatasetSeries', 'accessService', 'accessURL', 'bbox', 'byteSize', 'centroid', 'contactPoint', 'dataset', 'distribution', 'downloadURL', 'endDate', 'endpointURL', 'keyword', 'landingPage', 'mediaType', 'startDate', 'theme']);
const DCATAP = iris(NS.dcatap, ['applicableLegislation', 'hvdCategory']);
const DCT = iris(NS.dct, ['accessRights', 'accrualPeriodicity', 'conformsTo', 'description', 'format', 'identifier', 'issued', 'language', 'license', 'modified', 'publisher', 'rights', 'spatial', 'temporal', 'title']);
const FOAF = iris(NS.foaf, ['homepage', 'mbox', 'name', 'page']);
const LOCN = iris(NS.locn, ['geometry']);
const RDF = iris(NS.rdf, ['value']);
const RDFS = iris(NS.rdfs, ['label']);
const SCHEMA = iris(NS.schema, ['endDate', 'startDate']);
const SKOS = iris(NS.skos, ['prefLabel']);
const SPDX = iris(NS.spdx, ['algorithm', 'checksum', 'checksumValue']);
const TIME = iris(NS.time, ['hasBeginning', 'hasEnd']);
const VCARD = iris(NS.vcard, ['fn', 'hasEmail', 'hasURL', 'organization-name', 'value']);

/**
 * A Turtle/N-Triples/N3/RDF-XML file. Throws `SyntaxProblem` when nothing of it can be read (or
 * its XML is not well-formed), `LimitExceeded` past the limits; errors the parser read around and
 * wrong terms are issues at their line.
 */
export async function loadRdfText(file: string, text: string, syntax: RdfSyntax, limits: RdfLimits = DEFAULT_LIMITS): Promise<LoadResult> {
  const base = isUrl(file) ? file : pathToFileURL(path.resolve(file)).href;
  const parsed = await parseRdfText(text, syntax, base, limits);
  const { graph, prefixes } = parsed;
  const locate = syntax === 'rdfxml' ? xmlLocator(file, text, graph, base) : turtleLocator(file, text, graph, prefixes, base);
  const result = mapGraph({ graph, locate, prefixes, file, dir: descriptorDir(file) });
  result.issues.push(...parseIssues(parsed, locate, file, result.datasets));
  if (parsed.paging) result.paging = parsed.paging;
  return result;
}

/** A JSON-LD document already parsed as JSON. Throws `SyntaxProblem` when it is not valid JSON-LD. */
export async function loadJsonLd(doc: ParsedDocument, limits: RdfLimits = DEFAULT_LIMITS): Promise<LoadResult> {
  const base = isUrl(doc.file) ? doc.file : pathToFileURL(path.resolve(doc.file)).href;
  let parsed;
  try {
    parsed = await parseJsonLd(doc.data, base, limits, doc.position);
  } catch (e) {
    const at = doc.position('/@context');
    if (e instanceof SyntaxProblem && at) throw new SyntaxProblem(e.message, at.line, at.column);
    throw e;
  }
  const { graph, prefixes, notFetched } = parsed;
  const locate = jsonLdLocator(doc, base);
  const result = mapGraph({ graph, locate, prefixes, file: doc.file, dir: doc.dir, position: doc.position });
  for (const { url, ptr } of notFetched) {
    const location: SourceLocation = { file: doc.file, pointer: ptr, ...doc.position(ptr) };
    result.issues.push({ ruleId: 'core/remote-context', messageId: 'notFetched', data: { url }, location });
  }
  result.issues.push(...parseIssues(parsed, locate, doc.file, result.datasets));
  return result;
}

/**
 * Syntax errors read around (`core/parse-error`, at the parser's line, about the file) and wrong
 * terms loaded as written (`core/invalid-rdf-term`, where the parser met them or at their
 * statement, about the dataset whose description holds them).
 */
function parseIssues(parsed: ParsedRdf, locate: RdfLocator, file: string, datasets: Dataset[]): LoadIssue[] {
  const out: LoadIssue[] = parsed.errors.map((e) => ({ ruleId: 'core/parse-error', messageId: 'skipped', data: { message: e.message }, location: { file, line: e.line, column: e.column } }));
  if (!parsed.terms.length) return out;
  const holders = holdersOf(parsed.graph);
  const byKey = new Map(datasets.map((ds) => [ds.at.subject, ds] as const));
  const placeOf = placer(locate, holders);
  const owner = (key: string): Dataset | undefined => {
    let k: string | undefined = key;
    for (let depth = 0; k !== undefined && depth <= 8; depth++, k = holders.get(k)?.holder) if (byKey.has(k)) return byKey.get(k);
    return undefined;
  };
  for (const t of parsed.terms) {
    const statement = locate.at(placeOf(t.subject), t.predicate);
    // The parser's line is exact; where the statement starts on that line, its column is better.
    const sameLine = t.line === undefined || t.line === statement.line;
    const location = sameLine ? statement : { ...statement, line: t.line!, ...(t.column !== undefined ? { column: t.column } : {}) };
    const dataset = owner(t.subject);
    out.push({ ruleId: 'core/invalid-rdf-term', messageId: t.problem.messageId, data: t.problem.data, location, ...(dataset ? { dataset } : {}) });
  }
  return out;
}

type Holders = Map<string, { holder: string; predicate: string; nth: number }>;

/**
 * Where a resource is described. A blank node without a description of its own (`[ … ]`, a nested
 * element or object) is found through the statement that holds it, as the model's nodes are.
 */
function placer(locate: RdfLocator, holders: Holders): (key: string) => Place {
  const placeOf = (key: string, depth = 0): Place => {
    const own = locate.place(key);
    const via = holders.get(key);
    if (own.found.line !== undefined || !key.startsWith('_:') || !via || depth > 8) return own;
    return locate.place(key, { parent: placeOf(via.holder, depth + 1), predicate: via.predicate, nth: via.nth });
  };
  return (key) => placeOf(key);
}

/**
 * The file's graph as the SHACL rules read it (src/shacl/): its triples, its dataset nodes, and
 * where a node states a predicate, for results to point at the source line.
 */
function rdfDocument(graph: Graph, locate: RdfLocator, datasetNodes: string[]): RdfDocument {
  let placeOf: ((key: string) => Place) | undefined;
  return {
    datasetNodes,
    *triples() {
      for (const s of graph.subjects()) {
        const subject: Term = s.startsWith('_:') ? { kind: 'blank', value: s.slice(2) } : { kind: 'iri', value: s };
        for (const [p, objects] of graph.predicates(s)) for (const o of objects) yield [subject, p, o];
      }
    },
    locate(node, predicate) {
      placeOf ??= placer(locate, holdersOf(graph));
      return locate.at(placeOf(node), predicate);
    },
  };
}

/** For each resource that is an object in the graph: the first statement holding it (the nth blank object of its predicate). */
function holdersOf(graph: Graph): Holders {
  const out: Holders = new Map();
  for (const s of graph.subjects()) {
    for (const [predicate, objects] of graph.predicates(s)) {
      let nth = 0;
      for (const t of objects) {
        if (t.kind === 'literal') continue;
        const key = termKey(t);
        if (!out.has(key) && key !== s) out.set(key, { holder: s, predicate, nth });
        if (t.kind === 'blank') nth++;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading the graph

interface Context {
  graph: Graph;
  locate: RdfLocator;
  prefixes: Record<string, string>;
  file: string;
  /** Absolute folder of the file: local data paths must stay inside it. */
  dir: string;
  position?: PositionResolver;
}

type Convert<T> = (terms: Term[], graph: Graph) => T | undefined;

/** One resource of the graph, read predicate by predicate (what is not read goes to extras). */
class Node {
  private readonly used = new Set<string>();
  readonly place: Place;

  constructor(
    readonly ctx: Context,
    readonly key: string,
    via?: Via,
  ) {
    this.place = ctx.locate.place(key, via);
  }

  /** The resource that `term`, the object of `predicate`, names. */
  child(predicate: string, term: Term): Node {
    const key = termKey(term);
    const nth = this.terms(predicate).filter((t) => t.kind === 'blank').findIndex((t) => termKey(t) === key);
    return new Node(this.ctx, key, { parent: this.place, predicate, nth });
  }

  terms(predicate: string): Term[] {
    return this.ctx.graph.objects(this.key, predicate);
  }

  at(predicate?: string): SourceLocation {
    return this.ctx.locate.at(this.place, predicate);
  }

  /** The first of `predicates` whose values `convert` accepts; only an accepted one counts as read. */
  pick<T>(convert: Convert<T>, ...predicates: string[]): { value: T; predicate: string } | undefined {
    for (const predicate of predicates) {
      const terms = this.terms(predicate);
      const value = terms.length ? convert(terms, this.ctx.graph) : undefined;
      if (value !== undefined) {
        this.used.add(predicate);
        return { value, predicate };
      }
    }
    return undefined;
  }

  /** Sets a model property from the first usable predicate; an unusable one still gives the location. */
  put<E extends Located, K extends keyof E & string>(entity: E, property: K, convert: Convert<E[K]>, ...predicates: string[]): void {
    const picked = this.pick(convert, ...predicates);
    if (picked) return set(entity, property, picked.value, this.at(picked.predicate));
    const present = predicates.find((p) => this.terms(p).length);
    if (present) entity.locations[property] = this.at(present);
  }

  markRead(predicate: string): void {
    this.used.add(predicate);
  }

  /** Predicates not read, with their values. */
  rest(): [string, Term[]][] {
    return this.ctx.graph.predicates(this.key).filter(([p]) => !this.used.has(p));
  }
}

const DATASET_TYPES = [DCAT.Dataset, DCAT.DatasetSeries];

/** Typed datasets and series, and any described resource a catalogue lists with dcat:dataset. */
function datasetKeys(graph: Graph): string[] {
  const listed = new Set(graph.subjects().flatMap((s) => graph.objects(s, DCAT.dataset).map(termKey)));
  return graph.subjects().filter((s) => listed.has(s) || graph.types(s).some((t) => DATASET_TYPES.includes(t)));
}

function mapGraph(ctx: Context): LoadResult {
  const issues: LoadIssue[] = [];
  const keys = datasetKeys(ctx.graph);
  const datasets = keys.map((key) => loadDataset(new Node(ctx, key), issues));
  const document = rdfDocument(ctx.graph, ctx.locate, keys);
  datasets.forEach((ds, i) => setDatasetRdf(ds, { document, node: keys[i]! }));
  return { datasets, issues, rdf: document };
}

function loadDataset(node: Node, issues: LoadIssue[]): Dataset {
  const { ctx } = node;
  const ds = emptyDataset({ format: 'dcat-ap', file: ctx.file, ...(ctx.position ? { position: ctx.position } : {}) }, node.at());
  putId(node, ds);
  node.put(ds, 'title', texts, DCT.title);
  node.put(ds, 'description', texts, DCT.description);
  node.put(ds, 'keywords', values, DCAT.keyword);
  node.put(ds, 'themes', values, DCAT.theme);
  putAgent(node, ds, 'publisher', DCT.publisher);
  putAgent(node, ds, 'contactPoint', DCAT.contactPoint, ADMS.contactPoint);
  node.put(ds, 'licence', licence, DCT.license);
  node.put(ds, 'accessRights', value, DCT.accessRights);
  node.put(ds, 'rights', value, DCT.rights);
  node.put(ds, 'temporal', period, DCT.temporal);
  node.put(ds, 'spatial', places, DCT.spatial);
  node.put(ds, 'frequency', value, DCT.accrualPeriodicity);
  node.put(ds, 'issued', value, DCT.issued);
  node.put(ds, 'modified', value, DCT.modified);
  node.put(ds, 'language', values, DCT.language, DC.language);
  node.put(ds, 'conformsTo', values, DCT.conformsTo);
  // foaf:homepage: the landing page of early DCAT drafts (data.london.gov.uk and others).
  node.put(ds, 'landingPage', value, DCAT.landingPage, FOAF.homepage);
  node.put(ds, 'documentation', values, FOAF.page);
  node.put(ds, 'hvdCategory', values, DCATAP.hvdCategory);
  node.put(ds, 'applicableLegislation', values, DCATAP.applicableLegislation);
  putFlags(node, ds);

  const distributions = node.terms(DCAT.distribution).filter((t) => t.kind !== 'literal');
  node.markRead(DCAT.distribution);
  for (const t of distributions) ds.distributions.push(loadDistribution(node.child(DCAT.distribution, t), ds, issues));
  if (!ds.distributions.length && node.terms(DCAT.distribution).length) ds.locations.distributions = node.at(DCAT.distribution);
  restIntoExtras(node, ds);
  return ds;
}

/** The IRI identifies a resource; a blank node only by its dct:identifier, when it has one. */
function putId(node: Node, entity: Dataset | Distribution): void {
  if (!node.key.startsWith('_:')) set(entity, 'id', node.key, node.at());
  else node.put(entity, 'id', value, DCT.identifier);
}

function loadDistribution(node: Node, ds: Dataset, issues: LoadIssue[]): Distribution {
  const dist = emptyDistribution(node.at());
  putId(node, dist);
  node.put(dist, 'title', texts, DCT.title);
  node.put(dist, 'description', texts, DCT.description);
  node.put(dist, 'accessURL', value, DCAT.accessURL);
  node.put(dist, 'downloadURL', value, DCAT.downloadURL);
  node.put(dist, 'format', value, DCT.format);
  node.put(dist, 'mediaType', value, DCAT.mediaType);
  node.put(dist, 'licence', licence, DCT.license);
  node.put(dist, 'rights', value, DCT.rights);
  node.put(dist, 'byteSize', (terms) => num(terms[0]?.value), DCAT.byteSize);
  node.put(dist, 'checksum', checksum, SPDX.checksum);
  node.put(dist, 'issued', value, DCT.issued);
  node.put(dist, 'modified', value, DCT.modified);
  node.put(dist, 'conformsTo', values, DCT.conformsTo);
  node.put(dist, 'accessService', service, DCAT.accessService);
  attachLocalData(node, dist, ds, issues);
  restIntoExtras(node, dist);
  return dist;
}

/**
 * A download/access URL that is a path in the descriptor's folder (a relative IRI resolves to a
 * `file:` IRI beside the file) is a data file to read; one outside the folder is refused.
 */
function attachLocalData(node: Node, dist: Distribution, ds: Dataset, issues: LoadIssue[]): void {
  const property = dist.downloadURL !== undefined ? 'downloadURL' : dist.accessURL !== undefined ? 'accessURL' : undefined;
  if (!property) return;
  const url = dist[property]!;
  let ref = url;
  if (url.toLowerCase().startsWith('file:')) {
    try {
      ref = path.relative(node.ctx.dir, fileURLToPath(url)).split(path.sep).join('/');
    } catch {
      /* a file: IRI with a host: not a local path, refused below */
    }
  }
  // Shown as written (`data/x.csv`), not as the machine-specific file: IRI the parser made of it.
  if (ref !== url) dist[property] = ref;
  const resolved = resolveDataRef(node.ctx.dir, ref);
  const loc = dist.locations[property]!;
  if (resolved.kind === 'local') {
    dist.localPath = resolved.path;
    dist.localRef = ref;
    dist.locations.localPath = loc;
  } else if (resolved.kind === 'outside') {
    issues.push({ ruleId: 'core/unsafe-path', messageId: 'outside', data: { path: ref }, location: loc, dataset: ds });
  }
}

/** Whatever the model does not name stays in extras under its prefixed name (`dct:identifier`). */
function restIntoExtras(node: Node, entity: Dataset | Distribution): void {
  for (const [predicate, terms] of node.rest()) {
    const list = terms.map((t) => extraValue(t, node.ctx)).filter((v) => v !== undefined);
    setExtra(entity, compact(predicate, node.ctx.prefixes), list.length === 1 ? list[0] : list, node.at(predicate));
  }
}

/** Literals and IRIs as strings; a blank node as an object of its own literal and IRI values. */
function extraValue(t: Term, ctx: Context): unknown {
  if (t.kind !== 'blank') return t.value;
  const out: Record<string, unknown> = {};
  for (const [p, terms] of ctx.graph.predicates(termKey(t))) {
    const flat = terms.filter((x) => x.kind !== 'blank').map((x) => x.value);
    if (flat.length) out[compact(p, ctx.prefixes)] = flat.length === 1 ? flat[0] : flat;
  }
  return Object.keys(out).length ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Literals by language (`""` = no language tag); the first literal of each language wins. */
const texts: Convert<Texts> = (terms) => {
  const out: Texts = {};
  for (const t of terms) if (t.kind === 'literal' && t.value.trim() !== '') out[t.lang ?? ''] ??= t.value;
  return Object.keys(out).length ? out : undefined;
};

/** Predicates that name a resource described in the file (a licence, a format, an agent...). */
const LABELS = [RDFS.label, SKOS.prefLabel, DCT.title, FOAF.name, VCARD.fn, RDF.value];

function label(graph: Graph, key: string): string | undefined {
  for (const p of LABELS) {
    const found = graph.objects(key, p).find((t) => t.kind === 'literal' && t.value.trim() !== '');
    if (found) return found.value;
  }
  return undefined;
}

/** A term as a string: a literal's text, an IRI, or a blank node's label. */
function termString(t: Term, graph: Graph): string | undefined {
  if (t.kind === 'blank') return label(graph, termKey(t));
  return t.value.trim() === '' ? undefined : t.value;
}

const value: Convert<string> = (terms, graph) => {
  for (const t of terms) {
    const s = termString(t, graph);
    if (s !== undefined) return s;
  }
  return undefined;
};

const values: Convert<string[]> = (terms, graph) => {
  const out = unique(terms.map((t) => termString(t, graph)).filter((s): s is string => s !== undefined));
  return out.length ? out : undefined;
};

/** Spatial coverage: IRIs, names, or the geometry / bounding box of a dct:Location. */
const places: Convert<string[]> = (terms, graph) => {
  const geometry = [LOCN.geometry, DCAT.bbox, DCAT.centroid];
  const out = terms.map((t) => termString(t, graph) ?? (t.kind === 'blank' ? value(geometry.flatMap((p) => graph.objects(termKey(t), p)), graph) : undefined));
  const list = unique(out.filter((s): s is string => s !== undefined));
  return list.length ? list : undefined;
};

/** A licence IRI (with its title when the file describes it), a literal, or a described blank node. */
const licence: Convert<Licence> = (terms, graph) => {
  for (const t of terms) {
    const title = t.kind === 'literal' ? undefined : label(graph, termKey(t));
    if (t.kind === 'iri') return { raw: t.value, url: t.value, ...(title !== undefined ? { title } : {}) };
    if (t.kind === 'literal' && t.value.trim() !== '') return { raw: t.value, ...(isHttpUrl(t.value) ? { url: t.value } : {}) };
    if (title !== undefined) return { raw: title, title };
  }
  return undefined;
};

/** dct:PeriodOfTime: DCAT-AP 2+ dcat:startDate/endDate, DCAT-AP 1 schema:startDate/endDate, OWL-Time. */
const period: Convert<Period> = (terms, graph) => {
  for (const t of terms) {
    if (t.kind === 'literal') continue;
    const key = termKey(t);
    const instant = (p: string) => graph.objects(key, p).flatMap((i) => (i.kind === 'literal' ? [i] : [`inXSDDate`, `inXSDDateTime`, `inXSDDateTimeStamp`].flatMap((q) => graph.objects(termKey(i), `${NS.time}${q}`))));
    const start = value([...graph.objects(key, DCAT.startDate), ...graph.objects(key, SCHEMA.startDate), ...instant(TIME.hasBeginning)], graph);
    const end = value([...graph.objects(key, DCAT.endDate), ...graph.objects(key, SCHEMA.endDate), ...instant(TIME.hasEnd)], graph);
    if (start !== undefined || end !== undefined) return definedOnly({ start, end });
  }
  return undefined;
};

/** spdx:Checksum as `algorithm:value` (`sha256:…`), like the other loaders. */
const checksum: Convert<string> = (terms, graph) => {
  for (const t of terms) {
    if (t.kind === 'literal') return t.value.trim() || undefined;
    const key = termKey(t);
    const sum = graph.objects(key, SPDX.checksumValue)[0]?.value;
    if (sum === undefined) continue;
    const algorithm = graph.objects(key, SPDX.algorithm)[0]?.value;
    // spdx:checksumAlgorithm_sha256, or DCAT-AP.de's …/hashAlgorithms/sha/256.
    const name = algorithm && (/\/([a-z]+)\/(\d+)$/i.exec(algorithm)?.slice(1).join('') ?? localName(algorithm).replace(/^checksumAlgorithm_/, '')).toLowerCase();
    return name ? `${name}:${sum}` : sum;
  }
  return undefined;
};

/** dcat:accessService: the service IRI, else its endpoint URL, else its title. */
const service: Convert<string> = (terms, graph) => {
  for (const t of terms) {
    if (t.kind !== 'blank') return t.value;
    const s = value(graph.objects(termKey(t), DCAT.endpointURL), graph) ?? label(graph, termKey(t));
    if (s !== undefined) return s;
  }
  return undefined;
};

const AGENT_PARTS: Record<Exclude<keyof Agent, 'uri'>, string[]> = {
  name: [FOAF.name, VCARD.fn, VCARD['organization-name'], RDFS.label, SKOS.prefLabel],
  email: [FOAF.mbox, VCARD.hasEmail],
  url: [FOAF.homepage, VCARD.hasURL, FOAF.page],
};

/**
 * dct:publisher (foaf:Agent) or dcat:contactPoint (vcard:Kind): a described resource, or a bare
 * literal naming it. Each part is located at its own predicate (`publisher.email`).
 */
function putAgent(node: Node, ds: Dataset, property: 'publisher' | 'contactPoint', ...predicates: string[]): void {
  const picked = node.pick((terms) => terms.find((t) => t.kind !== 'literal' || t.value.trim() !== ''), ...predicates);
  if (!picked) return;
  const t = picked.value;
  const loc = node.at(picked.predicate);
  if (t.kind === 'literal') return set(ds, property, { name: t.value }, loc);
  const agent = node.child(picked.predicate, t);
  const out: Agent = t.kind === 'iri' ? { uri: t.value } : {};
  for (const [part, parts] of Object.entries(AGENT_PARTS) as [keyof typeof AGENT_PARTS, string[]][]) {
    const p = agent.pick(part === 'email' ? email : value, ...parts);
    if (!p) continue;
    out[part] = p.value;
    ds.locations[`${property}.${part}`] = agent.at(p.predicate);
  }
  set(ds, property, Object.keys(out).length ? out : null, loc);
}

/** `mailto:` IRIs and literals, or a vcard:Email node's vcard:value. */
const email: Convert<string> = (terms, graph) => {
  for (const t of terms) {
    const s = t.kind === 'blank' ? value(graph.objects(termKey(t), VCARD.value), graph) : termString(t, graph);
    if (s !== undefined) return s.replace(/^mailto:/i, '');
  }
  return undefined;
};

/**
 * Brussels gender flags: any predicate whose local name is a flag name (`concernsIndividuals`,
 * `sex_disaggregated`…), whatever its namespace, with a boolean-like literal.
 */
function putFlags(node: Node, ds: Dataset): void {
  for (const [predicate, terms] of node.ctx.graph.predicates(node.key)) {
    const name = localName(predicate);
    const flag = (Object.keys(DEFAULT_FLAG_KEYS) as (keyof DatasetFlags)[]).find((f) => DEFAULT_FLAG_KEYS[f].includes(name));
    const v = flag && bool(terms.find((t) => t.kind === 'literal')?.value);
    if (flag === undefined || v === undefined || ds.flags[flag] !== undefined) continue;
    ds.flags[flag] = v;
    ds.locations[`flags.${flag}`] = node.at(predicate);
    node.markRead(predicate);
  }
}
