/**
 * DCAT-AP 3 and data.europa.eu MQA facts shared by the metadata rules and the MQA score:
 * when a property counts as stated, the EU vocabularies (frequency, access rights), ISO 8601
 * dates and the High-Value Datasets declaration.
 */
import type { Agent, Dataset, Period } from '../model/index.js';
import { datesAndTimesExist, plainDateTimeExists } from './iso-8601.js';

/** A value MQA counts as stated: a non-blank string, a non-empty list, any other defined value. */
export function present(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(present);
  if (typeof v === 'string') return v.trim() !== '';
  return v !== undefined && v !== null;
}

/** An agent identified by a name, an e-mail, a URL or an IRI. */
export function agentStated(agent: Agent | undefined): boolean {
  return agent !== undefined && [agent.name, agent.email, agent.url, agent.uri].some(present);
}

export function periodStated(period: Period | undefined): boolean {
  return present(period?.start) || present(period?.end);
}

// ---------------------------------------------------------------------------------------------
// Frequencies (dct:accrualPeriodicity)

/**
 * udata frequency ids (udata ≥ 12, October 2025: udata/core/dataset/constants.py
 * `UpdateFrequency`) from their own spelling, udata's legacy ids, the EU frequency codes and the
 * Dublin Core freq terms, mapped as udata's RDF harvester maps them (udata/core/dataset/rdf.py
 * `EUFREQ_TERM_TO_UDATA`, `FREQ_TERM_TO_UDATA`), and a few English words. Keys are lower case.
 */
const UDATA_FREQUENCY_IDS = [
  'continuous', 'oneMinute', 'fiveMinutes', 'tenMinutes', 'fifteenMinutes', 'thirtyMinutes', 'hourly', 'bihourly',
  'trihourly', 'twelveHours', 'severalTimesADay', 'threeTimesADay', 'semidaily', 'daily', 'fiveTimesAWeek',
  'threeTimesAWeek', 'semiweekly', 'weekly', 'biweekly', 'threeTimesAMonth', 'semimonthly', 'monthly', 'bimonthly',
  'quarterly', 'threeTimesAYear', 'semiannual', 'annual', 'biennial', 'triennial', 'quadrennial', 'quinquennial',
  'decennial', 'bidecennial', 'tridecennial', 'punctual', 'irregular', 'never', 'notPlanned', 'other', 'unknown',
];
const FREQUENCY_ALIASES: Record<string, string> = {
  ...Object.fromEntries(UDATA_FREQUENCY_IDS.map((id) => [id.toLowerCase(), id])),
  // udata's legacy ids (UpdateFrequency._LEGACY_FREQUENCIES)
  realtime: 'continuous', fourtimesaday: 'severalTimesADay', fourtimesaweek: 'other', fortnighly: 'biweekly', biannual: 'semiannual',
  // EU frequency codes that are not udata ids
  update_cont: 'continuous', '1min': 'oneMinute', '5min': 'fiveMinutes', '10min': 'tenMinutes', '15min': 'fifteenMinutes',
  '30min': 'thirtyMinutes', '12hrs': 'twelveHours', cont: 'severalTimesADay', daily_3: 'threeTimesADay', daily_2: 'semidaily',
  weekly_5: 'fiveTimesAWeek', weekly_3: 'threeTimesAWeek', weekly_2: 'semiweekly', monthly_3: 'threeTimesAMonth',
  monthly_2: 'semimonthly', annual_3: 'threeTimesAYear', annual_2: 'semiannual', as_needed: 'punctual', irreg: 'irregular',
  not_planned: 'notPlanned',
  // English words
  annually: 'annual', yearly: 'annual', fortnightly: 'biweekly',
};

/** The udata frequency id of a value (udata id, EU frequency code or URI, Dublin Core URI, English word). */
export function udataFrequency(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const last = value.trim().replace(/[/#]+$/, '').split(/[/#]/).pop()!;
  return FREQUENCY_ALIASES[last.toLowerCase()];
}

/** DCAT-US / Project Open Data `accrualPeriodicity`: an ISO 8601 repeating duration (R/P1Y) or "irregular". */
const ISO_REPEATING = /^R\d*\/P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Whether a frequency comes from a vocabulary odlint knows (EU frequency NAL, udata, Dublin Core, ISO 8601). */
export function knownFrequency(value: string): boolean {
  return udataFrequency(value) !== undefined || ISO_REPEATING.test(value.trim());
}

/** Days between two updates for each udata frequency id (the longest month, year...); none for irregular ones. */
const FREQUENCY_DAYS: Record<string, number> = {
  continuous: 1, hourly: 1, fourTimesADay: 1, threeTimesADay: 1, semidaily: 1, daily: 1,
  fourTimesAWeek: 2, threeTimesAWeek: 3, semiweekly: 4, weekly: 7, biweekly: 14,
  threeTimesAMonth: 11, semimonthly: 16, monthly: 31, bimonthly: 62, quarterly: 92,
  threeTimesAYear: 123, semiannual: 184, annual: 366, biennial: 731, triennial: 1096, quinquennial: 1827,
};

/**
 * The longest interval in days a declared frequency allows between two updates (EU frequency
 * code or URI, udata id, Dublin Core, English word or ISO 8601 `R/P1M`); undefined when the
 * frequency states none (irregular, punctual, unknown) or is not understood.
 */
export function frequencyDays(value: string | undefined): number | undefined {
  const id = udataFrequency(value);
  if (id) return FREQUENCY_DAYS[id];
  const m = value ? ISO_REPEATING.exec(value.trim()) : null;
  if (!m) return undefined;
  const n = (g: string | undefined) => (g ? parseInt(g, 10) : 0);
  const days = n(m[1]) * 366 + n(m[2]) * 31 + n(m[3]) * 7 + n(m[4]) + (m[5] ? 1 : 0);
  return days || undefined;
}

// ---------------------------------------------------------------------------------------------
// Access rights

/** Every concept of the EU access-right authority table, OP_DATPRO ("provisional data") included. */
const EU_ACCESS_RIGHT = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/(PUBLIC|RESTRICTED|NON_PUBLIC|CONFIDENTIAL|SENSITIVE|NORMAL|OP_DATPRO)$/;

/** MQA "access rights from vocabulary": a value of the EU access-right authority table. */
export function accessRightsFromVocabulary(value: string | undefined): boolean {
  return value !== undefined && EU_ACCESS_RIGHT.test(value.trim());
}

// ---------------------------------------------------------------------------------------------
// Dates

const DATE = '\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?'; // days per month: datesAndTimesExist
const TIME = 'T([01]\\d|2[0-4])(:[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?';
const DATE_TIME = `${DATE}(${TIME})?`;
const DURATION = 'P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?';
/** A date, date-time, year or year-month, or an interval of them (`start/end`, `start/duration`). */
const ISO_8601 = new RegExp(`^(R\\d*/)?(${DATE_TIME}|${DURATION})(/(${DATE_TIME}|${DURATION}))?$`);

/**
 * Whether a value is an ISO 8601 date as DCAT-AP expects for dct:issued / dct:modified
 * (xsd:date, xsd:dateTime, xsd:gYear, xsd:gYearMonth); intervals and durations, which
 * DCAT-US allows, pass too. A space instead of the `T` (SQL style, CKAN) is tolerated. The
 * shape is not enough: `2023-02-29`, `T24:30` or a `+15:00` offset name no moment.
 */
export function isIsoDate(value: string): boolean {
  // The usual `2021-03-04T05:06:07` answered without the general pattern (same answer: its parts are in range).
  const plain = plainDateTimeExists(value);
  if (plain !== undefined) return plain;
  const iso = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d{2}:)/, '$1T');
  return ISO_8601.test(iso) && datesAndTimesExist(iso);
}

// ---------------------------------------------------------------------------------------------
// High-Value Datasets

/** The ELI of Implementing Regulation (EU) 2023/138 on High-Value Datasets. */
export const HVD_REGULATION_ELI = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';
const HVD_REGULATION = /eli\/reg_impl\/2023\/138/i;

/** The dataset names the HVD regulation as applicable legislation. */
export function citesHvdRegulation(ds: Dataset): boolean {
  return ds.applicableLegislation.some((l) => HVD_REGULATION.test(l));
}

/** A High-Value Dataset: it declares an HVD category or the regulation, or every dataset is (`hvd` preset). */
export function isHvd(ds: Dataset, allDatasets = false): boolean {
  return allDatasets || ds.hvdCategory.length > 0 || citesHvdRegulation(ds);
}
