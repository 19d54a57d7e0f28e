/** Cheap value shapes used to corroborate what a header says (names, dates, street addresses). */

/** 1–5 words of letters (with ' - . and spaces), as person names are written: `Jan`, `VAN DEN BERG`, `d'Hondt`. */
export function looksLikePersonName(value: string): boolean {
  const t = value.trim();
  if (t.length < 2 || t.length > 60) return false;
  if (!/^\p{L}[\p{L}'’ .-]*$/u.test(t)) return false;
  return t.split(/\s+/).length <= 5;
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
