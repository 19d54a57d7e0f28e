import type { Dataset } from '../model/index.js';
import { enrichLicence } from '../knowledge/licences.js';
import { normaliseFormats } from '../knowledge/formats.js';
import { adoptDeclaredSchemas } from '../knowledge/national-schemas.js';

/** Every licence of a dataset (its own and its distributions') gets its normalised form. */
function normaliseLicences(ds: Dataset): void {
  if (ds.licence) enrichLicence(ds.licence);
  for (const dist of ds.distributions) if (dist.licence) enrichLicence(dist.licence);
}

/**
 * Enrichment after loading, whatever the source format: each step fills normalised fields
 * from raw ones (licence ids, formats...) so every rule sees the same canonical values.
 * Steps are pure functions of the dataset; add one line per knowledge module.
 */
const STEPS: ((ds: Dataset) => void)[] = [normaliseLicences, normaliseFormats, adoptDeclaredSchemas];

export function normaliseDatasets(datasets: Dataset[]): void {
  for (const ds of datasets) for (const step of STEPS) step(ds);
}
