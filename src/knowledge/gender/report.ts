/**
 * The gender part of the JSON report: per dataset, the declared flags and what the data show;
 * for the catalogue, the share of datasets concerning individuals that are sex-disaggregated
 * (the figure a Brussels data officer reports under the ordinance of 29 March 2012).
 *
 * Declared flags win; detections fill in where a flag is not declared and a data file was read.
 */
import type { Dataset, DatasetFlags, DatasetReport, GenderReport, GenderSummary } from '../../model/index.js';
import { FLAG_NAMES, flagValue } from './flags.js';
import { datasetGender, detectedGender } from './observe.js';
import type { TableGender } from './table-detector.js';

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
        return { ...where(t), column: c.column, scheme: c.scheme, schemeLabel: c.schemeLabel, basis: c.basis, ...(Object.keys(categories).length ? { categories } : {}) };
      }),
    ),
    sexColumnGroups: tables.flatMap((t) => (t.sexColumnGroup ? [{ ...where(t), ...t.sexColumnGroup }] : [])),
    personCounts: tables.flatMap((t) => t.personCounts.map((p) => ({ ...where(t), ...p }))),
    personAttributes: tables.flatMap((t) => t.personAttributes.map((p) => ({ ...where(t), ...p }))),
  };
  const empty = Object.keys(declared).length === 0 && !detected.concernsIndividuals;
  return empty ? undefined : report;
}

/**
 * Effective flags of a dataset report: declared, else detected when a data file was read
 * (sex-disaggregated data always concern individuals).
 */
function effective(g: GenderReport): { concernsIndividuals?: boolean; sexDisaggregated?: boolean } {
  const fromData = (v: boolean) => (g.detected.tables > 0 ? v : undefined);
  return {
    concernsIndividuals: g.declared.concernsIndividuals ?? (g.declared.sexDisaggregated ? true : fromData(g.detected.concernsIndividuals)),
    sexDisaggregated: g.declared.sexDisaggregated ?? fromData(g.detected.sexDisaggregated),
  };
}

/**
 * The catalogue figure over the dataset reports (so it survives a baseline that drops findings),
 * or undefined when no dataset declares a flag or concerns individuals. Datasets that declare
 * nothing and whose data were not read are not counted.
 */
export function genderSummary(datasets: readonly DatasetReport[]): GenderSummary | undefined {
  const reports = datasets.flatMap((d) => (d.gender ? [effective(d.gender)] : []));
  if (reports.length === 0) return undefined;
  const individuals = reports.filter((e) => e.concernsIndividuals);
  const disaggregated = individuals.filter((e) => e.sexDisaggregated).length;
  return {
    concernsIndividuals: individuals.length,
    sexDisaggregated: disaggregated,
    share: individuals.length ? Math.round((disaggregated / individuals.length) * 10000) / 10000 : null,
  };
}

/** The file a table is in, and its sheet for spreadsheets. */
function where(t: TableGender): { file: string; sheet?: string } {
  return t.sheet !== undefined ? { file: t.file, sheet: t.sheet } : { file: t.file };
}
