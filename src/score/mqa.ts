import { shaclResults, shaclSets } from '../engine/shacl-results.js';
import { firstText, type Dataset, type Distribution } from '../model/index.js';
import { euFileType, formatNamed, isIanaMediaType } from '../knowledge/formats.js';
import { knownLicence } from './vocabularies.js';
import { accessRightsFromVocabulary, present } from '../knowledge/dcat-ap.js';
import { reached, type Reachability } from './reachability.js';
import { extended } from '../util/objects.js';

/**
 * data.europa.eu Metadata Quality Assessment (https://data.europa.eu/mqa/methodology), as
 * piveau computes it (piveau metrics: one DQV measurement per indicator, scored with its
 * true/false points): 405 points over five dimensions, rated excellent 351–405, good 221–350,
 * sufficient 121–220, bad 0–120. Distribution indicators come from the best distribution only
 * ("identical content with several distributions"); issued/modified fall back to the dataset's.
 * docs/scores.md cites the source of each indicator.
 */

export type IndicatorValue = number | 'not checked';

export interface MqaDimension {
  points: number;
  max: number;
  indicators: Record<string, IndicatorValue>;
}

export type MqaRating = 'excellent' | 'good' | 'sufficient' | 'bad';

export interface MqaScore {
  points: number;
  max: number;
  rating: MqaRating;
  dimensions: {
    findability: MqaDimension;
    accessibility: MqaDimension;
    interoperability: MqaDimension;
    reusability: MqaDimension;
    contextuality: MqaDimension;
  };
  /** `dimension.indicator` left unchecked: reachability without `--online`; every distribution indicator when the distributions were not included (only linked). */
  notChecked: string[];
  /** Index of the distribution whose properties were scored (absent when there is none). */
  bestDistribution?: number;
  /**
   * The most this run can award: 405 minus the points of the indicators it cannot check (the
   * `notChecked` ones; offline, both reachability indicators). Offline that is 325, below
   * "excellent" (351).
   */
  maxChecked: number;
}

export const MQA_MAX = { findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 };

/** The points of each indicator when it holds (a failed indicator scores 0: no source gives a penalty). */
export const MQA_WEIGHTS = {
  findability: { keywords: 30, themes: 30, spatial: 20, temporal: 20 },
  accessibility: { accessUrlReachable: 50, downloadUrl: 20, downloadUrlReachable: 30 },
  interoperability: { format: 20, mediaType: 10, formatMediaTypeFromVocabulary: 10, nonProprietary: 20, machineReadable: 20, dcatApCompliance: 30 },
  reusability: { licence: 20, licenceFromVocabulary: 10, accessRights: 10, accessRightsFromVocabulary: 5, contactPoint: 20, publisher: 10 },
  contextuality: { rights: 5, byteSize: 5, issued: 5, modified: 5 },
} as const;

export function mqaRating(points: number): MqaRating {
  if (points >= 351) return 'excellent';
  if (points >= 221) return 'good';
  if (points >= 121) return 'sufficient';
  return 'bad';
}

const award = (condition: boolean, points: number) => (condition ? points : 0);
/** The points of a group of indicators ('not checked' counts 0). A loop: every dataset and distribution is totalled. */
function sum(indicators: Record<string, IndicatorValue>): number {
  let total = 0;
  for (const key in indicators) {
    const v = indicators[key];
    if (typeof v === 'number') total += v;
  }
  return total;
}

/**
 * A property MQA counts as stated: a value, or a property the loader found without a usable
 * value (an RDF `dct:temporal` node with no dates still is a `dct:temporal`).
 */
function stated<T extends Dataset | Distribution>(entity: T, property: keyof T & string): boolean {
  return present(entity[property]) || entity.locations[property] !== undefined;
}

/** The format or the media type names a format on the MQA list (piveau checks dct:format OR dcat:mediaType). */
function onMqaList(dist: Distribution, list: 'nonProprietary' | 'machineReadable'): boolean {
  return formatNamed(dist.format)?.mqa.includes(list) === true || formatNamed(dist.mediaType)?.mqa.includes(list) === true;
}

/**
 * The licence MQA reads on a distribution. DCAT-AP puts dct:license on distributions; the
 * exporters of the other sources (ckanext-dcat, udata's RDF) copy the dataset's licence onto
 * each distribution that has none, so only RDF input is taken as written.
 */
function distributionLicence(dist: Distribution, ds: Dataset) {
  return dist.licence ?? (ds.source.format === 'dcat-ap' ? undefined : ds.licence);
}

/** `dimension.indicator` names, made once (every offline dataset has unchecked indicators). */
const QUALIFIED: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(MQA_WEIGHTS).map(([name, indicators]) => [name, Object.fromEntries(Object.keys(indicators).map((k) => [k, `${name}.${k}`]))]),
);

const asPoints = (r: ReturnType<typeof reached>, points: number): IndicatorValue => (r === 'not checked' ? r : award(r, points));

/** Zeroed distribution indicators, in the order reports show them. */
function newIndicators() {
  return {
    accessibility: { accessUrlReachable: 0 as IndicatorValue, downloadUrl: 0, downloadUrlReachable: 0 as IndicatorValue },
    interoperability: { format: 0, mediaType: 0, formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 0 },
    reusability: { licence: 0, licenceFromVocabulary: 0 },
    contextuality: { rights: 0, byteSize: 0, issued: 0, modified: 0 },
  };
}

/**
 * Writes one distribution's indicators, computed on its own properties only (the best one is
 * chosen on these), into `into`: `mqaScore` scores every distribution into two scratch sets, and
 * the report copies the best one's.
 */
function fillIndicators(into: ReturnType<typeof newIndicators>, dist: Distribution, ds: Dataset, reachability: Reachability | undefined): void {
  const licence = distributionLicence(dist, ds);
  const w = MQA_WEIGHTS;
  const a = into.accessibility;
  a.accessUrlReachable = asPoints(reached(dist.accessURL, dist, reachability), w.accessibility.accessUrlReachable);
  a.downloadUrl = award(present(dist.downloadURL), w.accessibility.downloadUrl);
  a.downloadUrlReachable = present(dist.downloadURL) ? asPoints(reached(dist.downloadURL, dist, reachability), w.accessibility.downloadUrlReachable) : 0;
  const i = into.interoperability;
  i.format = award(stated(dist, 'format'), w.interoperability.format);
  i.mediaType = award(stated(dist, 'mediaType'), w.interoperability.mediaType);
  i.formatMediaTypeFromVocabulary = award(euFileType(dist.format) !== undefined && isIanaMediaType(dist.mediaType), w.interoperability.formatMediaTypeFromVocabulary);
  i.nonProprietary = award(onMqaList(dist, 'nonProprietary'), w.interoperability.nonProprietary);
  i.machineReadable = award(onMqaList(dist, 'machineReadable'), w.interoperability.machineReadable);
  const r = into.reusability;
  r.licence = award(licence !== undefined, w.reusability.licence);
  r.licenceFromVocabulary = award(knownLicence(licence), w.reusability.licenceFromVocabulary);
  const c = into.contextuality;
  c.rights = award(stated(dist, 'rights'), w.contextuality.rights);
  c.byteSize = award(dist.byteSize !== undefined, w.contextuality.byteSize);
  c.issued = award(stated(dist, 'issued'), w.contextuality.issued);
  c.modified = award(stated(dist, 'modified'), w.contextuality.modified);
}

type DistributionIndicators = { [G in keyof ReturnType<typeof newIndicators>]: Record<keyof ReturnType<typeof newIndicators>[G], IndicatorValue> };

/** No distribution: every distribution indicator scores 0 (there is no property to be missing). */
const NO_DISTRIBUTION: DistributionIndicators = {
  accessibility: { accessUrlReachable: 0, downloadUrl: 0, downloadUrlReachable: 0 },
  interoperability: { format: 0, mediaType: 0, formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 0 },
  reusability: { licence: 0, licenceFromVocabulary: 0 },
  contextuality: { rights: 0, byteSize: 0, issued: 0, modified: 0 },
};

/** Distributions linked, not included (udata API v2): their indicators are unknown, not zero. */
const NOT_INCLUDED: DistributionIndicators = {
  accessibility: { accessUrlReachable: 'not checked', downloadUrl: 'not checked', downloadUrlReachable: 'not checked' },
  interoperability: { format: 'not checked', mediaType: 'not checked', formatMediaTypeFromVocabulary: 'not checked', nonProprietary: 'not checked', machineReadable: 'not checked' },
  reusability: { licence: 'not checked', licenceFromVocabulary: 'not checked' },
  contextuality: { rights: 'not checked', byteSize: 'not checked', issued: 'not checked', modified: 'not checked' },
};

/**
 * piveau scores issued/modified on the distribution and takes the dataset's measurement only
 * when the distribution has none: a date on either side counts.
 */
function withDatasetDate(value: IndicatorValue, ds: Dataset, property: 'issued' | 'modified'): IndicatorValue {
  return value === MQA_WEIGHTS.contextuality[property] || !stated(ds, property) ? value : MQA_WEIGHTS.contextuality[property];
}

/**
 * MQA "DCAT-AP compliance" is "no violation of the DCAT-AP SHACL shapes" (piveau validates with
 * the core DCAT-AP shapes). When dcat-ap/mandatory validated the dataset (src/shacl/, on in the
 * dcat-ap, hvd and mqa presets), its results decide: no sh:Violation of DCAT-AP 3.0.1
 * shapes.ttl. Otherwise the mandatory properties stand in: a title, a description, an access URL
 * on each distribution.
 */
function dcatApCompliant(ds: Dataset): boolean {
  if (shaclSets(ds)?.includes('mandatory')) return !shaclResults(ds, 'mandatory').some((r) => r.severity === 'Violation');
  return firstText(ds.title) !== undefined && firstText(ds.description) !== undefined && ds.distributions.every((d) => present(d.accessURL));
}

const scratchA = newIndicators();
const scratchB = newIndicators();

export function mqaScore(ds: Dataset, reachability?: Reachability): MqaScore {
  // The first distribution with the most points is scored.
  let best = -1;
  let bestTotal = 0;
  // Two scratch sets (the one being filled, the best so far): a set of indicator objects per
  // distribution was the scores' largest allocation on a catalogue run.
  let c = scratchA;
  let kept = scratchB;
  for (let i = 0; i < ds.distributions.length; i++) {
    fillIndicators(c, ds.distributions[i]!, ds, reachability);
    const t = sum(c.accessibility) + sum(c.interoperability) + sum(c.reusability) + sum(c.contextuality);
    if (best < 0 || t > bestTotal) {
      best = i;
      bestTotal = t;
      const filled = c;
      c = kept;
      kept = filled;
    }
  }
  const unknown = best < 0 && ds.distributionsNotIncluded !== undefined;
  // The best distribution's indicators are scratch: the groups below copy what they keep of them.
  const dist: DistributionIndicators = best >= 0 ? kept : unknown ? NOT_INCLUDED : NO_DISTRIBUTION;

  const w = MQA_WEIGHTS;
  const groups = {
    findability: {
      keywords: award(ds.keywords.length > 0, w.findability.keywords),
      themes: award(ds.themes.length > 0, w.findability.themes),
      spatial: award(stated(ds, 'spatial'), w.findability.spatial),
      temporal: award(stated(ds, 'temporal'), w.findability.temporal),
    },
    accessibility: best >= 0 ? { ...dist.accessibility } : dist.accessibility,
    // `extended`, not `{ ...dist.interoperability, dcatApCompliance }`: see src/util/objects.ts.
    interoperability: extended(dist.interoperability, { dcatApCompliance: (unknown ? 'not checked' : award(dcatApCompliant(ds), w.interoperability.dcatApCompliance)) as IndicatorValue }),
    reusability: extended(dist.reusability, {
      accessRights: award(stated(ds, 'accessRights'), w.reusability.accessRights),
      accessRightsFromVocabulary: award(accessRightsFromVocabulary(ds.accessRights), w.reusability.accessRightsFromVocabulary),
      contactPoint: award(stated(ds, 'contactPoint'), w.reusability.contactPoint),
      publisher: award(stated(ds, 'publisher'), w.reusability.publisher),
    }),
    contextuality: {
      rights: dist.contextuality.rights,
      byteSize: dist.contextuality.byteSize,
      issued: withDatasetDate(dist.contextuality.issued, ds, 'issued'),
      modified: withDatasetDate(dist.contextuality.modified, ds, 'modified'),
    },
  } satisfies Record<keyof typeof MQA_MAX, Record<string, IndicatorValue>>;

  const dimension = (name: keyof typeof MQA_MAX): MqaDimension => ({ points: sum(groups[name]), max: MQA_MAX[name], indicators: groups[name] });
  const dimensions: MqaScore['dimensions'] = {
    findability: dimension('findability'),
    accessibility: dimension('accessibility'),
    interoperability: dimension('interoperability'),
    reusability: dimension('reusability'),
    contextuality: dimension('contextuality'),
  };
  const notChecked: string[] = [];
  let unchecked = 0;
  for (const name in groups) {
    const indicators: Record<string, IndicatorValue> = groups[name as keyof typeof groups];
    const weights = MQA_WEIGHTS[name as keyof typeof MQA_WEIGHTS] as Record<string, number>;
    for (const k in indicators) {
      if (indicators[k] !== 'not checked') continue;
      notChecked.push(QUALIFIED[name]?.[k] ?? `${name}.${k}`);
      unchecked += weights[k] ?? 0;
    }
  }
  const points = dimensions.findability.points + dimensions.accessibility.points + dimensions.interoperability.points + dimensions.reusability.points + dimensions.contextuality.points;
  // Offline, a download URL could not be checked either, had there been one.
  if (!reachability && groups.accessibility.accessUrlReachable === 'not checked' && groups.accessibility.downloadUrlReachable !== 'not checked') unchecked += MQA_WEIGHTS.accessibility.downloadUrlReachable;
  return {
    points,
    max: 405,
    rating: mqaRating(points),
    dimensions,
    notChecked,
    ...(best >= 0 ? { bestDistribution: best } : {}),
    maxChecked: 405 - unchecked,
  };
}
