/**
 * The effective gender-mainstreaming flags of a dataset. Loaders fill `ds.flags` from the
 * canonical names (`concerns_individuals`, `sex_disaggregated`, `gender_statistics` in CKAN
 * extras/keys, udata extras, dataset.yaml `flags:`). Portals name these fields differently and
 * answer in their own words ("Données genrées": "Oui"), so the field names and the accepted
 * values are rule options (set per portal in its preset), read here from `ds.extras`.
 */
import type { Dataset, DatasetFlags, SourceLocation } from '../../model/index.js';
import { fold } from './text.js';

export type FlagName = keyof DatasetFlags;
export const FLAG_NAMES: readonly FlagName[] = ['concernsIndividuals', 'sexDisaggregated', 'genderStatistics'];

/** Names people read in messages. */
export const FLAG_LABELS: Record<FlagName, string> = {
  concernsIndividuals: 'data concerning individuals',
  sexDisaggregated: 'sex-disaggregated data',
  genderStatistics: 'gender statistics',
};

export interface FlagOptions {
  /** Extra keys (CKAN extras or top-level keys, udata extras) that may carry each flag. */
  fields: Record<FlagName, string[]>;
  /** Words meaning yes and no in those fields. */
  values: { true: string[]; false: string[] };
}

export const DEFAULT_FLAG_OPTIONS: FlagOptions = {
  fields: {
    concernsIndividuals: ['concerns_individuals'],
    sexDisaggregated: ['sex_disaggregated'],
    genderStatistics: ['gender_statistics'],
  },
  values: {
    true: ['true', 'yes', 'y', '1', 'oui', 'vrai', 'ja', 'waar', 'wahr'],
    false: ['false', 'no', 'n', '0', 'non', 'faux', 'nee', 'onwaar', 'nein', 'falsch'],
  },
};

const names = { type: 'array', items: { type: 'string', minLength: 1 } };

/** JSON Schema of the flag options, merged into the options schema of every rule reading flags. */
export const FLAG_OPTIONS_SCHEMA = {
  fields: {
    type: 'object',
    description: 'Extra (or top-level) field names that carry each flag, per portal; matched ignoring case, accents and separators.',
    additionalProperties: false,
    properties: { concernsIndividuals: names, sexDisaggregated: names, genderStatistics: names },
  },
  values: {
    type: 'object',
    description: 'Values meaning yes (`true`) and no (`false`) in those fields, any language; matched ignoring case and accents.',
    additionalProperties: false,
    properties: { true: names, false: names },
  },
} as const;

/** One flag as the dataset declares it. */
export type DeclaredFlag =
  | { state: 'declared'; value: boolean; location: SourceLocation; field: string }
  /** The field is there but its value is neither a yes nor a no. */
  | { state: 'invalid'; raw: string; location: SourceLocation; field: string }
  | { state: 'missing' };

export type DeclaredFlags = Record<FlagName, DeclaredFlag>;

/** Compares field names ignoring case, accents and separators: "Sex-disaggregated" = "sex_disaggregated". */
const key = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '');

/**
 * Field names compared, remembered: a catalogue repeats the same few extras keys in every
 * dataset (folding them showed in profiles). Bounded: cleared when full.
 */
const keys = new Map<string, string>();
const KEYS_MAX = 4096;
function keyOf(name: string): string {
  let k = keys.get(name);
  if (k === undefined) {
    if (keys.size >= KEYS_MAX) keys.clear();
    keys.set(name, (k = key(name)));
  }
  return k;
}

/** A rule's flag options with their words folded once; `signature` says which options give the same answer. */
interface CompiledOptions {
  fields: Record<FlagName, string[]>;
  yes: Set<string>;
  no: Set<string>;
  signature: string;
}
const compiled = new WeakMap<Partial<FlagOptions>, CompiledOptions>();
function compile(options: Partial<FlagOptions>): CompiledOptions {
  let c = compiled.get(options);
  if (!c) {
    const fields = { ...DEFAULT_FLAG_OPTIONS.fields, ...options.fields };
    const values = { ...DEFAULT_FLAG_OPTIONS.values, ...options.values };
    c = { fields, yes: new Set(values.true.map(fold)), no: new Set(values.false.map(fold)), signature: JSON.stringify([fields, values]) };
    compiled.set(options, c);
  }
  return c;
}

/**
 * The flags each dataset declares, per options' signature: every gender rule and the report
 * ask for them (usually with the preset's same options), they are worked out once.
 */
const resolved = new WeakMap<Dataset, Map<string, DeclaredFlags>>();

/** The declared flags: the model's first, else the configured extras. */
export function declaredFlags(ds: Dataset, options: Partial<FlagOptions> = {}): DeclaredFlags {
  const c = compile(options);
  let byOptions = resolved.get(ds);
  if (!byOptions) resolved.set(ds, (byOptions = new Map()));
  let flags = byOptions.get(c.signature);
  if (!flags) byOptions.set(c.signature, (flags = resolveFlags(ds, c)));
  return flags;
}

function resolveFlags(ds: Dataset, { fields, yes, no }: CompiledOptions): DeclaredFlags {
  const one = (flag: FlagName): DeclaredFlag => {
    const model = ds.flags[flag];
    if (model !== undefined) {
      return { state: 'declared', value: model, location: ds.locations[`flags.${flag}`] ?? ds.at, field: `flags.${flag}` };
    }
    for (const name of fields[flag] ?? []) {
      const extra = lastExtraKeyed(ds.extras, keyOf(name));
      if (extra === undefined) continue;
      const location = ds.locations[`extras.${extra}`] ?? ds.at;
      const answer = yesNo(ds.extras[extra], yes, no);
      if (answer.value !== undefined) return { state: 'declared', value: answer.value, location, field: extra };
      return { state: 'invalid', raw: answer.raw, location, field: extra };
    }
    return { state: 'missing' };
  };
  return { concernsIndividuals: one('concernsIndividuals'), sexDisaggregated: one('sexDisaggregated'), genderStatistics: one('genderStatistics') };
}

/**
 * The last extra whose key folds to `key` (as a map from folded keys to extras, later keys
 * winning, would answer): a loop over the keys, where a map per dataset was built before —
 * most catalogue datasets have a few dozen extras and none of the flag fields.
 */
function lastExtraKeyed(extras: Record<string, unknown>, key: string): string | undefined {
  let found: string | undefined;
  for (const k in extras) if (Object.prototype.hasOwnProperty.call(extras, k) && keyOf(k) === key) found = k;
  return found;
}

/**
 * A yes/no from a field value: a boolean, a number, a word, or a multilingual object/list whose
 * every text says the same ({fr: "Oui", nl: "Ja"}).
 */
function yesNo(v: unknown, yes: Set<string>, no: Set<string>): { value?: boolean; raw: string } {
  const leaves: string[] = [];
  const collect = (x: unknown): void => {
    if (typeof x === 'boolean' || typeof x === 'number') leaves.push(String(x));
    else if (typeof x === 'string') leaves.push(x);
    else if (Array.isArray(x)) x.forEach(collect);
    else if (x && typeof x === 'object') Object.values(x).forEach(collect);
  };
  collect(v);
  const raw = leaves.join(', ').slice(0, 80);
  const answers = new Set(leaves.map((l) => (yes.has(fold(l)) ? true : no.has(fold(l)) ? false : undefined)));
  if (answers.size === 1 && !answers.has(undefined)) return { value: [...answers][0], raw };
  return { raw };
}

/** The declared value of a flag, or undefined when missing or invalid. */
export function flagValue(f: DeclaredFlag): boolean | undefined {
  return f.state === 'declared' ? f.value : undefined;
}
