import type { Dataset, DatasetScore, Finding } from '../model/index.js';
import { mqaScore } from './mqa.js';
import { udataScore } from './udata.js';
import { starsScore } from './stars.js';
import { odlintScore } from './odlint.js';
import type { Reachability } from './reachability.js';

export { mqaScore, mqaRating, MQA_MAX, type MqaScore, type MqaDimension, type MqaRating } from './mqa.js';
export { udataScore, type UdataQuality } from './udata.js';
export { starsScore, type StarsScore } from './stars.js';
export { odlintScore, ODLINT_WEIGHTS } from './odlint.js';
export { checkUrls, collectUrls, type Reachability, type UrlCheck } from './reachability.js';

export interface ScoreOptions {
  /** Outcome of the `--online` URL checks; without it reachability is "not checked". */
  reachability?: Reachability;
  /** "Now" for udata's updated-on-time criterion (tests fix it). */
  now?: Date;
}

/**
 * Every score of one dataset. A data file linted without a descriptor has no metadata to
 * score: it gets only odlint's score.
 */
export function scoreDataset(ds: Dataset, findings: readonly Finding[], options: ScoreOptions = {}): DatasetScore {
  const odlint = odlintScore(findings);
  if (ds.source.format === 'data-file') return { odlint };
  const udata = udataScore(ds, options);
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
