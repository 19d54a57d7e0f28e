import { datasetRdf, type Dataset, type RdfDocument, type RdfTriple, type SourceLocation } from '../model/index.js';
import { compact } from '../loaders/rdf-graph.js';
import { setShaclResults, type DatasetShaclResult } from '../engine/shacl-results.js';
import { SHAPE_SET_IDS, type ShapeSetId } from './shape-sets.js';
import { validateTriples, type ShaclResult } from './validate.js';
import { SKOS_IN_SCHEME, vocabularySchemes } from './vocabularies.js';
import { mappedDocument } from './mapping.js';

/**
 * SHACL for the check stage: validates the RDF of a dataset's file (once per file: its datasets
 * share the validation) or, for every other input, the dataset's own DCAT-AP mapping, against
 * the enabled shape sets, and hands each dataset the results about the nodes it holds, grouped
 * (one result per focus node, path and constraint whichever sets found it) and located in the
 * original file. A mapped dataset is validated on its own graph, so that its findings do not
 * depend on the datasets it came with (a page, a batch) and memory stays that of one dataset.
 */

type PerNode = Map<string, ShaclResult[]>;

const validated = new WeakMap<RdfDocument, Map<string, Promise<PerNode>>>();

export async function checkShacl(ds: Dataset, sets: readonly string[]): Promise<void> {
  const ordered = SHAPE_SET_IDS.filter((id) => sets.includes(id));
  const rdf = datasetRdf(ds) ?? mappedDocument(ds);
  const perNode = await resultsOf(rdf.document, ordered);
  const own = ownedNodes(rdf.document, rdf.node);
  const place = placer(ds);
  const list: DatasetShaclResult[] = [];
  for (const node of own) for (const r of perNode.get(node) ?? []) list.push(present(r, rdf.document, place));
  setShaclResults(ds, ordered, list);
}

function resultsOf(doc: RdfDocument, sets: ShapeSetId[]): Promise<PerNode> {
  let bySets = validated.get(doc);
  if (!bySets) validated.set(doc, (bySets = new Map()));
  const key = sets.join(',');
  let p = bySets.get(key);
  if (!p) bySets.set(key, (p = validateDocument(doc, sets)));
  return p;
}

async function validateDocument(doc: RdfDocument, sets: ShapeSetId[]): Promise<PerNode> {
  const results = await validateTriples(withVocabularies(doc.triples()), sets);
  const out: PerNode = new Map();
  const seen = new Map<string, ShaclResult>();
  for (const r of results) {
    // One problem is one finding, under the first set (in SHAPE_SETS order) that found it: a
    // missing property once whichever profiles require it, a wrong value once whichever
    // constraints (node kind, vocabulary, class) it fails.
    const k = `${r.focus}\u0000${r.path}\u0000${r.value !== undefined ? `=${r.value}` : r.path ? '' : r.component}`;
    const first = seen.get(k);
    if (first) {
      if (rank(r.severity) > rank(first.severity)) first.severity = r.severity;
      continue;
    }
    const copy = { ...r };
    seen.set(k, copy);
    out.set(r.focus, [...(out.get(r.focus) ?? []), copy]);
  }
  return out;
}

const rank = (s: ShaclResult['severity']) => (s === 'Violation' ? 2 : s === 'Warning' ? 1 : 0);

/** The data plus, for every IRI it uses that is a concept of a bundled EU vocabulary, its skos:inScheme. */
export function withVocabularies(triples: Iterable<RdfTriple>): RdfTriple[] {
  const schemes = vocabularySchemes();
  const out: RdfTriple[] = [];
  let added: Set<string> | undefined;
  for (const t of triples) {
    out.push(t);
    const o = t[2];
    if (o.kind !== 'iri') continue;
    const inSchemes = schemes.get(o.value);
    if (!inSchemes || (added ??= new Set()).has(o.value)) continue;
    added.add(o.value);
    for (const scheme of inSchemes) out.push([o, SKOS_IN_SCHEME, { kind: 'iri', value: scheme }]);
  }
  return out;
}

const owners = new WeakMap<RdfDocument, Map<string, string[]>>();

/**
 * The nodes whose results a dataset reports: those reachable from its node without passing
 * through another dataset's; what no dataset reaches (the catalogue, its records) goes to the
 * file's first dataset, so that no result is lost.
 */
function ownedNodes(doc: RdfDocument, node: string): string[] {
  let byOwner = owners.get(doc);
  if (!byOwner) {
    byOwner = new Map();
    for (const [n, owner] of ownership(doc)) {
      const list = byOwner.get(owner);
      if (list) list.push(n);
      else byOwner.set(owner, [n]);
    }
    owners.set(doc, byOwner);
  }
  return byOwner.get(node) ?? [];
}

function ownership(doc: RdfDocument): Map<string, string> {
  const links = new Map<string, string[]>();
  const nodes = new Set<string>();
  for (const [s, , o] of doc.triples()) {
    const sk = s.kind === 'blank' ? `_:${s.value}` : s.value;
    nodes.add(sk);
    if (o.kind === 'literal') continue;
    const ok = o.kind === 'blank' ? `_:${o.value}` : o.value;
    nodes.add(ok);
    const list = links.get(sk);
    if (list) list.push(ok);
    else links.set(sk, [ok]);
  }
  const owner = new Map<string, string>();
  const datasets = new Set(doc.datasetNodes);
  for (const d of doc.datasetNodes) owner.set(d, d);
  for (const d of doc.datasetNodes) {
    const queue = [d];
    while (queue.length) {
      for (const next of links.get(queue.shift()!) ?? []) {
        if (owner.has(next) || datasets.has(next)) continue;
        owner.set(next, d);
        queue.push(next);
      }
    }
  }
  const first = doc.datasetNodes[0];
  if (first !== undefined) for (const n of nodes) if (!owner.has(n)) owner.set(n, first);
  return owner;
}

/**
 * The location with the line and column the report would give it (build-report's `finalize`
 * resolves a pointer into the dataset's own file the same way), each pointer resolved once: a
 * dataset's results fall on a few dozen places, and resolving one re-reads the file's text.
 */
function placer(ds: Dataset): (loc: SourceLocation) => SourceLocation {
  const position = ds.source.position;
  if (!position) return (loc) => loc;
  const memo = new Map<string, ReturnType<typeof position>>();
  return (loc) => {
    if (loc.pointer === undefined || loc.line !== undefined || loc.file !== ds.source.file) return loc;
    let pos = memo.get(loc.pointer);
    if (pos === undefined && !memo.has(loc.pointer)) memo.set(loc.pointer, (pos = position(loc.pointer)));
    return pos ? { ...loc, ...pos } : loc;
  };
}

function present(r: ShaclResult, doc: RdfDocument, place: (loc: SourceLocation) => SourceLocation): DatasetShaclResult {
  const simple = r.path !== '' && !r.path.includes('<');
  const component = r.component.replace(/ConstraintComponent$/, '');
  return {
    set: r.set,
    focus: r.focus,
    path: simple ? compact(r.path, {}) : r.path.replace(/<([^>]+)>/g, (_, iri: string) => compact(iri, {})),
    component: component.charAt(0).toLowerCase() + component.slice(1),
    severity: r.severity,
    message: r.message,
    ...(r.value !== undefined ? { value: r.value } : {}),
    node: doc.describe?.(r.focus) ?? (r.focus.startsWith('_:') ? 'a blank node' : compact(r.focus, {})),
    location: place(doc.locate(r.focus, simple ? r.path : undefined)),
  };
}
