import { firstText, type Dataset, type Distribution } from '../model/index.js';
import { euFileType, formatNamed, isIanaMediaType } from '../knowledge/formats.js';
import { knownLicence } from './vocabularies.js';
import { accessRightsFromVocabulary, agentStated, periodStated, present } from '../knowledge/dcat-ap.js';
import { reached, type Reachability } from './reachability.js';

/**
 * data.europa.eu Metadata Quality Assessment (https://data.europa.eu/mqa/methodology):
 * 405 points over five dimensions, rated excellent 351–405, good 221–350, sufficient 121–220,
 * bad 0–120. Distribution properties are scored on the best distribution only ("identical
 * content with several distributions"). docs/scores.md maps each indicator to the model.
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
}

export const MQA_MAX = { findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 };

export function mqaRating(points: number): MqaRating {
  if (points >= 351) return 'excellent';
  if (points >= 221) return 'good';
  if (points >= 121) return 'sufficient';
  return 'bad';
}

const award = (condition: boolean, points: number) => (condition ? points : 0);
const sum = (indicators: Record<string, IndicatorValue>) =>
  Object.values(indicators).reduce<number>((total, v) => total + (typeof v === 'number' ? v : 0), 0);

/** Indicators computed on one distribution (with the dataset's licence when it has none of its own). */
function distributionIndicators(dist: Distribution, ds: Dataset, reachability: Reachability | undefined) {
  // MQA judges dct:format only (not the media type), as the value names it: no compound guessing.
  const onList = (list: 'nonProprietary' | 'machineReadable') => formatNamed(dist.format)?.mqa.includes(list) === true;
  const asPoints = (r: ReturnType<typeof reached>, points: number): IndicatorValue => (r === 'not checked' ? r : award(r, points));
  const licence = dist.licence ?? ds.licence;
  return {
    accessibility: {
      accessUrlReachable: asPoints(reached(dist.accessURL, dist, reachability), 50),
      downloadUrl: award(present(dist.downloadURL), 20),
      downloadUrlReachable: present(dist.downloadURL) ? asPoints(reached(dist.downloadURL, dist, reachability), 30) : 0,
    },
    interoperability: {
      format: present(dist.format) ? 20 : -5,
      mediaType: present(dist.mediaType) ? 10 : -5,
      formatMediaTypeFromVocabulary: award(euFileType(dist.format) !== undefined && isIanaMediaType(dist.mediaType), 10),
      nonProprietary: award(onList('nonProprietary'), 20),
      machineReadable: award(onList('machineReadable'), 20),
    },
    reusability: {
      licence: award(licence !== undefined, 20),
      licenceFromVocabulary: award(knownLicence(licence), 10),
    },
    contextuality: {
      byteSize: award(dist.byteSize !== undefined, 5),
    },
  };
}

type DistributionIndicators = { [G in keyof ReturnType<typeof distributionIndicators>]: Record<keyof ReturnType<typeof distributionIndicators>[G], IndicatorValue> };

/** No distribution: every distribution indicator scores 0 (there is no property to be missing). */
const NO_DISTRIBUTION: DistributionIndicators = {
  accessibility: { accessUrlReachable: 0, downloadUrl: 0, downloadUrlReachable: 0 },
  interoperability: { format: 0, mediaType: 0, formatMediaTypeFromVocabulary: 0, nonProprietary: 0, machineReadable: 0 },
  reusability: { licence: 0, licenceFromVocabulary: 0 },
  contextuality: { byteSize: 0 },
};

/** Distributions linked, not included (udata API v2): their indicators are unknown, not zero. */
const NOT_INCLUDED: DistributionIndicators = {
  accessibility: { accessUrlReachable: 'not checked', downloadUrl: 'not checked', downloadUrlReachable: 'not checked' },
  interoperability: { format: 'not checked', mediaType: 'not checked', formatMediaTypeFromVocabulary: 'not checked', nonProprietary: 'not checked', machineReadable: 'not checked' },
  reusability: { licence: 'not checked', licenceFromVocabulary: 'not checked' },
  contextuality: { byteSize: 'not checked' },
};

/** DCAT-AP 3 mandatory properties: dataset title and description, an access URL on each distribution. */
function dcatApCompliant(ds: Dataset): boolean {
  return firstText(ds.title) !== undefined && firstText(ds.description) !== undefined && ds.distributions.every((d) => present(d.accessURL));
}

export function mqaScore(ds: Dataset, reachability?: Reachability): MqaScore {
  const candidates = ds.distributions.map((d) => distributionIndicators(d, ds, reachability));
  const total = (c: DistributionIndicators) => Object.values(c).reduce((t, group) => t + sum(group), 0);
  let best = -1;
  candidates.forEach((c, i) => {
    if (best < 0 || total(c) > total(candidates[best]!)) best = i;
  });
  const unknown = best < 0 && ds.distributionsNotIncluded !== undefined;
  const dist = best >= 0 ? candidates[best]! : unknown ? NOT_INCLUDED : NO_DISTRIBUTION;

  const groups = {
    findability: {
      keywords: award(ds.keywords.length > 0, 30),
      themes: award(ds.themes.length > 0, 30),
      spatial: award(present(ds.spatial), 20),
      temporal: award(periodStated(ds.temporal), 20),
    },
    accessibility: dist.accessibility,
    interoperability: { ...dist.interoperability, dcatApCompliance: unknown ? 'not checked' : award(dcatApCompliant(ds), 30) },
    reusability: {
      ...dist.reusability,
      accessRights: award(present(ds.accessRights), 10),
      accessRightsFromVocabulary: award(accessRightsFromVocabulary(ds.accessRights), 5),
      contactPoint: award(agentStated(ds.contactPoint), 20),
      publisher: award(agentStated(ds.publisher), 10),
    },
    contextuality: {
      rights: award(present(ds.rights), 5),
      byteSize: dist.contextuality.byteSize,
      issued: award(present(ds.issued), 5),
      modified: award(present(ds.modified), 5),
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
  const notChecked = Object.entries(groups).flatMap(([name, indicators]) =>
    Object.entries(indicators)
      .filter(([, v]) => v === 'not checked')
      .map(([k]) => `${name}.${k}`),
  );
  const points = Math.max(0, Object.values(dimensions).reduce((t, d) => t + d.points, 0));
  return {
    points,
    max: 405,
    rating: mqaRating(points),
    dimensions,
    notChecked,
    ...(best >= 0 ? { bestDistribution: best } : {}),
  };
}
