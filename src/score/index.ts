import type { Dataset, DatasetScore, Finding } from '../model/index.js';
import { mqaScore } from './mqa.js';
import { udataScore } from './udata.js';
import { starsScore } from './stars.js';
import { odlintScore } from './odlint.js';
import type { Reachability } from './reachability.js';

export { mqaScore, mqaRating, MQA_MAX, MQA_WEIGHTS, type MqaScore, type MqaDimension, type MqaRating } from './mqa.js';
export { udataScore, UDATA_DESCRIPTION_LENGTH, type UdataQuality, type UdataOptions, type UdataRules } from './udata.js';
export { starsScore, type StarsScore } from './stars.js';
export { odlintScore, ODLINT_WEIGHTS } from './odlint.js';
export { checkUrls, collectUrls, type Reachability, type UrlCheck } from './reachability.js';

export interface ScoreOptions {
  /** Outcome of the `--online` URL checks; without it reachability is "not checked". */
  reachability?: Reachability;
  /** "Now" for udata's updated-on-time criterion (tests fix it). */
  now?: Date;
  /** udata QUALITY_DESCRIPTION_LENGTH (default 100; see `udataDescriptionLength`). */
  udataDescriptionLength?: number;
}

/**
 * udata's description threshold follows the effective `metadata/description-too-short`
 * `minLength` of the file (the `france` preset sets data.gouv.fr's): udata wants a description
 * strictly longer than QUALITY_DESCRIPTION_LENGTH, the rule at least `minLength` characters.
 */
export function udataDescriptionLength(rules: ReadonlyMap<string, { options: Record<string, unknown> }>): number | undefined {
  const minLength = rules.get('metadata/description-too-short')?.options['minLength'];
  return typeof minLength === 'number' ? minLength - 1 : undefined;
}

/**
 * Every score of one dataset. A data file linted without a descriptor has no metadata to
 * score: it gets only odlint's score.
 */
export function scoreDataset(ds: Dataset, findings: readonly Finding[], options: ScoreOptions = {}): DatasetScore {
  const odlint = odlintScore(findings);
  if (ds.source.format === 'data-file') return { odlint };
  const udata = udataScore(ds, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.reachability ? { reachability: options.reachability } : {}),
    ...(options.udataDescriptionLength !== undefined ? { descriptionLength: options.udataDescriptionLength } : {}),
  });
  const stars = starsScore(ds, options.reachability);
  return {
    odlint,
    mqa: mqaScore(ds, options.reachability),
    // Three of udata's nine criteria need the resources: no score when they were only linked.
    ...(ds.distributionsNotIncluded && ds.distributions.length === 0 ? {} : { udata: udata.score }),
    udataCriteria: udata.criteria,
    stars: stars.stars,
    starsReason: stars.reason,
  };
}
