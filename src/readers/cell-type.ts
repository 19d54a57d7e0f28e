/**
 * Classifies one trimmed, non-empty cell. This runs on every cell of every file, so the common
 * cases (integers, decimals, ISO dates, short text) are decided by a char-code scan; regular
 * expressions only see the rare shapes (non-ISO dates, grouped thousands).
 */
import { CELL_TYPES, type CellType, type RecordCells } from '../model/index.js';
import { isWideSpace } from '../knowledge/code-points.js';

/** Cell type codes, indexes into `CELL_TYPES` (model/table.ts). */
export const TEXT = 0;
export const INTEGER = 1;
export const NUMBER = 2;
export const DECIMAL_COMMA = 3;
export const GROUPED_NUMBER = 4;
export const BOOLEAN = 5;
export const DATE = 6;
export const DATETIME = 7;
export const DATE_OTHER = 8;
export const NULL = 9;
export const TYPE_COUNT = 10;

/** Names of the codes above, in code order. */
export const TYPE_NAMES: readonly CellType[] = CELL_TYPES;

/** Placeholders publishers write for "no value"; they are not text. */
const NULL_TOKENS = new Set(['NA', 'N/A', 'n/a', 'na', 'NULL', 'null', 'Null', 'None', 'none', 'NaN', 'nan', '-', '--', '#N/A', 'n.a.', 'n.d.', 'N.D.']);
const BOOLEANS = new Set(['true', 'false', 'TRUE', 'FALSE', 'True', 'False']);

/** What `isoTime` reads, as a pattern (the tests hold the two to each other). */
export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const OTHER_DATE = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{2}|\d{4})( \d{1,2}[:h]\d{2}(:\d{2})?)?$/;
const GROUPED = /^[+-]?\d{1,3}([ .,'\u00a0\u202f])\d{3}(?:\1\d{3})*(?:([.,])\d+)?$/;

const isDigit = (c: number) => c >= 48 && c <= 57;

export function classifyCell(s: string): number {
  const c = s.charCodeAt(0);
  if (isDigit(c) || c === 45 || c === 43 || c === 46) return classifyNumeric(s);
  if (s.length <= 5) {
    if (BOOLEANS.has(s)) return BOOLEAN;
    if (NULL_TOKENS.has(s)) return NULL;
  }
  return TEXT;
}

/**
 * Of the last cell `classifyCell` found `integer` or `number`: its value when it is a plain
 * non-negative number (`ddd` or `ddd.ddd`: no sign, exponent or leading zero) of at most 15 digits,
 * else -1. The digits, read once by the classifier, make an integer below 2^53 and 10^k is exact,
 * so the one division is correctly rounded: the same double as `+s`, with no second read of the cell
 * and no string-to-number conversion (the profile's ranges compare these numbers).
 */
export const lastNumber = { plain: -1 };

/** Exact powers of ten (10^k is a double without rounding for k ≤ 22). */
export const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
export const MAX_PLAIN_DIGITS = 15;

function classifyNumeric(s: string): number {
  const n = s.length;
  lastNumber.plain = -1;
  if (n >= 7 && s.charCodeAt(4) === 45 && isDigit(s.charCodeAt(0))) {
    const iso = classifyIsoDate(s);
    if (iso !== TEXT) return iso;
  }
  const first = s.charCodeAt(0);
  let i = first === 45 || first === 43 ? 1 : 0;
  const intStart = i;
  let digits = 0;
  for (let c = s.charCodeAt(i); i < n && isDigit(c); c = s.charCodeAt(++i)) digits = digits * 10 + (c - 48);
  const intDigits = i - intStart;
  // No sign, and no leading zero unless the integer part is one digit.
  const plain = intStart === 0 && intDigits > 0 && (first !== 48 || intDigits === 1);
  if (i === n) {
    if (intDigits === 0) return n <= 5 && NULL_TOKENS.has(s) ? NULL : TEXT;
    if (plain && n <= MAX_PLAIN_DIGITS) lastNumber.plain = digits;
    return INTEGER;
  }

  const sep = s.charCodeAt(i);
  if (sep === 46 /* . */ || sep === 44 /* , */) {
    let j = i + 1;
    for (let c = s.charCodeAt(j); j < n && isDigit(c); c = s.charCodeAt(++j)) digits = digits * 10 + (c - 48);
    const fracDigits = j - i - 1;
    if (j === n) {
      if (sep === 46 && plain && intDigits + fracDigits <= MAX_PLAIN_DIGITS) lastNumber.plain = digits / POW10[fracDigits]!;
      if (sep === 46) return intDigits + fracDigits > 0 ? NUMBER : NULL_TOKENS.has(s) ? NULL : TEXT;
      return intDigits > 0 && fracDigits > 0 ? DECIMAL_COMMA : TEXT;
    }
    const next = s.charCodeAt(j);
    if (sep === 46 && (next === 101 || next === 69) && intDigits + fracDigits > 0) return exponent(s, j + 1);
  } else if ((sep === 101 || sep === 69) && intDigits > 0) {
    return exponent(s, i + 1);
  }
  return classifyRare(s);
}

/** `e`/`E` seen at `i - 1`: the rest must be an optionally signed integer. */
function exponent(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  const start = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i === s.length && i > start ? NUMBER : TEXT;
}

/** `YYYY-MM`, `YYYY-MM-DD` and ISO 8601 date-times, with month and day in range. */
function classifyIsoDate(s: string): number {
  const n = s.length;
  for (const k of [0, 1, 2, 3, 5, 6]) if (!isDigit(s.charCodeAt(k))) return TEXT;
  const month = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  if (month < 1 || month > 12) return TEXT;
  if (n === 7) return DATE;
  if (s.charCodeAt(7) !== 45 || !isDigit(s.charCodeAt(8)) || !isDigit(s.charCodeAt(9))) return TEXT;
  const day = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  if (day < 1 || day > 31) return TEXT;
  if (n === 10) return DATE;
  return isoTime(s, n) ? DATETIME : TEXT;
}

/**
 * The rest of an ISO 8601 date-time after its `YYYY-MM-DD` (checked): `[T ]hh:mm`, then optional
 * `:ss` with optional `.fff`, then an optional zone `Z`, `±hh`, `±hhmm` or `±hh:mm` — what
 * `ISO_DATETIME` matches, by char codes (it runs on every date-time cell).
 */
function isoTime(s: string, n: number): boolean {
  const digits = (i: number) => isDigit(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 1));
  const sep = s.charCodeAt(10);
  if ((sep !== 84 /* T */ && sep !== 32) || !digits(11) || s.charCodeAt(13) !== 58 /* : */ || !digits(14)) return false;
  let i = 16;
  if (s.charCodeAt(i) === 58) {
    if (!digits(i + 1)) return false;
    i += 3;
    if (s.charCodeAt(i) === 46 /* . */) {
      let j = i + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      if (j === i + 1) return false;
      i = j;
    }
  }
  if (i === n) return true;
  const zone = s.charCodeAt(i);
  if (zone === 90 /* Z */) return i + 1 === n;
  if ((zone !== 43 && zone !== 45) || !digits(i + 1)) return false;
  i += 3;
  if (i === n) return true;
  if (s.charCodeAt(i) === 58) i++;
  return i + 2 === n && digits(i);
}

/**
 * `classifyCell(s)` of a cell read from a copy of its text as UTF-16 units: `s`, cell `i` of
 * `cells`, is the units `[from, to)` of `u` (non-empty, trimmed), and is cut out only where the
 * string version leaves the common shapes (short text, rare numbers). The same answer and the same `lastNumber` — a
 * differential test holds the two to each other — with typed-array reads instead of `charCodeAt`
 * on a string cut out of the chunk (src/readers/csv-tokenizer.ts: `RecordUnits`).
 */
export function classifyUnits(u: Uint16Array, from: number, to: number, cells: RecordCells, i: number): number {
  const c = u[from]!;
  if (isDigit(c) || c === 45 || c === 43 || c === 46) return classifyNumericUnits(u, from, to, cells, i);
  return to - from <= 5 && c < 128 && WORD_HEADS[c] === 1 ? shortWordUnits(u, from, to) : TEXT;
}

/**
 * A word of at most 5 ASCII units as one number: its length, then 7 bits a unit (words of
 * different lengths fall in disjoint ranges); -1 when a unit is outside ASCII.
 */
function packWord(u: Uint16Array, from: number, to: number): number {
  let key = to - from;
  for (let i = from; i < to; i++) {
    const c = u[i]!;
    if (c > 127) return -1;
    key = key * 128 + c;
  }
  return key;
}

/**
 * `BOOLEANS` and `NULL_TOKENS` (all ASCII, at most 5 characters) by `packWord`, with their types:
 * an open-addressing table of doubles (a `Map` keyed by numbers beyond 2^31 boxes and hashes each
 * key it is asked for; this is read for every short cell starting like one of the words).
 */
const WORD_SLOTS = 64;
const WORD_KEYS = new Float64Array(WORD_SLOTS).fill(-1);
const WORD_TYPES = new Uint8Array(WORD_SLOTS);
/** The first slot to look at for a packed word: the top bits of a multiplicative hash of its low 32 bits. */
const wordSlot = (key: number) => Math.imul(key >>> 0, 0x9e3779b1) >>> 26;
for (const [words, type] of [
  [BOOLEANS, BOOLEAN],
  [NULL_TOKENS, NULL],
] as const) {
  for (const w of words) {
    let slot = wordSlot(packWord(codes(w), 0, w.length));
    while (WORD_KEYS[slot] !== -1) slot = (slot + 1) & (WORD_SLOTS - 1);
    WORD_KEYS[slot] = packWord(codes(w), 0, w.length);
    WORD_TYPES[slot] = type;
  }
}
/** 1 at the first units of those words: other short cells are text without a lookup. */
const WORD_HEADS = new Uint8Array(128);
for (const w of [...BOOLEANS, ...NULL_TOKENS]) WORD_HEADS[w.charCodeAt(0)] = 1;

/**
 * Per ASCII first unit, what `plainTextUnits` makes of a cell: 0 not plain text (a space or
 * control the profile trims, a digit, sign or dot the numbers and dates start with), 1 text, 2
 * text when longer than the words (a word's first unit).
 */
const TEXT_HEADS = new Uint8Array(128);
for (let c = 33; c < 128; c++) TEXT_HEADS[c] = isDigit(c) || c === 45 || c === 43 || c === 46 ? 0 : WORD_HEADS[c] === 1 ? 2 : 1;

/**
 * Whether the cell `u[from, to)` (non-empty) is text with nothing more to tell: `classifyUnits`
 * gives `TEXT`, and neither end is a space the profile trims (at most 32, U+00A0) or one only
 * `trim()` removes (`isWideSpace`: see `wideEdge` in profile.ts). False says nothing.
 */
export function plainTextUnits(u: Uint16Array, from: number, to: number): boolean {
  const tail = u[to - 1]!;
  if (tail <= 32 || (tail >= 128 && isWideSpace(tail))) return false;
  const head = u[from]!;
  if (head >= 128) return !isWideSpace(head);
  const kind = TEXT_HEADS[head]!;
  return kind === 1 || (kind === 2 && to - from > 5);
}

function codes(w: string): Uint16Array {
  return Uint16Array.from(w, (ch) => ch.charCodeAt(0));
}

/**
 * `BOOLEAN` or `NULL` when `classifyUnits` finds the cell `u[from, to)` (non-empty) one of those
 * words, -1 when it does not (no word, or a first unit numbers start with: `-` and `--` are
 * read as numbers there).
 */
export function wordUnits(u: Uint16Array, from: number, to: number): number {
  const head = u[from]!;
  if (to - from > 5 || head >= 128 || TEXT_HEADS[head] !== 2) return -1;
  const t = shortWordUnits(u, from, to);
  return t === TEXT ? -1 : t;
}

/** `BOOLEAN`, `NULL` or `TEXT` for the short cell `u[from, to)` whose first unit is some word's: what the sets say of its string. */
function shortWordUnits(u: Uint16Array, from: number, to: number): number {
  const key = packWord(u, from, to);
  if (key < 0) return TEXT;
  for (let slot = wordSlot(key); WORD_KEYS[slot] !== -1; slot = (slot + 1) & (WORD_SLOTS - 1)) if (WORD_KEYS[slot] === key) return WORD_TYPES[slot]!;
  return TEXT;
}

/** `classifyNumeric` over units (see `classifyUnits`). */
function classifyNumericUnits(u: Uint16Array, from: number, to: number, cells: RecordCells, cell: number): number {
  const n = to - from;
  lastNumber.plain = -1;
  if (n >= 7 && u[from + 4] === 45 && isDigit(u[from]!)) {
    const iso = classifyIsoDateUnits(u, from, n);
    if (iso !== TEXT) return iso;
  }
  const first = u[from]!;
  let i = first === 45 || first === 43 ? from + 1 : from;
  const intStart = i;
  let digits = 0;
  for (; i < to; i++) {
    const c = u[i]!;
    if (!isDigit(c)) break;
    digits = digits * 10 + (c - 48);
  }
  const intDigits = i - intStart;
  const plain = intStart === from && intDigits > 0 && (first !== 48 || intDigits === 1);
  if (i === to) {
    if (intDigits === 0) return n <= 5 && NULL_TOKENS.has(cells.cell(cell)) ? NULL : TEXT;
    if (plain && n <= MAX_PLAIN_DIGITS) lastNumber.plain = digits;
    return INTEGER;
  }

  const sep = u[i]!;
  if (sep === 46 /* . */ || sep === 44 /* , */) {
    let j = i + 1;
    for (; j < to; j++) {
      const c = u[j]!;
      if (!isDigit(c)) break;
      digits = digits * 10 + (c - 48);
    }
    const fracDigits = j - i - 1;
    if (j === to) {
      if (sep === 46 && plain && intDigits + fracDigits <= MAX_PLAIN_DIGITS) lastNumber.plain = digits / POW10[fracDigits]!;
      if (sep === 46) return intDigits + fracDigits > 0 ? NUMBER : NULL_TOKENS.has(cells.cell(cell)) ? NULL : TEXT;
      return intDigits > 0 && fracDigits > 0 ? DECIMAL_COMMA : TEXT;
    }
    const next = u[j]!;
    if (sep === 46 && (next === 101 || next === 69) && intDigits + fracDigits > 0) return exponent(cells.cell(cell), j - from + 1);
  } else if ((sep === 101 || sep === 69) && intDigits > 0) {
    return exponent(cells.cell(cell), i - from + 1);
  }
  return classifyRare(cells.cell(cell));
}

/** Unit `k` of the cell `u[from, from + n)`, -1 past its end (where `charCodeAt` gives NaN). */
const unit = (u: Uint16Array, from: number, n: number, k: number) => (k < n ? u[from + k]! : -1);
const twoDigits = (u: Uint16Array, from: number, n: number, k: number) => isDigit(unit(u, from, n, k)) && isDigit(unit(u, from, n, k + 1));

/**
 * Of the last cell `classifyUnits` found an ISO date or date-time: its `YYYYMMDD` (`YYYYMM00` for
 * `YYYY-MM`), ordered as the text is up to the day (the profile's date range compares it first).
 */
export const lastDate = { key: 0 };

/** `classifyIsoDate` over units (`n` ≥ 7: the cell's length; its first unit is a digit, its fifth `-`), setting `lastDate`. */
function classifyIsoDateUnits(u: Uint16Array, from: number, n: number): number {
  // Units 0 to 6 are the cell's (n ≥ 7): read without bounds checks.
  if (!isDigit(u[from + 1]!) || !isDigit(u[from + 2]!) || !isDigit(u[from + 3]!) || !isDigit(u[from + 5]!) || !isDigit(u[from + 6]!)) return TEXT;
  const month = (u[from + 5]! - 48) * 10 + (u[from + 6]! - 48);
  if (month < 1 || month > 12) return TEXT;
  const yearMonth = (((u[from]! - 48) * 10 + (u[from + 1]! - 48)) * 10 + (u[from + 2]! - 48)) * 1000 + (u[from + 3]! - 48) * 100 + month;
  if (n === 7) {
    lastDate.key = yearMonth * 100;
    return DATE;
  }
  // `YYYY-MM-DD` needs 10 units.
  if (n < 10 || u[from + 7] !== 45 || !isDigit(u[from + 8]!) || !isDigit(u[from + 9]!)) return TEXT;
  const day = (u[from + 8]! - 48) * 10 + (u[from + 9]! - 48);
  if (day < 1 || day > 31) return TEXT;
  lastDate.key = yearMonth * 100 + day;
  if (n === 10) return DATE;
  return isoTimeUnits(u, from, n) ? DATETIME : TEXT;
}

/** `isoTime` over the units of a cell of length `n`. */
function isoTimeUnits(u: Uint16Array, from: number, n: number): boolean {
  // `[T ]hh:mm` needs units 10 to 15: read without bounds checks.
  if (n < 16) return false;
  const sep = u[from + 10];
  if ((sep !== 84 /* T */ && sep !== 32) || !isDigit(u[from + 11]!) || !isDigit(u[from + 12]!) || u[from + 13] !== 58 /* : */ || !isDigit(u[from + 14]!) || !isDigit(u[from + 15]!)) return false;
  let i = 16;
  if (unit(u, from, n, i) === 58) {
    if (!twoDigits(u, from, n, i + 1)) return false;
    i += 3;
    if (unit(u, from, n, i) === 46 /* . */) {
      let j = i + 1;
      while (isDigit(unit(u, from, n, j))) j++;
      if (j === i + 1) return false;
      i = j;
    }
  }
  if (i === n) return true;
  const zone = unit(u, from, n, i);
  if (zone === 90 /* Z */) return i + 1 === n;
  if ((zone !== 43 && zone !== 45) || !twoDigits(u, from, n, i + 1)) return false;
  i += 3;
  if (i === n) return true;
  if (unit(u, from, n, i) === 58) i++;
  return i + 2 === n && twoDigits(u, from, n, i);
}

function classifyRare(s: string): number {
  if (s.length <= 25 && dateShape(s)) return DATE_OTHER;
  // "1.234" or "1,5" alone were decided earlier; here a grouping separator repeats or a decimal
  // separator (a different character) follows: "1 234", "1.234.567", "1,234.5", "1.234,5".
  const g = GROUPED.exec(s);
  return g && g[2] !== g[1] ? GROUPED_NUMBER : TEXT;
}

/** The layout of a non-ISO date, for grouping a column's dates by format. */
export interface DateShape {
  /** Layout with day and month not yet told apart: `NN/NN/YYYY`, `YYYY/MM/DD`, `NN.NN.YY hh:mm`... */
  shape: string;
  /** The first or second part of an `NN/NN` layout is above 12 (so it must be the day). */
  firstOver12: boolean;
  secondOver12: boolean;
}

export function dateShape(s: string): DateShape | undefined {
  const m = OTHER_DATE.exec(s);
  if (!m) return undefined;
  const [, a, sep, b, c, time] = m as unknown as [string, string, string, string, string, string | undefined];
  const suffix = time ? ' hh:mm' + (time.split(/[:h]/).length > 2 ? ':ss' : '') : '';
  if (a.length === 4) {
    // YYYY/MM/DD: a year first, then month and day (YYYY-MM-DD is ISO and never gets here).
    if (c.length !== 2 || +b < 1 || +b > 12 || +c < 1 || +c > 31) return undefined;
    return { shape: `YYYY${sep}MM${sep}DD${suffix}`, firstOver12: false, secondOver12: false };
  }
  if (a.length > 2) return undefined;
  const x = +a;
  const y = +b;
  if (x < 1 || y < 1 || x > 31 || y > 31 || (x > 12 && y > 12)) return undefined;
  // "1.5.10" or "3-4-20" are too ambiguous (versions, ranges) unless the year has four digits.
  if (c.length === 2 && sep !== '/') return undefined;
  const year = c.length === 4 ? 'YYYY' : 'YY';
  return { shape: `NN${sep}NN${sep}${year}${suffix}`, firstOver12: x > 12, secondOver12: y > 12 };
}

/** `NN/NN/YYYY` made specific by what the column's values showed. */
export function resolveDatePattern(shape: string, firstOver12: boolean, secondOver12: boolean): string {
  if (!shape.startsWith('NN')) return shape;
  if (firstOver12 && !secondOver12) return shape.replace('NN', 'DD').replace('NN', 'MM');
  if (secondOver12 && !firstOver12) return shape.replace('NN', 'MM').replace('NN', 'DD');
  return shape;
}

/** Whether an integer string (optionally signed) is beyond ±(2^53 − 1). */
export function isUnsafeInteger(s: string): boolean {
  const digits = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? s.slice(1) : s;
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed.length !== 16) return trimmed.length > 16;
  return trimmed > '9007199254740991';
}
