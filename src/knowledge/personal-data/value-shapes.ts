/** Cheap value shapes used to corroborate what a header says (names, dates, street addresses). */

/**
 * Words that open or mark the name of an organisation, not a person (FR/NL/DE/EN): "Région
 * Bretagne", "Association Les Petits Débrouillards", "Gemeente Utrecht", "Voorbeeld BV". SCDL
 * files name grant makers and beneficiaries in `nomAttribuant`/`nomBeneficiaire` columns.
 */
const ORGANISATION_WORDS = new Set(
  (
    'association asbl aisbl vzw ivzw verein stichting fondation foundation stiftung region regio commune ville ' +
    'gemeente stad gemeinde stadt city municipality departement department province provincie kanton canton ' +
    'communaute metropole agglomeration syndicat sarl sas sasu eurl scop bv nv vof gmbh ohg ' +
    'ltd llc plc inc societe company compagnie ministere ministerie ministerium ministry universite universiteit ' +
    'universitat university ecole school lycee college centre center club federation comite office agence agentschap ' +
    'agency cooperative mutuelle etablissement institut instituut institute hopital ziekenhuis hospital clinique ' +
    'groupe group conseil service dienst bureau cabinet mairie prefecture etat state regie'
  ).split(' '),
);

/** Legal forms written after a company's name. */
const LEGAL_FORMS = new Set('asbl aisbl vzw ivzw bv nv vof gmbh ohg sarl sas sasu eurl scop ltd llc plc inc'.split(' '));

const plainWord = (w: string) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/** 1–5 words of letters (with ' - . and spaces), as person names are written: `Jan`, `VAN DEN BERG`, `d'Hondt`. */
export function looksLikePersonName(value: string): boolean {
  const t = value.trim();
  if (t.length < 2 || t.length > 60) return false;
  if (!/^\p{L}[\p{L}'’ .-]*$/u.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 5) return false;
  // An organisation: its first word says what it is, or a legal form ends it ("Voorbeeld BV").
  return !ORGANISATION_WORDS.has(plainWord(words[0]!)) && !(words.length > 1 && LEGAL_FORMS.has(plainWord(words.at(-1)!)));
}

/**
 * A calendar date with a day (`1985-07-30`, `30/07/1985`, `30.07.85`, `19850730`), as opposed
 * to a year or a month: only a full date is a birth date that singles a person out.
 */
export function looksLikeFullDate(value: string): boolean {
  const t = value.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2})?.*$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t))) return validDay(+m[3]!, +m[2]!);
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t))) return validDay(+m[1]!, +m[2]!) || validDay(+m[2]!, +m[1]!);
  if ((m = /^(1[89]|20)\d{2}(\d{2})(\d{2})$/.exec(t))) return validDay(+m[3]!, +m[2]!);
  return false;
}

const validDay = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;

/** A street address: words and a house number (`Rue de la Loi 16`, `12 rue X`, `Kerkstraat 4 bus 2`). */
export function looksLikeStreetAddress(value: string): boolean {
  const t = value.trim();
  return /\p{L}{2,}/u.test(t) && /(^|\s)\d{1,4}\s*[a-zA-Z]?(\b|$)/.test(t) && t.length <= 120;
}
