import { isObject, str } from './build.js';

/**
 * DCAT-US 3.0 JSON (https://github.com/DOI-DO/dcat-us, `jsonschema/` and `docs/examples/`): JSON-LD
 * in the compact form its context defines, read here by its keys without JSON-LD processing (the
 * context is remote and never fetched). A document is a catalogue tree (`dataset` lists holding
 * datasets and dataset series, `catalog`/`hasPart` nested catalogues, a series' `seriesMember`s),
 * an `@graph` of typed nodes that refer to each other by `@id`, or a single dataset.
 */

const CONTEXT = /dcat-us[-_]3\.0\.jsonld|\/DOI-DO\/dcat-us\//i;
/** Catalogues nest: deeper than this is a loop or an error, not a catalogue. */
const MAX_DEPTH = 32;

/** A document naming the DCAT-US 3.0 context. */
export function isDcatUs3(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const contexts = Array.isArray(v['@context']) ? v['@context'] : [v['@context']];
  return contexts.some((c) => typeof c === 'string' && CONTEXT.test(c));
}

export type NodeType = 'Catalog' | 'Dataset' | 'DatasetSeries';

/** The DCAT class of a node (`dcat:Dataset`, `Dataset`, the full IRI), if it is one odlint loads. */
export function nodeType(v: Record<string, unknown>): NodeType | undefined {
  const types = Array.isArray(v['@type']) ? v['@type'] : [v['@type']];
  for (const t of types) {
    const name = typeof t === 'string' ? t.replace(/^(dcat:|https?:\/\/www\.w3\.org\/ns\/dcat#)/, '') : '';
    if (name === 'Catalog' || name === 'Dataset' || name === 'DatasetSeries') return name;
  }
  return undefined;
}

export interface Found {
  value: Record<string, unknown>;
  ptr: string;
}

/** The nodes of an `@graph` by `@id`, so that references (`"publisher": "https://…"`) can be followed. */
export type Nodes = ReadonlyMap<string, Found>;

export interface Walk {
  /** Every dataset and dataset series of every level, each once. */
  datasets: Found[];
  /** Datasets and catalogues named only by IRI, described nowhere in the document: not loaded. */
  unresolved: { iri: string; ptr: string; kind: 'dataset' | 'catalogue' }[];
  nodes: Nodes;
}

/** Finds every dataset of a DCAT-US 3.0 document, at every level. */
export function walkDcatUs3(data: Record<string, unknown>): Walk {
  const nodes = new Map<string, Found>();
  const graph = Array.isArray(data['@graph']) ? data['@graph'] : undefined;
  graph?.forEach((n, i) => {
    const id = isObject(n) ? str(n['@id']) : undefined;
    if (id !== undefined && isObject(n)) nodes.set(id, { value: n, ptr: `/@graph/${i}` });
  });
  const datasets: Found[] = [];
  const unresolved: Walk['unresolved'] = [];
  const seen = new Set<object>();

  /** The items of a reference list (or single reference): inline nodes are visited, IRIs resolved. */
  const follow = (list: unknown, ptr: string, kind: 'dataset' | 'catalogue', depth: number, reportMissing = true) => {
    const items: [unknown, string][] = Array.isArray(list) ? list.map((x, i) => [x, `${ptr}/${i}`]) : list == null ? [] : [[list, ptr]];
    for (const [item, p] of items) {
      const iri = typeof item === 'string' ? item : isObject(item) && Object.keys(item).every((k) => k === '@id' || k === '@type') ? str(item['@id']) : undefined;
      const target: Found | undefined = iri === undefined ? (isObject(item) ? { value: item, ptr: p } : undefined) : nodes.get(iri);
      if (target) (kind === 'catalogue' ? catalogue : dataset)(target, depth + 1);
      else if (iri !== undefined && reportMissing) unresolved.push({ iri, ptr: p, kind });
    }
  };
  const dataset = (node: Found, depth: number) => {
    if (seen.has(node.value) || depth > MAX_DEPTH) return;
    seen.add(node.value);
    datasets.push(node);
    // A series lists its members; `first`/`last` and a member's `inSeries` are links, loaded
    // when written inline but not reported when only named (the dataset is listed elsewhere).
    follow(node.value.seriesMember, `${node.ptr}/seriesMember`, 'dataset', depth);
    for (const key of ['first', 'last', 'inSeries']) follow(node.value[key], `${node.ptr}/${key}`, 'dataset', depth, false);
  };
  const catalogue = (node: Found, depth: number) => {
    if (seen.has(node.value) || depth > MAX_DEPTH) return;
    seen.add(node.value);
    follow(node.value.dataset, `${node.ptr}/dataset`, 'dataset', depth);
    follow(node.value.catalog, `${node.ptr}/catalog`, 'catalogue', depth);
    follow(node.value.hasPart, `${node.ptr}/hasPart`, 'catalogue', depth);
  };

  const top: Found[] = graph ? graph.flatMap((n, i) => (isObject(n) ? [{ value: n, ptr: `/@graph/${i}` }] : [])) : [{ value: data, ptr: '' }];
  for (const node of top) {
    const type = nodeType(node.value);
    if (type === 'Catalog' || (!graph && type === undefined)) catalogue(node, 0);
    else if (type) dataset(node, 0);
  }
  return { datasets, unresolved, nodes };
}
