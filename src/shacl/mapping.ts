import type { Dataset, DatasetRdf } from '../model/index.js';

/** The DCAT-AP RDF of a dataset loaded from a non-RDF descriptor (docs/dcat-ap-mapping.md). */
export function mappedDocument(ds: Dataset): DatasetRdf {
  return { document: { triples: () => [], datasetNodes: [], locate: () => ds.at }, node: '' };
}
