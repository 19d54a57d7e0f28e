import type { SourceLocation } from './location.js';

/** An RDF term as odlint keeps it (the loaders' graph, the DCAT-AP mapping of other formats). */
export type RdfTerm =
  | { kind: 'iri'; value: string }
  | { kind: 'blank'; value: string }
  | { kind: 'literal'; value: string; lang?: string; datatype?: string };

/** subject, predicate IRI, object. */
export type RdfTriple = [RdfTerm, string, RdfTerm];

/**
 * The RDF a dataset is checked against the DCAT-AP SHACL shapes with: for an RDF input, the graph
 * of its file (shared by the file's datasets, validated once); for any other input, the DCAT-AP
 * mapping of the dataset (src/shacl/mapping.ts). Nodes are keyed by IRI or `_:label`.
 */
export interface RdfDocument {
  triples(): Iterable<RdfTriple>;
  /** The nodes of the file's datasets: a result on a node reachable from one belongs to it. */
  datasetNodes: readonly string[];
  /** Where `node` states `predicate` in the original file (else where the node is described). */
  locate(node: string, predicate?: string): SourceLocation;
  /** How messages name a node (`distribution 2`); else its compact IRI, or "a blank node". */
  describe?(node: string): string;
}

/** A dataset's place in its RDF document. */
export interface DatasetRdf {
  document: RdfDocument;
  node: string;
}

/**
 * Kept beside the dataset rather than in it: the graph is an implementation detail of the RDF
 * loaders, shared by the datasets of one file, and must not show in the model's own values.
 */
const documents = new WeakMap<object, DatasetRdf>();

export function setDatasetRdf(ds: object, rdf: DatasetRdf): void {
  documents.set(ds, rdf);
}

export function datasetRdf(ds: object): DatasetRdf | undefined {
  return documents.get(ds);
}
