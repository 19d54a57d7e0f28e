/**
 * Text helpers shared by the gender knowledge: headers and cell values are compared in a
 * normalised form (lower case, no diacritics, words separated by single spaces), so that
 * "Élèves", "ELEVES" and "eleves" or "Code_Genre" and "codeGenre" compare equal.
 */

/** Lower case, diacritics removed, trimmed: "Mädchen " → "madchen", "garçon" → "garcon". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .trim();
}

/**
 * Words of a header: camelCase, snake_case, kebab-case and punctuation split, then folded.
 * "CD_SEX" → ["cd", "sex"]; "codeGenre" → ["code", "genre"]; "Nombre d'élèves" → ["nombre", "d", "eleves"].
 */
export function words(s: string): string[] {
  const spaced = s.replace(/([a-zà-ÿ])([A-ZÀ-Þ])/g, '$1 $2');
  return fold(spaced)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The words of `s` joined by single spaces: the form phrases are matched against. */
export function phrase(s: string): string {
  return words(s).join(' ');
}

/**
 * A matcher for a list of terms (single words or multi-word phrases, written in folded form):
 * returns the first term found as whole words in the text, or undefined.
 */
export function termMatcher(terms: readonly string[]): (text: string) => string | undefined {
  const sorted = [...terms].sort((a, b) => b.length - a.length); // longest first: "lager onderwijs" before "onderwijs"
  return (text) => {
    const padded = ` ${phrase(text)} `;
    return sorted.find((t) => padded.includes(` ${t} `));
  };
}

/** A cell holding a non-negative whole count: "42", "  3968", "1 234", "12.345" (thousands), "1,234". */
export function isCount(cell: string): boolean {
  // Most cells are ruled out by their first or last character (a digit or a blank): no regular expression then.
  if (!digitOrBlankAt(cell, 0) || !digitOrBlankAt(cell, cell.length - 1)) return false;
  return asciiCount(cell) ?? COUNT.test(cell);
}

/** What `isCount` reads, as a pattern (text outside ASCII is left to it; the tests hold the two to each other). */
export const COUNT = /^\s*\d{1,3}(?:[ .,\u00a0\u202f]\d{3})*\s*$|^\s*\d+\s*$/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiBlank = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * `COUNT` by char codes for ASCII text (it runs on every cell of a strict run: dates and decimals
 * are ruled out without a regular expression); undefined for text with other characters.
 */
function asciiCount(s: string): boolean | undefined {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return undefined;
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiBlank(s.charCodeAt(start))) start++;
  while (end > start && isAsciiBlank(s.charCodeAt(end - 1))) end--;
  let i = start;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (i === end) return end > start; // digits only (or nothing)
  // Thousands: one to three digits, then groups of a separator and three digits.
  if (i - start > 3 || i === start) return false;
  while (i < end) {
    const sep = s.charCodeAt(i);
    if ((sep !== 32 && sep !== 46 && sep !== 44) || i + 4 > end) return false;
    if (!isDigit(s.charCodeAt(i + 1)) || !isDigit(s.charCodeAt(i + 2)) || !isDigit(s.charCodeAt(i + 3))) return false;
    i += 4;
  }
  return true;
}

/** False when the character at `i` is ASCII and neither a digit nor a blank (`\s`); true otherwise (or past the end: the pattern decides). */
function digitOrBlankAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return !(c < 128) || (c >= 48 && c <= 57) || c === 32 || (c >= 9 && c <= 13);
}

/** Marks statistical offices put in a number's place: not available, confidential, nil. */
const MISSING_MARKS = new Set([':', '..', '...', '-', '–', 'x', 'c', 'n/a', 'na', '.']);

/**
 * A cell of a measure column: a number (signed, decimal with "." or ",", thousands separated,
 * a percentage) or a missing-value mark. Checked character by character: linear on any input.
 */
export function isMeasure(cell: string): boolean {
  // Runs on every cell of a table: char codes, and no trimmed copy or lower-case copy unless needed.
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  const s = first > 32 && first < 127 && last > 32 && last < 127 ? cell : cell.trim();
  let digits = 0;
  let numeric = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (i === 0 && (c === 45 || c === 43)) continue; // - +
    else if (c === 37 && i === s.length - 1) continue; // %
    else if (!(c === 46 || c === 44 || c === 32 || c === 0xa0 || c === 0x202f)) {
      numeric = false;
      break;
    }
  }
  if (numeric && digits > 0) return true;
  // The marks are at most 3 characters long.
  return s.length <= 3 && MISSING_MARKS.has(s.toLowerCase());
}

/**
 * Whether `trim()` keeps a character with this UTF-16 code at either end of a string: in ASCII,
 * printable characters (controls and DEL are left to `trim()`: rare); beyond, all but the spaces
 * of ECMAScript's white space and line terminators. A test checks every code against `trim()`.
 */
export function keptByTrim(c: number): boolean {
  if (c < 128) return c > 32 && c < 127;
  return !(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/**
 * What the table detector asks of a cell, in one pass over a copy of its text as UTF-16 units:
 * 0 no measure, 1 a measure, 2 a count (`isMeasure`, then `isCount`, of the cell `s`, which is
 * `u[from, to)` and starts and ends with characters `trim()` keeps — so neither trims it; a
 * measure's ends are then ASCII). Text outside ASCII in a number is left to the string functions'
 * patterns. The tests hold it to `isMeasure` and `isCount`.
 */
export function measureKindUnits(u: Uint16Array, from: number, to: number, s: string): number {
  let digits = 0;
  let ascii = true;
  for (let i = from; i < to; i++) {
    const c = u[i]!;
    if (c >= 48 && c <= 57) digits++;
    else if (i === from && (c === 45 || c === 43)) continue; // - +
    else if (c === 37 && i === to - 1) continue; // %
    else if (c === 46 || c === 44 || c === 32) continue;
    else if (c === 0xa0 || c === 0x202f) ascii = false;
    else return to - from <= 3 && MISSING_MARKS.has(s.toLowerCase()) ? 1 : 0;
  }
  // Digits only (ids, counts, codes): a count, without reading them again.
  if (digits === to - from) return 2;
  if (digits === 0) return to - from <= 3 && MISSING_MARKS.has(s.toLowerCase()) ? 1 : 0;
  // A measure; a count starts and ends with a digit (`isCount`'s first test, the ends being printable).
  if (!isDigit(u[from]!) || !isDigit(u[to - 1]!)) return 1;
  if (!ascii) return COUNT.test(s) ? 2 : 1;
  // `asciiCount`: digits only, or one to three digits then groups of a separator and three digits.
  let i = from;
  while (i < to && isDigit(u[i]!)) i++;
  if (i === to) return 2;
  if (i - from > 3) return 1;
  while (i < to) {
    const sep = u[i]!;
    if ((sep !== 32 && sep !== 46 && sep !== 44) || i + 4 > to) return 1;
    if (!isDigit(u[i + 1]!) || !isDigit(u[i + 2]!) || !isDigit(u[i + 3]!)) return 1;
    i += 4;
  }
  return 2;
}
