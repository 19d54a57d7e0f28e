/**
 * Code schemes for sex in data: statistical code lists (SDMX CL_SEX, ISO/IEC 5218, CBS) and the
 * letters and words publishers write in English, French, Dutch and German. A column is coded in
 * a scheme when every one of its distinct values is a code of that scheme.
 *
 * Cross-language ambiguity is handled by keeping each language's letters in its own scheme:
 * "F" is female in SDMX/English/French (femme, féminin), "V" is female in Dutch (vrouw), "W" in
 * German (weiblich), "H" is male in French (homme). A column holding both "F" and "V" is therefore
 * not one scheme but a mix of two (see `classifyValues`).
 */
import { fold } from './text.js';

/** What a code stands for. */
export type SexCategory = 'male' | 'female' | 'other' | 'unknown' | 'total' | 'not-applicable';

/**
 * How far a scheme can be trusted without a header naming the column as sex: words (`text`)
 * rarely mean anything else; single letters (`letters`) do, but not two of them together with
 * both sexes; numbers (`numeric`: 1/2, 3000/4000) mean anything, so they need a header.
 */
export type SchemeStrength = 'text' | 'letters' | 'numeric';

export interface SexScheme {
  id: string;
  /** Human name, used in messages and reports. */
  label: string;
  strength: SchemeStrength;
  /** Folded code → category. */
  codes: ReadonlyMap<string, SexCategory>;
  /** The scheme's code for the total, as written ("_T", "T001038", "Total"). */
  totalCode?: string;
}

const scheme = (id: string, label: string, strength: SchemeStrength, codes: Partial<Record<SexCategory, string[]>>): SexScheme => ({
  id,
  label,
  strength,
  codes: new Map(Object.entries(codes).flatMap(([cat, list]) => (list ?? []).map((c) => [canonicalCode(c), cat as SexCategory] as const))),
  ...(codes.total?.length ? { totalCode: codes.total[0] } : {}),
});

/**
 * Known schemes, in the order used to name a column's scheme when several fit (e.g. {M, F} fits
 * SDMX and several letter schemes: SDMX is named).
 */
export const SCHEMES: readonly SexScheme[] = [
  // SDMX global code list CL_SEX (used by Eurostat, OECD, UN SDG data).
  scheme('sdmx-cl-sex', 'SDMX CL_SEX', 'letters', {
    male: ['M'],
    female: ['F'],
    total: ['_T'],
    other: ['_O'],
    unknown: ['_U'],
    'not-applicable': ['_N', '_Z'],
  }),
  // Eurostat's SEX code list (older SDMX flavour): T is the total.
  scheme('estat-sex', 'Eurostat SEX', 'letters', {
    male: ['M'],
    female: ['F'],
    total: ['T'],
    unknown: ['UNK', 'NRP'],
    'not-applicable': ['NAP'],
  }),
  // ISO/IEC 5218 (also Belgian and Swiss registers): 1 male, 2 female.
  scheme('iso-5218', 'ISO/IEC 5218', 'numeric', { unknown: ['0'], male: ['1'], female: ['2'], 'not-applicable': ['9'] }),
  // Statistics Netherlands (CBS StatLine) dimension "Geslacht".
  scheme('cbs', 'CBS Geslacht (T001038/3000/4000)', 'numeric', { total: ['T001038'], male: ['3000'], female: ['4000'] }),
  scheme('letters-fr', 'French letters H/F', 'letters', { male: ['H'], female: ['F'], other: ['X'], total: ['T'] }),
  scheme('letters-nl', 'Dutch letters M/V', 'letters', { male: ['M'], female: ['V'], other: ['X'], total: ['T'] }),
  scheme('letters-de', 'German letters M/W/D', 'letters', { male: ['M'], female: ['W'], other: ['D', 'X'], total: ['T'] }),
  scheme('text-en', 'English words', 'text', {
    male: ['male', 'males', 'man', 'men', 'boy', 'boys', 'masculine'],
    female: ['female', 'females', 'woman', 'women', 'girl', 'girls', 'feminine'],
    other: ['other', 'non-binary', 'nonbinary', 'x', 'diverse'],
    unknown: ['unknown', 'not stated', 'not specified'],
    total: ['total', 'both sexes', 'all', 'persons', 'all persons'],
  }),
  scheme('text-fr', 'French words', 'text', {
    male: ['homme', 'hommes', 'masculin', 'masculins', 'garcon', 'garcons', 'male', 'males'],
    female: ['femme', 'femmes', 'feminin', 'feminins', 'fille', 'filles', 'femelle'],
    other: ['autre', 'autres', 'non-binaire', 'non binaire', 'x'],
    unknown: ['inconnu', 'non precise', 'non specifie', 'indetermine'],
    total: ['total', 'ensemble', 'les deux sexes', 'deux sexes', 'tous'],
  }),
  scheme('text-nl', 'Dutch words', 'text', {
    male: ['man', 'mannen', 'mannelijk', 'jongen', 'jongens'],
    female: ['vrouw', 'vrouwen', 'vrouwelijk', 'meisje', 'meisjes'],
    other: ['anders', 'andere', 'non-binair', 'niet-binair', 'x'],
    unknown: ['onbekend', 'niet gespecificeerd'],
    total: ['totaal', 'beide geslachten', 'mannen en vrouwen', 'alle'],
  }),
  scheme('text-de', 'German words', 'text', {
    male: ['mannlich', 'mann', 'manner', 'junge', 'jungen', 'knabe', 'knaben', 'bub', 'buben'],
    female: ['weiblich', 'frau', 'frauen', 'madchen'],
    other: ['divers', 'x', 'nicht-binar', 'andere'],
    unknown: ['unbekannt', 'ohne angabe', 'keine angabe'],
    total: ['insgesamt', 'gesamt', 'zusammen', 'total', 'beide geschlechter'],
  }),
];

const BY_ID = new Map(SCHEMES.map((s) => [s.id, s]));

export function schemeById(id: string): SexScheme | undefined {
  return BY_ID.get(id);
}

/** A folded value in canonical form: numbers without leading zeros ("01" → "1"). */
export function canonicalCode(value: string): string {
  const v = fold(value);
  return /^\d+$/.test(v) ? String(Number(v)) : v;
}

/** The category of one value in one scheme, or undefined. */
export function categoryIn(s: SexScheme, value: string): SexCategory | undefined {
  return s.codes.get(canonicalCode(value)) ?? bilingualCategory(s, value);
}

/**
 * Brussels publishes bilingual labels in one cell ("Femmes / Vrouwen", "Homme-Man"). Such a cell
 * belongs to a word scheme when every part means the same category in some word scheme and at
 * least one part is a word of this scheme.
 */
function bilingualCategory(s: SexScheme, value: string): SexCategory | undefined {
  if (s.strength !== 'text') return undefined;
  // Split on the separator alone (canonicalCode trims the parts): `\s*[/|–-]\s*` rescans a run
  // of spaces from each of its positions, minutes for a cell of 200 KiB of spaces.
  const parts = value.split(/[/|–-]/).map(canonicalCode).filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const cats = parts.map((p) => SCHEMES.find((x) => x.strength === 'text' && x.codes.has(p))?.codes.get(p));
  if (cats.some((c) => c === undefined || c !== cats[0])) return undefined;
  return parts.some((p) => s.codes.has(p)) ? cats[0] : undefined;
}

/** Whether some scheme reads `value` as a code: values no scheme reads make `classifyValues` say `none`. */
export function isSexCode(value: string): boolean {
  return SCHEMES.some((s) => categoryIn(s, value) !== undefined);
}

/** What a set of distinct values says about sex coding. */
export type ValueClassification =
  /** Every value is a code of `scheme` (the first of `SCHEMES` that fits). */
  | { kind: 'scheme'; scheme: SexScheme; categories: Map<string, SexCategory> }
  /** Every value is a code of some scheme but no single scheme holds them all. */
  | { kind: 'mixed'; schemes: SexScheme[]; categories: Map<string, SexCategory>; valuesByScheme: Map<string, string[]> }
  /** Some values are no sex code at all. */
  | { kind: 'none'; unknownValues: string[] };

/**
 * Classifies distinct non-empty values (as written). For a mix, schemes are chosen greedily (the
 * one covering most values first) and each value is attributed to the first chosen scheme that
 * holds it, so `valuesByScheme` shows which values break the dominant scheme.
 */
export function classifyValues(values: readonly string[]): ValueClassification {
  const distinct = [...new Set(values.filter((v) => v.trim() !== ''))];
  for (const s of SCHEMES) {
    const categories = new Map<string, SexCategory>();
    if (distinct.length && distinct.every((v) => addCategory(categories, v, categoryIn(s, v)))) {
      return { kind: 'scheme', scheme: s, categories };
    }
  }
  const unknownValues = distinct.filter((v) => !SCHEMES.some((s) => categoryIn(s, v) !== undefined));
  if (unknownValues.length || distinct.length === 0) return { kind: 'none', unknownValues };

  const chosen: SexScheme[] = [];
  const valuesByScheme = new Map<string, string[]>();
  const categories = new Map<string, SexCategory>();
  let left = distinct;
  while (left.length) {
    const best = SCHEMES.map((s) => ({ s, hits: left.filter((v) => categoryIn(s, v) !== undefined) })).reduce((a, b) => (b.hits.length > a.hits.length ? b : a));
    chosen.push(best.s);
    valuesByScheme.set(best.s.id, best.hits);
    for (const v of best.hits) categories.set(v, categoryIn(best.s, v)!);
    left = left.filter((v) => !best.hits.includes(v));
  }
  return { kind: 'mixed', schemes: chosen, categories, valuesByScheme };
}

function addCategory(map: Map<string, SexCategory>, value: string, cat: SexCategory | undefined): boolean {
  if (cat === undefined) return false;
  map.set(value, cat);
  return true;
}

/** The sexes (male, female) among categories. */
export function sexesOf(categories: Iterable<SexCategory>): Set<'male' | 'female'> {
  const out = new Set<'male' | 'female'>();
  for (const c of categories) if (c === 'male' || c === 'female') out.add(c);
  return out;
}
