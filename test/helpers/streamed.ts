import type { LoadOutcome } from '../../src/loaders/index.js';
import type { Dataset } from '../../src/model/index.js';

/** What a load gave, batches after the first included. */
export async function everything(outcome: LoadOutcome) {
  if (outcome.kind !== 'loaded') return { outcome };
  const datasets = [...outcome.datasets];
  const issues = [...outcome.issues];
  for await (const b of outcome.more ?? []) {
    datasets.push(...b.datasets);
    issues.push(...b.issues);
  }
  return { format: outcome.format, datasets, issues };
}

/** Every location of a dataset, resolved to line/column by its own resolver. */
export function resolved(ds: Dataset) {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown, at: string, seen: Set<unknown>) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.pointer === 'string' && typeof o.file === 'string') out[at] = { pointer: o.pointer, ...ds.source.position?.(o.pointer) };
    for (const [k, x] of Object.entries(o)) walk(x, `${at}.${k}`, seen);
  };
  walk(ds, '', new Set());
  return out;
}
export const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (typeof x === 'function' || k === 'dataset' ? undefined : x))) as unknown;

