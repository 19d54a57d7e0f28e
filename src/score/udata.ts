import type { Dataset, Distribution } from '../model/index.js';
import { UDATA_CLOSED_FORMATS } from '../knowledge/formats.js';
import { udataFrequency } from '../knowledge/dcat-ap.js';
import { reached, type Reachability } from './reachability.js';

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

/** udata QUALITY_DESCRIPTION_LENGTH: the description must be strictly longer. */
const DESCRIPTION_LENGTH = 100;
const DAY = 86_400_000;

/** udata `next_update` deltas (frequencies with several updates per period expect one per period). */
const NEXT_UPDATE_DAYS: Record<string, number> = {
  hourly: 1 / 24,
  fourTimesADay: 1, threeTimesADay: 1, semidaily: 1, daily: 1,
  fourTimesAWeek: 7, threeTimesAWeek: 7, semiweekly: 7, weekly: 7,
  biweekly: 14,
  threeTimesAMonth: 31, semimonthly: 31, monthly: 31,
  bimonthly: 62,
  quarterly: 365 / 4,
  threeTimesAYear: 365, semiannual: 365, annual: 365,
  biennial: 730, triennial: 1095, quinquennial: 1825,
};

const time = (iso: string | undefined) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** udata `last_update`: the latest resource modification, else the dataset's own. */
function lastUpdate(ds: Dataset): number | undefined {
  const resourceTimes = ds.distributions.map((d) => time(d.modified)).filter((t): t is number => t !== undefined);
  return resourceTimes.length ? Math.max(...resourceTimes) : time(ds.modified);
}

/** udata checks only remote resources; an unchecked one is 'unknown', which counts as available. */
function available(dist: Distribution, reachability: Reachability | undefined): boolean {
  const checked = dist.extras['check:available'];
  if (typeof checked === 'boolean') return checked;
  if (dist.extras['filetype'] !== undefined && dist.extras['filetype'] !== 'remote') return true;
  const r = reached(dist.accessURL ?? dist.downloadURL, dist, reachability);
  return r !== false;
}

export function udataScore(ds: Dataset, { now = new Date(), reachability }: { now?: Date; reachability?: Reachability } = {}): UdataQuality {
  const frequency = udataFrequency(ds.frequency);
  const description = Object.values(ds.description ?? {}).reduce((longest, t) => Math.max(longest, [...t].length), 0);
  const criteria: UdataQuality['criteria'] = {
    license: ds.licence !== undefined,
    temporal_coverage: ds.temporal?.start !== undefined || ds.temporal?.end !== undefined,
    spatial: (ds.spatial ?? []).length > 0,
    update_frequency: frequency !== undefined && frequency !== 'unknown',
    dataset_description_quality: description > DESCRIPTION_LENGTH,
  };
  const delta = frequency ? NEXT_UPDATE_DAYS[frequency] : undefined;
  const last = lastUpdate(ds);
  if (delta !== undefined && last !== undefined) {
    // One day of grace: `(next_update - now).days >= -1`, with Python's floor on days.
    criteria.update_fulfilled_in_time = Math.floor((last + delta * DAY - now.getTime()) / DAY) >= -1;
  } else if (frequency === 'continuous' || frequency === 'irregular' || frequency === 'punctual') {
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
