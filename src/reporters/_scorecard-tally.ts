import type { DatasetReport, FileReport } from '../model/index.js';
import { genderSummary } from '../knowledge/gender/index.js';

/**
 * What the scorecard counts, aggregated as dataset reports stream past (never the datasets
 * themselves): one `Group` for the catalogue and one per organisation, plus the catalogue-wide
 * distributions the overview charts. The same tally reads a previous report for `--compare`.
 */

export const RATINGS = ['excellent', 'good', 'sufficient', 'bad'] as const;
export const OPENNESS = ['open', 'not-open', 'unknown', 'missing'] as const;
export type LicenceState = (typeof OPENNESS)[number];
export const NO_PUBLISHER = '(no publisher)';

/** A running mean. */
export class Mean {
  sum = 0;
  n = 0;
  add(x: number | undefined): void {
    if (x === undefined) return;
    this.sum += x;
    this.n++;
  }
  get value(): number | undefined {
    return this.n ? this.sum / this.n : undefined;
  }
}

/** The facts of one dataset the scorecard counts, read from its report. */
export interface DatasetFacts {
  org: string;
  errors: number;
  warnings: number;
  infos: number;
  licence: LicenceState;
  licenceId?: string;
  /** undefined when the dataset has no MQA score (a data file without descriptor). */
  machineReadable?: boolean;
  aboutPeople: boolean;
  disaggregated: boolean;
  /** Kinds of suspected personal data (the rule id after `personal-data/`). */
  personalKinds: string[];
}

export function factsOf(d: DatasetReport): DatasetFacts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const personal = new Set<string>();
  for (const f of d.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
    if (f.ruleId.startsWith('personal-data/')) personal.add(f.ruleId.slice('personal-data/'.length));
  }
  const mqa = d.score?.mqa;
  const mr = mqa?.dimensions['interoperability']?.indicators['machineReadable'];
  const gender = effectiveGender(d);
  return {
    org: d.publisher ?? NO_PUBLISHER,
    errors,
    warnings,
    infos,
    licence: licenceState(d),
    ...(d.licence ? { licenceId: d.licence.id } : {}),
    ...(mqa ? { machineReadable: typeof mr === 'number' && mr > 0 } : {}),
    aboutPeople: gender.aboutPeople,
    disaggregated: gender.disaggregated,
    personalKinds: [...personal].sort(),
  };
}

/** Open / not open / unknown from the report's licence (a placeholder such as `notspecified` is none); reports older than that field: from the MQA licence indicator. */
function licenceState(d: DatasetReport): LicenceState {
  if (d.licence) return d.licence.placeholder ? 'missing' : d.licence.openness;
  const stated = d.score?.mqa?.dimensions['reusability']?.indicators['licence'];
  return typeof stated === 'number' && stated > 0 ? 'unknown' : 'missing';
}

/** The effective flags, as the report summary counts them (declared, else detected in the data). */
function effectiveGender(d: DatasetReport): { aboutPeople: boolean; disaggregated: boolean } {
  if (d.gender) {
    const g = genderSummary([d]);
    return { aboutPeople: (g?.concernsIndividuals ?? 0) > 0, disaggregated: (g?.sexDisaggregated ?? 0) > 0 };
  }
  const about = d.flags?.concernsIndividuals === true;
  return { aboutPeople: about, disaggregated: about && d.flags?.sexDisaggregated === true };
}

/** Counters and means of a set of datasets (the catalogue, or one organisation). */
export class Group {
  datasets = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  odlint = new Mean();
  mqa = new Mean();
  udata = new Mean();
  stars = new Mean();
  ratings: Record<string, number> = {};
  licences: Record<LicenceState, number> = { open: 0, 'not-open': 0, unknown: 0, missing: 0 };
  /** Datasets with an MQA score (the denominator of machine-readability), and those machine-readable. */
  formatScored = 0;
  machineReadable = 0;
  aboutPeople = 0;
  disaggregated = 0;
  personal = 0;
  /** Per rule: datasets it hit in this group. */
  rules = new Map<string, number>();

  add(d: DatasetReport, f: DatasetFacts): void {
    const s = d.score;
    this.datasets++;
    this.errors += f.errors;
    this.warnings += f.warnings;
    this.infos += f.infos;
    this.odlint.add(s?.odlint);
    this.mqa.add(s?.mqa?.points);
    this.udata.add(s?.udata === undefined ? undefined : s.udata * 100);
    this.stars.add(s?.stars);
    if (s?.mqa) this.ratings[s.mqa.rating] = (this.ratings[s.mqa.rating] ?? 0) + 1;
    this.licences[f.licence]++;
    if (f.machineReadable !== undefined) {
      this.formatScored++;
      if (f.machineReadable) this.machineReadable++;
    }
    if (f.aboutPeople) this.aboutPeople++;
    if (f.disaggregated) this.disaggregated++;
    if (f.personalKinds.length) this.personal++;
    for (const id of new Set(d.findings.map((x) => x.ruleId))) this.rules.set(id, (this.rules.get(id) ?? 0) + 1);
  }
}

const share = (n: number, of: number) => (of ? (n / of) * 100 : undefined);

/** One monitoring indicator: how it is computed from a group, and how it reads. */
export interface Indicator {
  id: string;
  label: string;
  /** '%' (a share, 0–100), '/100', '/405', '/5' or '' (a count). */
  unit: string;
  /** Whether a higher value is better (for the colour of a change). */
  higherIsBetter: boolean;
  value(g: Group): number | undefined;
}

/** The indicators of the overview, the organisation table, compare mode and the trend (docs/reports.md). */
export const INDICATORS: Indicator[] = [
  { id: 'datasets', label: 'Datasets', unit: '', higherIsBetter: true, value: (g) => g.datasets },
  { id: 'errors', label: 'Errors', unit: '', higherIsBetter: false, value: (g) => g.errors },
  { id: 'warnings', label: 'Warnings', unit: '', higherIsBetter: false, value: (g) => g.warnings },
  { id: 'odlint', label: 'Mean odlint score', unit: '/100', higherIsBetter: true, value: (g) => g.odlint.value },
  { id: 'mqa', label: 'Mean MQA points', unit: '/405', higherIsBetter: true, value: (g) => g.mqa.value },
  { id: 'udata', label: 'Mean udata quality', unit: '%', higherIsBetter: true, value: (g) => g.udata.value },
  { id: 'stars', label: 'Mean 5-star openness', unit: '/5', higherIsBetter: true, value: (g) => g.stars.value },
  { id: 'open', label: 'Open licence', unit: '%', higherIsBetter: true, value: (g) => share(g.licences.open, g.datasets) },
  { id: 'no-licence', label: 'No licence', unit: '%', higherIsBetter: false, value: (g) => share(g.licences.missing, g.datasets) },
  { id: 'machine-readable', label: 'Machine-readable format', unit: '%', higherIsBetter: true, value: (g) => share(g.machineReadable, g.formatScored) },
  { id: 'personal-data', label: 'Datasets with suspected personal data', unit: '', higherIsBetter: false, value: (g) => g.personal },
  { id: 'about-people', label: 'Datasets about people', unit: '', higherIsBetter: true, value: (g) => g.aboutPeople },
  { id: 'sex-disaggregated', label: 'Sex-disaggregated (of those about people)', unit: '%', higherIsBetter: true, value: (g) => share(g.disaggregated, g.aboutPeople) },
];

/** Gender flags of the catalogue: declared by the publisher vs detected in the data read. */
export interface FlagTally {
  declaredYes: number;
  declaredNo: number;
  notDeclared: number;
  /** Datasets whose data were read, and of those, where odlint detected the property. */
  dataRead: number;
  detected: number;
  /** Declared one way, detected the other (data read). */
  disagree: number;
}
const emptyFlags = (): FlagTally => ({ declaredYes: 0, declaredNo: 0, notDeclared: 0, dataRead: 0, detected: 0, disagree: 0 });

/** The whole catalogue: its group, its organisations and the distributions the charts show. */
export class CatalogueTally {
  all = new Group();
  orgs = new Map<string, Group>();
  byLicence = new Map<string, number>();
  byFormat = new Map<string, number>();
  stars = [0, 0, 0, 0, 0, 0];
  /** MQA points in bins of 50 (the last, 400–405, joins 350–405). */
  mqaBins = new Array<number>(8).fill(0);
  /** udata quality in tenths (100 % joins 90–100 %). */
  udataBins = new Array<number>(10).fill(0);
  personalKinds = new Map<string, { datasets: number; findings: number }>();
  concernsIndividuals = emptyFlags();
  sexDisaggregated = emptyFlags();
  /** Per MQA indicator (`dimension.indicator`): datasets scored, and those scoring points. */
  indicators = new Map<string, { scored: number; met: number }>();
  /** Per rule: findings and the severity first seen (datasets per rule are in `all.rules`). */
  ruleFindings = new Map<string, { findings: number; severity: string }>();
  notChecked = false;
  linked = 0;

  /** Findings about files that gave no dataset count in the catalogue's totals (as in the report summary), in no organisation's. */
  file(f: FileReport): void {
    for (const x of f.findings) {
      if (x.severity === 'error') this.all.errors++;
      else if (x.severity === 'warning') this.all.warnings++;
      else this.all.infos++;
    }
  }

  add(d: DatasetReport): DatasetFacts {
    const f = factsOf(d);
    this.all.add(d, f);
    let org = this.orgs.get(f.org);
    if (!org) this.orgs.set(f.org, (org = new Group()));
    org.add(d, f);
    const s = d.score;
    if (f.licenceId) this.byLicence.set(f.licenceId, (this.byLicence.get(f.licenceId) ?? 0) + 1);
    for (const x of d.formats ?? []) this.byFormat.set(x, (this.byFormat.get(x) ?? 0) + 1);
    if (s?.stars !== undefined) this.stars[Math.max(0, Math.min(5, s.stars))]!++;
    if (s?.mqa) {
      this.mqaBins[Math.min(7, Math.floor(s.mqa.points / 50))]!++;
      if (s.mqa.notChecked?.length) this.notChecked = true;
      if (s.mqa.notChecked?.includes('interoperability.format')) this.linked++;
      for (const [dim, v] of Object.entries(s.mqa.dimensions)) {
        for (const [name, points] of Object.entries(v.indicators)) {
          if (points === 'not checked') continue;
          const key = `${dim}.${name}`;
          const e = this.indicators.get(key) ?? { scored: 0, met: 0 };
          e.scored++;
          if (points > 0) e.met++;
          this.indicators.set(key, e);
        }
      }
    }
    if (s?.udata !== undefined) this.udataBins[Math.min(9, Math.floor(s.udata * 10))]!++;
    for (const x of d.findings) {
      const r = this.ruleFindings.get(x.ruleId) ?? { findings: 0, severity: x.severity };
      r.findings++;
      this.ruleFindings.set(x.ruleId, r);
      if (x.ruleId.startsWith('personal-data/')) {
        const kind = x.ruleId.slice('personal-data/'.length);
        const k = this.personalKinds.get(kind) ?? { datasets: 0, findings: 0 };
        k.findings++;
        this.personalKinds.set(kind, k);
      }
    }
    for (const kind of f.personalKinds) this.personalKinds.get(kind)!.datasets++;
    if (d.gender) {
      flag(this.concernsIndividuals, d.gender.declared.concernsIndividuals, d.gender.detected.tables, d.gender.detected.concernsIndividuals);
      flag(this.sexDisaggregated, d.gender.declared.sexDisaggregated, d.gender.detected.tables, d.gender.detected.sexDisaggregated);
    } else {
      flag(this.concernsIndividuals, d.flags?.concernsIndividuals, 0, false);
      flag(this.sexDisaggregated, d.flags?.sexDisaggregated, 0, false);
    }
    return f;
  }
}

function flag(t: FlagTally, declared: boolean | undefined, tables: number, detected: boolean): void {
  if (declared === true) t.declaredYes++;
  else if (declared === false) t.declaredNo++;
  else t.notDeclared++;
  if (tables > 0) {
    t.dataRead++;
    if (detected) t.detected++;
    if (declared !== undefined && declared !== detected) t.disagree++;
  }
}
