import type { Dataset } from '../model/index.js';
import { normaliseFormats } from '../knowledge/formats.js';

/**
 * Enrichment after loading, whatever the source format: each step fills normalised fields
 * from raw ones (licence ids, formats...) so every rule sees the same canonical values.
 * Steps are pure functions of the dataset; add one line per knowledge module.
 */
const STEPS: ((ds: Dataset) => void)[] = [normaliseFormats];

export function normaliseDatasets(datasets: Dataset[]): void {
  for (const ds of datasets) for (const step of STEPS) step(ds);
}
