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

const results = new WeakMap<object, { sets: readonly string[]; list: DatasetShaclResult[] }>();

export function setShaclResults(ds: object, sets: readonly string[], list: DatasetShaclResult[]): void {
  results.set(ds, { sets, list });
}

/** The shape sets the dataset was validated against (undefined: SHACL did not run on it). */
export function shaclSets(ds: object): readonly string[] | undefined {
  return results.get(ds)?.sets;
}

/** The results of `set` for the dataset (none when SHACL did not run on it). */
export function shaclResults(ds: object, set?: string): DatasetShaclResult[] {
  return (results.get(ds)?.list ?? []).filter((r) => set === undefined || r.set === set);
}
