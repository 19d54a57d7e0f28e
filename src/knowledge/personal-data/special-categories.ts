/**
 * GDPR special categories of personal data (Art. 9: health, ethnic origin, religion or belief,
 * political opinion, trade-union membership, sex life or sexual orientation, genetic and
 * biometric data) and data on criminal convictions and offences (Art. 10), recognised by column
 * header and by category values, in English, French, Dutch and German.
 */
import { contentWords, fold, words } from './text.js';
import { headerWords } from './headers.js';

export type SpecialCategory =
  | 'health'
  | 'ethnic-origin'
  | 'religion'
  | 'political-opinion'
  | 'trade-union'
  | 'sexual-orientation'
  | 'genetic-biometric'
  | 'criminal';

export const SPECIAL_CATEGORY_LABELS: Record<SpecialCategory, string> = {
  health: 'health (GDPR Art. 9)',
  'ethnic-origin': 'racial or ethnic origin (GDPR Art. 9)',
  religion: 'religious or philosophical beliefs (GDPR Art. 9)',
  'political-opinion': 'political opinions (GDPR Art. 9)',
  'trade-union': 'trade-union membership (GDPR Art. 9)',
  'sexual-orientation': 'sex life or sexual orientation (GDPR Art. 9)',
  'genetic-biometric': 'genetic or biometric data (GDPR Art. 9)',
  criminal: 'criminal convictions and offences (GDPR Art. 10)',
};

/** Header phrases per category (all words must be present). */
const HEADERS: Record<SpecialCategory, string[]> = {
  health: [
    'health', 'sante', 'gezondheid', 'gesundheit', 'diagnosis', 'diagnose', 'diagnostic', 'disease', 'maladie',
    'ziekte', 'krankheit', 'pathology', 'pathologie', 'disability', 'handicap', 'beperking', 'behinderung',
    'medical', 'medicale', 'medisch', 'medizinisch', 'treatment', 'traitement', 'behandeling', 'behandlung',
    'medication', 'medicament', 'geneesmiddel', 'medikament', 'allergy', 'allergie', 'pregnancy', 'grossesse',
    'zwangerschap', 'schwangerschaft', 'cause death', 'cause deces', 'doodsoorzaak', 'todesursache', 'icd', 'cim10',
    'vaccination status', 'statut vaccinal', 'vaccinatiestatus', 'impfstatus', 'hospitalisation', 'hospitalization',
    'ziekenhuisopname', 'invalidite', 'invaliditeit', 'arbeitsunfahigkeit', 'incapacite', 'arbeidsongeschiktheid',
    'gesundheitszustand', 'etat sante', 'mental health', 'sante mentale', 'geestelijke gezondheid', 'psychiatrie', 'psychiatric',
  ],
  'ethnic-origin': [
    'ethnicity', 'ethnic', 'ethnie', 'ethnique', 'origine ethnique', 'etnische', 'etniciteit', 'etnische afkomst',
    'herkomst', 'migratieachtergrond', 'migratie achtergrond', 'ethnische herkunft', 'migrationshintergrund', 'race',
    'racial', 'raciale', 'skin colour', 'skin color', 'couleur peau', 'huidskleur', 'hautfarbe',
  ],
  religion: [
    'religion', 'religious', 'religieuse', 'religie', 'godsdienst', 'geloof', 'levensbeschouwing', 'confession',
    'konfession', 'religionszugehorigkeit', 'croyance', 'belief', 'culte', 'faith', 'glaube',
  ],
  'political-opinion': [
    'political opinion', 'opinion politique', 'politieke voorkeur', 'politieke overtuiging', 'politische meinung',
    'political party', 'parti politique', 'politieke partij', 'partei', 'affiliation politique', 'stemvoorkeur',
    'voting intention', 'intention vote', 'wahlabsicht', 'political affiliation', 'parteizugehorigkeit',
  ],
  'trade-union': [
    'trade union', 'union membership', 'syndicat', 'syndicale', 'syndical', 'affiliation syndicale', 'vakbond',
    'vakbondslid', 'vakbondslidmaatschap', 'gewerkschaft', 'gewerkschaftszugehorigkeit',
  ],
  'sexual-orientation': [
    'sexual orientation', 'orientation sexuelle', 'seksuele orientatie', 'seksuele geaardheid', 'sexuelle orientierung',
    'sex life', 'vie sexuelle', 'seksleven', 'sexualleben', 'sexuality', 'sexualite', 'seksualiteit', 'sexualitat',
  ],
  'genetic-biometric': [
    'genetic', 'genetique', 'genetisch', 'dna', 'adn', 'genome', 'genotype', 'biometric', 'biometrique', 'biometrisch',
    'fingerprint', 'empreinte digitale', 'vingerafdruk', 'fingerabdruck', 'facial', 'iris scan',
  ],
  criminal: [
    'criminal record', 'casier judiciaire', 'strafblad', 'strafregister', 'vorstrafe', 'vorstrafen', 'conviction',
    'condamnation', 'veroordeling', 'verurteilung', 'offence', 'offense', 'infraction', 'misdrijf', 'straftat',
    'delit', 'crime', 'criminal', 'penal', 'penale', 'strafrechtelijk', 'strafrechtlich', 'detention', 'detenu',
    'gedetineerde', 'haft', 'sentence', 'peine', 'straf', 'strafe', 'prison', 'gevangenis', 'gefangnis',
  ],
};

/** Category values that reveal a special category when they describe a person. */
const VALUES: Partial<Record<SpecialCategory, string[]>> = {
  religion: [
    'catholique', 'catholic', 'katholiek', 'katholisch', 'roomskatholiek', 'protestant', 'protestante', 'protestants',
    'evangelisch', 'musulman', 'musulmane', 'muslim', 'moslim', 'muslimisch', 'islam', 'islamitisch', 'juif', 'juive',
    'jewish', 'joods', 'judisch', 'bouddhiste', 'buddhist', 'boeddhist', 'buddhistisch', 'hindou', 'hindu', 'hindoe',
    'sikh', 'athee', 'atheist', 'atheistisch', 'agnostique', 'agnostic', 'agnost', 'orthodoxe', 'orthodox',
    'anglican', 'anglicaans', 'sans religion', 'no religion', 'geen religie', 'konfessionslos', 'laique',
  ],
  'sexual-orientation': [
    'homosexuel', 'homosexuelle', 'homosexual', 'homoseksueel', 'homosexuell', 'heterosexuel', 'heterosexuelle',
    'heterosexual', 'heteroseksueel', 'heterosexuell', 'bisexuel', 'bisexuelle', 'bisexual', 'biseksueel', 'bisexuell',
    'lesbienne', 'lesbian', 'lesbisch', 'gay', 'homo', 'pansexual', 'asexual', 'asexuel',
  ],
  health: [
    'diabete', 'diabetes', 'cancer', 'kanker', 'krebs', 'vih', 'hiv', 'sida', 'aids', 'depression', 'depressie',
    'schizophrenie', 'schizophrenia', 'epilepsie', 'epilepsy', 'alzheimer', 'dementia', 'dementie', 'demenz',
    'hepatite', 'hepatitis', 'tuberculose', 'tuberculosis', 'autisme', 'autism', 'autismus', 'sclerose en plaques',
    'multiple sclerosis', 'multiple sklerose', 'parkinson', 'obesite', 'obesity', 'obesitas', 'adipositas',
  ],
  criminal: [
    'condamne', 'condamnee', 'convicted', 'veroordeeld', 'verurteilt', 'recidive', 'recidivist', 'recidivist',
    'vorbestraft', 'incarcere', 'gedetineerd', 'inhaftiert',
  ],
};

const HEADER_PATTERNS = Object.entries(HEADERS).flatMap(([category, phrases]) =>
  phrases.map((p) => ({ category: category as SpecialCategory, words: contentWords(p) })),
);
const VALUE_INDEX = new Map<string, SpecialCategory>(
  Object.entries(VALUES).flatMap(([category, values]) => values.map((v) => [words(v).join(' '), category as SpecialCategory] as const)),
);

/** The special category a column header names, if any (the most specific phrase wins). */
export function specialCategoryOfHeader(header: string): SpecialCategory | undefined {
  const present = new Set(headerWords(header));
  let best: { category: SpecialCategory; words: string[] } | undefined;
  for (const p of HEADER_PATTERNS) {
    if (p.words.every((w) => present.has(w)) && (!best || p.words.length > best.words.length)) best = p;
  }
  return best?.category;
}

/**
 * No value's words hold a digit. `words` keeps ASCII digits in its tokens (it splits on what is
 * not a-z or 0-9, and folding leaves them), so a value with one names no category: most cells of
 * a table (ids, dates, amounts) are then done without `words`, the costly part of the sample.
 */
const NO_KEY_HAS_DIGITS = [...VALUE_INDEX.keys()].every((key) => !/[0-9]/.test(key));

/** Whether `value` is too long for a category value, or holds a digit: it then names none (`specialCategoryOfValue`). */
export function namesNoCategory(value: string): boolean {
  return value.length > 40 || (NO_KEY_HAS_DIGITS && /[0-9]/.test(value));
}

/** The special category a value's words name, if any: what `specialCategoryOfValue` answers, without its screens. */
export function categoryNamedByWords(value: string): SpecialCategory | undefined {
  return VALUE_INDEX.get(words(value).join(' '));
}

/** The special category a cell value (at most 40 characters) names (`Musulman`, `homosexuel`, `diabète`), if any. */
export function specialCategoryOfValue(value: string): SpecialCategory | undefined {
  return namesNoCategory(value) ? undefined : categoryNamedByWords(value);
}

/** Sensitive topics named in free text (dataset title, keywords): any header phrase as words. */
export function specialCategoriesInText(text: string): SpecialCategory[] {
  const present = new Set(words(fold(text)));
  const found = new Set<SpecialCategory>();
  for (const p of HEADER_PATTERNS) if (p.words.every((w) => present.has(w))) found.add(p.category);
  return [...found];
}
