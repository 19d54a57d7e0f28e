import type { SourceLocation } from '../model/index.js';

/**
 * The SHACL results of one dataset, as the `dcat-ap/*` rules read them. The engine fills this
 * in (src/shacl/, loaded only when such a rule is enabled) before the rules' hooks run; the
 * rules, which may not import the engine, only read it.
 */
export interface DatasetShaclResult {
  /** The rule's shape set (src/shacl/shape-sets.ts) this result is reported under. */
  set: string;
  focus: string;
  /** The result path compacted (`dct:license`), '' for a node constraint. */
  path: string;
  /** Constraint component without namespace and suffix, lower camel case (`minCount`). */
  component: string;
  severity: 'Violation' | 'Warning' | 'Info';
  message: string;
  value?: string;
  /** Focus node as shown in messages: compact IRI, or its class for a blank node. */
  node: string;
  location: SourceLocation;
}

const results = new WeakMap<object, DatasetShaclResult[]>();

export function setShaclResults(ds: object, list: DatasetShaclResult[]): void {
  results.set(ds, list);
}

/** The results of `set` for the dataset (none when SHACL did not run on it). */
export function shaclResults(ds: object, set: string): DatasetShaclResult[] {
  return (results.get(ds) ?? []).filter((r) => r.set === set);
}
