import type { Dataset, Distribution } from '../model/index.js';
import { UDATA_CLOSED_FORMATS } from '../knowledge/formats.js';
import { udataFrequency } from '../knowledge/dcat-ap.js';
import { reached, type Reachability } from './reachability.js';
import { codePointLength } from '../knowledge/code-points.js';

/**
 * udata's dataset quality score (udata/core/dataset/models.py: `compute_quality`,
 * `compute_quality_score`, `next_update`): nine criteria worth one unit each, divided by 9.
 * Criteria that udata leaves out of its `quality` dict (no resources, no expected update
 * date) are absent here too and count 0.
 */
export interface UdataQuality {
  /** 0–1, rounded to 3 decimals. */
  score: number;
  /** udata's own criterion names. */
  criteria: {
    license: boolean;
    temporal_coverage: boolean;
    spatial: boolean;
    update_frequency: boolean;
    update_fulfilled_in_time?: boolean;
    dataset_description_quality: boolean;
    has_resources?: boolean;
    has_open_format?: boolean;
    all_resources_available?: boolean;
    resources_documentation?: boolean;
  };
}

/** udata's default QUALITY_DESCRIPTION_LENGTH (udata/settings.py): the description must be strictly longer. */
export const UDATA_DESCRIPTION_LENGTH = 100;
const DAY = 86_400_000;
const HOUR = DAY / 24;
const MINUTE = HOUR / 60;
const YEAR = 365 * DAY;

/**
 * udata ≥ 12 (October 2025, PR #3343): `UpdateFrequency.delta` of udata/core/dataset/constants.py
 * in milliseconds; null where udata expects no regular update (update_fulfilled_in_time is then
 * true). Frequencies with several updates per period expect one per period.
 */
const DELTA: Record<string, number | null> = {
  continuous: null, oneMinute: MINUTE, fiveMinutes: 5 * MINUTE, tenMinutes: 10 * MINUTE, fifteenMinutes: 15 * MINUTE,
  thirtyMinutes: 30 * MINUTE, hourly: HOUR, bihourly: 2 * HOUR, trihourly: 3 * HOUR, twelveHours: 12 * HOUR,
  severalTimesADay: DAY, threeTimesADay: DAY, semidaily: DAY, daily: DAY,
  fiveTimesAWeek: 7 * DAY, threeTimesAWeek: 7 * DAY, semiweekly: 7 * DAY, weekly: 7 * DAY, biweekly: 14 * DAY,
  threeTimesAMonth: 31 * DAY, semimonthly: 31 * DAY, monthly: 31 * DAY, bimonthly: 62 * DAY, quarterly: 93 * DAY,
  threeTimesAYear: YEAR, semiannual: YEAR, annual: YEAR, biennial: 2 * YEAR, triennial: 3 * YEAR, quadrennial: 4 * YEAR,
  quinquennial: 5 * YEAR, decennial: 10 * YEAR, bidecennial: 20 * YEAR, tridecennial: 30 * YEAR,
  punctual: null, irregular: null, never: null, notPlanned: null, other: null,
};

/**
 * udata before 12 (`Dataset.next_update` up to v11): the ids of its UPDATE_FREQUENCIES and
 * their deltas (quarterly 365/4 days, fourTimesAWeek a week); null only for continuous,
 * irregular and punctual. Kept to reproduce `quality` objects recorded by those versions.
 */
const DELTA_BEFORE_V12: Record<string, number | null> = {
  continuous: null, irregular: null, punctual: null,
  hourly: HOUR, fourTimesADay: DAY, threeTimesADay: DAY, semidaily: DAY, daily: DAY,
  fourTimesAWeek: 7 * DAY, threeTimesAWeek: 7 * DAY, semiweekly: 7 * DAY, weekly: 7 * DAY, biweekly: 14 * DAY,
  threeTimesAMonth: 31 * DAY, semimonthly: 31 * DAY, monthly: 31 * DAY, bimonthly: 62 * DAY, quarterly: (365 / 4) * DAY,
  threeTimesAYear: YEAR, semiannual: YEAR, annual: YEAR, biennial: 2 * YEAR, triennial: 3 * YEAR, quinquennial: 5 * YEAR,
};

/** Which udata's criteria: the current ones, or those of udata before v12 (recorded objects). */
export type UdataRules = 'current' | 'before-v12';

/** The frequency id and its delta under the rules; undefined when udata would have no frequency. */
function frequencyOf(raw: string | undefined, rules: UdataRules): { id: string; delta: number | null } | undefined {
  if (rules === 'before-v12') {
    const id = Object.keys(DELTA_BEFORE_V12).find((k) => k.toLowerCase() === raw?.trim().toLowerCase()) ?? udataFrequency(raw);
    if (id === undefined || id === 'unknown') return undefined;
    return { id, delta: DELTA_BEFORE_V12[id] ?? null };
  }
  const id = udataFrequency(raw);
  if (id === undefined || id === 'unknown') return undefined;
  return { id, delta: DELTA[id] ?? null };
}

const time = (iso: string | undefined) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

/**
 * udata `Dataset.compute_last_update`: the harvested (or, for udata's own JSON, recorded)
 * dataset date first, else the latest resource modification. udata's API gives its computed
 * `last_update`, which the loader reads as `modified`.
 */
function lastUpdate(ds: Dataset): number | undefined {
  const own = time(ds.modified);
  if (own !== undefined) return own;
  const resourceTimes = ds.distributions.map((d) => time(d.modified)).filter((t): t is number => t !== undefined);
  return resourceTimes.length ? Math.max(...resourceTimes) : undefined;
}

/**
 * udata `Dataset.check_availability`: only remote resources are checked (`filetype: remote`;
 * outside udata, a resource that is not a file beside the descriptor). Their
 * `check:available` from the portal decides, else the `--online` check; unchecked ('unknown')
 * counts as available, as in udata (`all([... 'unknown'])`).
 */
function available(dist: Distribution, reachability: Reachability | undefined): boolean {
  const filetype = dist.extras['filetype'];
  if (filetype !== undefined ? filetype !== 'remote' : dist.localPath !== undefined) return true;
  const checked = dist.extras['check:available'];
  if (typeof checked === 'boolean') return checked;
  return reached(dist.accessURL ?? dist.downloadURL, dist, reachability) !== false;
}

export interface UdataOptions {
  now?: Date;
  reachability?: Reachability;
  /** udata QUALITY_DESCRIPTION_LENGTH: the description must be longer (data.gouv.fr: 200, `france` preset). */
  descriptionLength?: number;
  rules?: UdataRules;
}

export function udataScore(ds: Dataset, { now = new Date(), reachability, descriptionLength = UDATA_DESCRIPTION_LENGTH, rules = 'current' }: UdataOptions = {}): UdataQuality {
  const frequency = frequencyOf(ds.frequency, rules);
  let description = 0;
  for (const lang in ds.description) if (Object.hasOwn(ds.description, lang)) description = Math.max(description, codePointLength(ds.description[lang]!));
  const criteria: UdataQuality['criteria'] = {
    license: ds.licence !== undefined,
    temporal_coverage: ds.temporal?.start !== undefined || ds.temporal?.end !== undefined,
    spatial: (ds.spatial ?? []).length > 0,
    update_frequency: frequency !== undefined,
    dataset_description_quality: description > descriptionLength,
  };
  const last = lastUpdate(ds);
  if (frequency?.delta && last !== undefined) {
    // One day of grace: `(next_update - now).days >= -1`, with Python's floor on days.
    criteria.update_fulfilled_in_time = Math.floor((last + frequency.delta - now.getTime()) / DAY) >= -1;
  } else if (frequency && frequency.delta === null) {
    criteria.update_fulfilled_in_time = true;
  }
  // Linked, not included (API v2): udata's `total` says whether there are resources; the rest is unknown.
  if (ds.distributions.length === 0 && ds.distributionsNotIncluded?.total !== undefined) criteria.has_resources = ds.distributionsNotIncluded.total > 0;
  if (ds.distributions.length > 0) {
    criteria.has_resources = true;
    criteria.has_open_format = ds.distributions.some((d) => d.format?.trim() && !UDATA_CLOSED_FORMATS.has(d.format.trim().toLowerCase()));
    criteria.all_resources_available = ds.distributions.every((d) => available(d, reachability));
    criteria.resources_documentation = ds.distributions.some((d) => d.extras['type'] === 'documentation' || Object.values(d.description ?? {}).some((t) => t.trim() !== ''));
  }
  const units = [
    criteria.license,
    criteria.temporal_coverage,
    criteria.spatial,
    criteria.update_frequency,
    criteria.update_fulfilled_in_time === true,
    criteria.dataset_description_quality,
    criteria.has_open_format === true,
    criteria.all_resources_available === true,
    criteria.resources_documentation === true,
  ].filter(Boolean).length;
  return { score: Math.round((units / 9) * 1000) / 1000, criteria };
}
