/**
 * What a column header says, in English, French, Dutch and German: a sex dimension, a measure
 * for one sex (wide tables: "Hommes", "Vrouwen"), a count of people, or an attribute of persons.
 * Terms are written folded (lower case, no diacritics; see text.ts) and matched as whole words.
 */
import { termMatcher, words } from './text.js';

/** Headers that name a sex dimension whatever the values. `cd sex` = Statbel's CD_SEX. */
export const SEX_WORDS: ReadonlySet<string> = new Set(['sex', 'sexe', 'sexes', 'sexo', 'sesso', 'gender', 'genders', 'geslacht', 'sekse', 'geschlecht']);
/** German compounds: Geschlechtsangabe, Geschlechtscode. */
const SEX_PREFIXES = ['geschlecht', 'geslacht'];
/**
 * Headers that may name a sex dimension: French `genre` is also the genre of a film or a book,
 * so such a column is a sex dimension only when its values fit a sex code scheme.
 */
const AMBIGUOUS_WORDS = new Set(['genre', 'genero', 'genere']);

export type SexHeader = 'sex' | 'ambiguous';

/** Whether a header names a sex dimension (`sex`), may name one (`ambiguous`), or neither. */
export function sexHeader(header: string): SexHeader | undefined {
  const ws = words(header);
  if (ws.some((w) => SEX_WORDS.has(w) || SEX_PREFIXES.some((p) => w.startsWith(p)))) return 'sex';
  if (ws.some((w) => AMBIGUOUS_WORDS.has(w))) return 'ambiguous';
  return undefined;
}

const MALE_WORDS = new Set([
  'male', 'males', 'man', 'men', 'boy', 'boys',
  'homme', 'hommes', 'masculin', 'masculins', 'garcon', 'garcons',
  'mannen', 'mannelijk', 'jongen', 'jongens',
  'mann', 'manner', 'mannlich', 'junge', 'jungen', 'knabe', 'knaben',
  // Luxembourgish: Mann/Männer as in German, Jongen as in Dutch
]);
const FEMALE_WORDS = new Set([
  'female', 'females', 'woman', 'women', 'girl', 'girls',
  'femme', 'femmes', 'feminin', 'feminins', 'fille', 'filles',
  'vrouw', 'vrouwen', 'vrouwelijk', 'meisje', 'meisjes',
  'frau', 'frauen', 'weiblich', 'madchen',
  // Luxembourgish (STATEC's LU labels): Fraen, Meedchen, Meedercher
  'fraen', 'meedchen', 'meedercher',
]);
const TOTAL_MATCH = termMatcher(['total', 'totaal', 'totale', 'ensemble', 'insgesamt', 'gesamt', 'zusammen', 'both sexes', 'les deux sexes', 'beide geslachten', 'all persons']);

export type HeaderSide = 'male' | 'female' | 'total';

/**
 * Which sex a measure column of a wide table is about: "Hommes 2020" → male, "Vrouwen" → female,
 * "Hommes et femmes" or "Total" → total. Undefined for anything else.
 */
export function headerSide(header: string): HeaderSide | undefined {
  const ws = words(header);
  const male = ws.some((w) => MALE_WORDS.has(w));
  const female = ws.some((w) => FEMALE_WORDS.has(w));
  if (male && female) return 'total';
  if (male) return 'male';
  if (female) return 'female';
  return TOTAL_MATCH(header) ? 'total' : undefined;
}

/** Measures that count people. */
export const PERSON_COUNT_TERMS = [
  // residents
  'population', 'pop', 'inhabitants', 'residents', 'habitants', 'inwoners', 'bewoners', 'bevolking', 'einwohner', 'bevolkerung',
  // pupils and students
  'pupils', 'students', 'eleves', 'eleve', 'etudiants', 'etudiant', 'leerlingen', 'leerling', 'studenten', 'schuler', 'schueler', 'lernende', 'inscrits', 'ingeschrevenen',
  // patients, applicants, beneficiaries
  'patients', 'patienten', 'demandeurs', 'demandeurs d emploi', 'werkzoekenden', 'jobseekers', 'job seekers', 'chomeurs', 'werklozen', 'arbeitslose',
  'beneficiaires', 'beneficiaries', 'begunstigden', 'allocataires', 'uitkeringsgerechtigden', 'leistungsbezieher',
  // people in general
  'personnes', 'personen', 'persons', 'people', 'individus', 'individuals', 'individuen',
  // workers
  'employees', 'employes', 'salaries', 'travailleurs', 'workers', 'werknemers', 'arbeiders', 'beschaftigte', 'arbeitnehmer', 'staff', 'personnel', 'personeel', 'headcount',
  // life events
  'births', 'naissances', 'geboorten', 'geburten', 'deaths', 'deces', 'overlijdens', 'sterbefalle', 'todesfalle',
  // others counted as people
  'voters', 'electeurs', 'kiezers', 'wahler', 'victims', 'victimes', 'slachtoffers', 'opfer',
  'children', 'enfants', 'kinderen', 'kinder', 'users', 'usagers', 'gebruikers', 'visitors', 'visiteurs', 'bezoekers', 'besucher',
  'detainees', 'detenus', 'gedetineerden', 'refugees', 'refugies', 'vluchtelingen', 'fluchtlinge', 'migrants', 'immigrants',
] as const;

/**
 * School levels: a count per level (maternelle, primaire; kleuteronderwijs, lager onderwijs) is
 * a count of pupils.
 */
export const SCHOOL_LEVEL_TERMS = [
  'maternelle', 'maternel', 'primaire', 'secondaire', 'fondamental', 'fondamentale', 'prescolaire',
  'kleuteronderwijs', 'lager onderwijs', 'basisonderwijs', 'secundair onderwijs', 'kleuterschool', 'lagere school',
  'kindergarten', 'primarschule', 'grundschule', 'sekundarstufe',
  'nursery', 'pre primary', 'primary school', 'secondary school', 'primary education', 'secondary education',
] as const;

/** Columns describing persons: the rows are (or are grouped by attributes of) people. */
const PERSON_ATTRIBUTE_TERMS: Record<string, string[]> = {
  'first-name': ['prenom', 'prenoms', 'first name', 'firstname', 'given name', 'forename', 'voornaam', 'voornamen', 'vorname', 'vornamen'],
  'family-name': ['nom de famille', 'surname', 'last name', 'lastname', 'family name', 'achternaam', 'familienaam', 'nachname', 'familienname'],
  'birth-date': ['date de naissance', 'date of birth', 'birth date', 'birthdate', 'geboortedatum', 'geburtsdatum', 'annee de naissance', 'geboortejaar', 'year of birth', 'geburtsjahr'],
  age: ['age', 'ages', 'leeftijd', 'alter', 'tranche d age', 'age group', 'leeftijdsgroep', 'altersgruppe', 'leeftijdsklasse'],
  nationality: ['nationalite', 'nationality', 'nationaliteit', 'staatsangehorigkeit', 'citizenship'],
};

/** Generic count measures: counts of people when the table's dimensions describe people. */
const GENERIC_COUNT_TERMS = ['nombre', 'number', 'count', 'aantal', 'anzahl', 'effectif', 'effectifs', 'nb', 'n', 'frequency', 'frequence'];

export const personCountTerm = termMatcher(PERSON_COUNT_TERMS);
export const schoolLevelTerm = termMatcher(SCHOOL_LEVEL_TERMS);
export const genericCountTerm = termMatcher(GENERIC_COUNT_TERMS);

const attributeMatchers = Object.entries(PERSON_ATTRIBUTE_TERMS).map(([kind, terms]) => ({ kind, match: termMatcher(terms) }));

/** The kind of person attribute a header names (first-name, birth-date, age...), or undefined. */
export function personAttribute(header: string): string | undefined {
  return attributeMatchers.find((m) => m.match(header))?.kind;
}
