/**
 * The non-format vocabularies the scores need: udata frequencies, licences (delegated to the
 * licence knowledge base, src/knowledge/licences.ts) and EU access rights. Format facts come
 * from the format knowledge base (src/knowledge/formats.ts).
 */
import type { Licence, Openness } from '../model/index.js';
import { normaliseLicence } from '../knowledge/licences.js';

// ---------------------------------------------------------------------------------------------
// udata frequencies

/** udata frequency ids from its own ids, EU frequency codes/URIs, Dublin Core freq URIs or plain words. */
const FREQUENCY_ALIASES: Record<string, string> = {
  annual: 'annual', annually: 'annual', yearly: 'annual', annual_2: 'semiannual', semiannual: 'semiannual',
  biannual: 'semiannual', annual_3: 'threeTimesAYear', threetimesayear: 'threeTimesAYear', biennial: 'biennial',
  bimonthly: 'bimonthly', biweekly: 'biweekly', fortnighly: 'biweekly', fortnightly: 'biweekly', cont: 'continuous',
  continuous: 'continuous', update_cont: 'continuous', realtime: 'continuous', daily: 'daily', daily_2: 'semidaily',
  semidaily: 'semidaily', threetimesaday: 'threeTimesADay', fourtimesaday: 'fourTimesADay', hourly: 'hourly',
  irreg: 'irregular', irregular: 'irregular', monthly: 'monthly', monthly_2: 'semimonthly', semimonthly: 'semimonthly',
  monthly_3: 'threeTimesAMonth', threetimesamonth: 'threeTimesAMonth', never: 'punctual', punctual: 'punctual',
  quarterly: 'quarterly', triennial: 'triennial', quinquennial: 'quinquennial', weekly: 'weekly',
  weekly_2: 'semiweekly', semiweekly: 'semiweekly', weekly_3: 'threeTimesAWeek', threetimesaweek: 'threeTimesAWeek',
  fourtimesaweek: 'fourTimesAWeek', unknown: 'unknown',
};

export function udataFrequency(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const last = value.trim().replace(/[/#]+$/, '').split(/[/#]/).pop()!;
  return FREQUENCY_ALIASES[last.toLowerCase()];
}

// ---------------------------------------------------------------------------------------------
// Licences and access rights

/** Openness of a licence, as the licence normaliser (src/knowledge/licences.ts) judged it at load. */
export function licenceOpenness(licence: Licence | undefined): Openness {
  return licence?.openness ?? 'unknown';
}

/**
 * MQA "licence from vocabulary": a licence the knowledge base recognises (an SPDX id or
 * expression, an EU licence-table entry, a versioned CKAN id). Placeholders such as
 * `notspecified` and generic `other-open` declarations name no licence.
 */
export function knownLicence(licence: Licence | undefined): boolean {
  if (!licence) return false;
  const kind = normaliseLicence(licence).kind;
  return kind === 'recognised' || kind === 'expression';
}

const EU_ACCESS_RIGHT = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/(PUBLIC|RESTRICTED|NON_PUBLIC|CONFIDENTIAL|SENSITIVE|NORMAL)$/;

/** MQA "access rights from vocabulary": a value of the EU access-right authority table. */
export function accessRightsFromVocabulary(value: string | undefined): boolean {
  return value !== undefined && EU_ACCESS_RIGHT.test(value.trim());
}
