/**
 * The gender part of the JSON report: per dataset, the declared flags and what the data show;
 * for the catalogue, the share of datasets concerning individuals that are sex-disaggregated
 * (the figure a Brussels data officer reports under the ordinance of 29 March 2012).
 *
 * Declared flags win; detections fill in where a flag is not declared and a data file was read.
 */
import type { Dataset, DatasetFlags, GenderReport, GenderSummary } from '../../model/index.js';
import { FLAG_NAMES, flagValue } from './flags.js';
import { datasetGender, detectedGender } from './observe.js';

function declaredOf(ds: Dataset): DatasetFlags {
  const resolved = datasetGender(ds)?.declared;
  if (!resolved) return { ...ds.flags };
  const out: DatasetFlags = {};
  for (const flag of FLAG_NAMES) {
    const v = flagValue(resolved[flag]);
    if (v !== undefined) out[flag] = v;
  }
  return out;
}

/** The dataset's gender report, or undefined when nothing is declared or detected. */
export function genderReport(ds: Dataset): GenderReport | undefined {
  const tables = datasetGender(ds)?.tables ?? [];
  const declared = declaredOf(ds);
  const detected = detectedGender(ds);
  const report: GenderReport = {
    declared,
    detected: { tables: detected.tables, concernsIndividuals: detected.concernsIndividuals, sexDisaggregated: detected.sexDimension },
    sexColumns: tables.flatMap((t) =>
      t.sexColumns.map((c) => {
        const categories = Object.fromEntries(c.values.filter((v) => v.category).map((v) => [v.value, v.category!]));
        return { file: t.file, column: c.column, scheme: c.scheme, schemeLabel: c.schemeLabel, basis: c.basis, ...(Object.keys(categories).length ? { categories } : {}) };
      }),
    ),
    sexColumnGroups: tables.flatMap((t) => (t.sexColumnGroup ? [{ file: t.file, ...t.sexColumnGroup }] : [])),
    personCounts: tables.flatMap((t) => t.personCounts.map((p) => ({ file: t.file, ...p }))),
    personAttributes: tables.flatMap((t) => t.personAttributes.map((p) => ({ file: t.file, ...p }))),
  };
  const empty = Object.keys(declared).length === 0 && !detected.concernsIndividuals;
  return empty ? undefined : report;
}

/** Effective flags: declared, else detected when data were read (sex-disaggregated implies individuals). */
function effective(ds: Dataset): { concernsIndividuals?: boolean; sexDisaggregated?: boolean } {
  const declared = declaredOf(ds);
  const detected = detectedGender(ds);
  const fromData = (v: boolean) => (detected.tables > 0 ? v : undefined);
  const sexDisaggregated = declared.sexDisaggregated ?? fromData(detected.sexDimension);
  const concernsIndividuals = declared.concernsIndividuals ?? (declared.sexDisaggregated ? true : fromData(detected.concernsIndividuals));
  return { concernsIndividuals, sexDisaggregated };
}

/** The catalogue figure, or undefined when no dataset declares or shows anything about individuals. */
export function genderSummary(datasets: readonly Dataset[]): GenderSummary | undefined {
  let individuals = 0;
  let disaggregated = 0;
  let undetermined = 0;
  let relevant = false;
  for (const ds of datasets) {
    const e = effective(ds);
    if (Object.keys(declaredOf(ds)).length) relevant = true;
    if (e.concernsIndividuals === undefined) undetermined++;
    if (!e.concernsIndividuals) continue;
    individuals++;
    if (e.sexDisaggregated) disaggregated++;
  }
  if (!relevant && individuals === 0) return undefined;
  return {
    concernsIndividuals: individuals,
    sexDisaggregated: disaggregated,
    share: individuals ? Math.round((disaggregated / individuals) * 10000) / 10000 : null,
    undetermined,
  };
}
