/**
 * Wide tables: a sex split across measure columns instead of a sex column. Statistical offices
 * export it in several shapes, each recognised here from the headers alone:
 *
 * - `words`: women/men words in the header ("Hommes", "taux_femmes", "Vrouwen 2020", "Männer");
 * - `letters`: one sex letter in otherwise identical headers ("pop_h"/"pop_f", "M_15-24"/"F_15-24",
 *   INSEE "P21_POPH"/"P21_POPF", "P21_H0014"/"P21_F0014"); a letter alone means nothing (M is also
 *   million or metre, F franc or Fahrenheit), so it counts only beside its partner of the same
 *   convention (H/F, M/F, M/V, M/W), the rest of both headers equal;
 * - `sex-key`: a sex dimension written as a key and code, SDMX style ("SEX=F", "sexe:H");
 * - `two-row-header`: "Hommes"/"Femmes" spanning sub-columns on the line above (the detector
 *   composes "Hommes / 2020" names; see table-detector.ts).
 *
 * Every scan is a single pass over each header's characters (no backtracking regular expressions).
 */
import { fold, words } from './text.js';
import { headerSide, SEX_WORDS, type HeaderSide } from './headers.js';

export type WideLayout = 'words' | 'letters' | 'sex-key' | 'two-row-header';

export interface WideColumn {
  /** Measure columns of the table: index, header, whether its cells are whole counts. */
  index: number;
  header: string;
  count: boolean;
  /** The header was composed from a spanning cell of a two-row header. */
  spanned?: boolean;
}

export interface WideSide {
  index: number;
  side: HeaderSide;
  layout: WideLayout;
}

const LETTER_SIDE: Record<string, HeaderSide> = { m: 'male', h: 'male', f: 'female', v: 'female', w: 'female', t: 'total' };
/** Letter pairs that form a convention: French H/F, international M/F, Dutch M/V, German M/W. */
const PAIRS = new Set(['hf', 'mf', 'mv', 'mw']);
/** What may stand beside a sex letter. Not a space: "Budget M" (million) is a unit far more often. */
const SEPARATORS = new Set(['_', '-', '.', ':', '=']);
/** Separators of SDMX key=code pairs ("SEX=_T"). */
const KEY_SEPARATORS = new Set(['=', ':']);

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isUpper = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';

/** Sex letters looked at per header: a header holds one, so a long one costs no more. */
const MAX_SLOTS = 4;

interface LetterSlot {
  letter: string;
  /** The header with the letter blanked out: headers of one pair share it. */
  stem: string;
  /** The header without the letter and one separator beside it: "pop_h" → "pop", "P21_POPH" → "p21_pop". */
  bare: string;
  /** Written as the code of a sex key: "SEX=F", "SEX=_T", "sexe:H", "Geschlecht_W". */
  keyed: boolean;
}

/**
 * Single sex letters in a header: "M_15-24" → m, stem "\0_15-24". A letter stands alone when it is
 * bounded on both sides by the header's start or end, a separator (_ - . : =) or a digit — or, in
 * an upper-case code, glued to the end ("POPH"). A letter in brackets or after a space ("Distance
 * (m)", "Budget M") is a unit.
 */
function letterSlots(header: string): LetterSlot[] {
  const out: LetterSlot[] = [];
  const upper = header.toUpperCase() === header;
  for (let k = 0; k < header.length && out.length < MAX_SLOTS; k++) {
    const c = header[k]!;
    const letter = c.toLowerCase();
    if (!Object.hasOwn(LETTER_SIDE, letter)) continue;
    const before = header[k - 1];
    const after = header[k + 1];
    const endOk = after === undefined || SEPARATORS.has(after) || isDigit(after);
    const glued = upper && isUpper(before) && after === undefined;
    const startOk = before === undefined || SEPARATORS.has(before) || isDigit(before) || glued;
    if (!startOk || !endOk || (before === undefined && after === undefined)) continue;
    const stem = fold(header.slice(0, k) + '\u0000' + header.slice(k + 1));
    const cut = before !== undefined && SEPARATORS.has(before) ? [k - 1, k + 1] : after !== undefined && SEPARATORS.has(after) ? [k, k + 2] : [k, k + 1];
    const bare = fold(header.slice(0, cut[0]) + header.slice(cut[1]));
    // SDMX writes the total "_T": the key separator may sit before the underscore.
    const sep = before === '_' && KEY_SEPARATORS.has(header[k - 2] ?? '') ? k - 2 : k - 1;
    out.push({ letter, stem, bare, keyed: SEPARATORS.has(header[sep] ?? '') && sexKeyBefore(header, sep) });
  }
  return out;
}

/** Whether the word ending just before position `sep` names sex ("SEX" in "AGE=Y15,SEX=F"). */
function sexKeyBefore(header: string, sep: number): boolean {
  let start = sep;
  while (start > 0 && isLetter(header[start - 1])) start--;
  return SEX_WORDS.has(fold(header.slice(start, sep)));
}

/**
 * The sex a header names as the code of a sex key ("SEX=F" → female, "sexe_H" → male): such a
 * column is one sex's measure, not a sex column.
 */
export function sexKeySide(header: string): HeaderSide | undefined {
  const slot = letterSlots(header).find((s) => s.keyed);
  return slot && LETTER_SIDE[slot.letter];
}

/**
 * Whether a column with this header may be given a side by `wideSides` (a women/men/total word, or
 * a sex letter); a table without such a header has no wide layout, whatever its columns hold.
 */
export function mayBeWide(header: string): boolean {
  return headerSide(header) !== undefined || letterSlots(header).length > 0;
}

/**
 * Which measure columns are about women, men or both, and by which layout. Columns whose cells
 * are not whole counts (rates, shares) count only when the other sex has a column too, so that a
 * lone "Female_ratio" is no split.
 */
export function wideSides(columns: readonly WideColumn[]): WideSide[] {
  const sides = new Map<number, WideSide>();
  const byHeader = new Map<string, number[]>();
  const groups = new Map<string, { letter: string; index: number }[]>();
  const bareOf = new Map<string, string>();

  const pending: WideSide[] = [];
  for (const col of columns) {
    const folded = fold(col.header);
    const same = byHeader.get(folded);
    if (same) same.push(col.index);
    else byHeader.set(folded, [col.index]);
    const side = headerSide(col.header);
    if (side) {
      const s: WideSide = { index: col.index, side, layout: col.spanned ? 'two-row-header' : 'words' };
      if (col.count || side === 'total') sides.set(col.index, s);
      else pending.push(s);
      continue;
    }
    if (words(col.header).length === 0) continue;
    for (const slot of letterSlots(col.header)) {
      if (slot.keyed) {
        sides.set(col.index, { index: col.index, side: LETTER_SIDE[slot.letter]!, layout: 'sex-key' });
        break;
      }
      const g = groups.get(slot.stem) ?? [];
      g.push({ letter: slot.letter, index: col.index });
      groups.set(slot.stem, g);
      bareOf.set(slot.stem, slot.bare);
    }
  }
  // Rates and shares headed with women/men words: only as a pair.
  if (pending.some((s) => s.side === 'male') && pending.some((s) => s.side === 'female')) for (const s of pending) sides.set(s.index, s);

  for (const [stem, members] of groups) {
    const letters = new Set(members.map((m) => m.letter));
    const paired = [...PAIRS].some((p) => letters.has(p[0]!) && letters.has(p[1]!));
    if (!paired) continue;
    for (const m of members) {
      if (sides.has(m.index)) continue;
      const side = LETTER_SIDE[m.letter]!;
      // Within a pair, "M" is male even beside "H/F"'s partner letters; other letters stay out.
      if (side === 'total' || [...PAIRS].some((p) => p.includes(m.letter) && letters.has(p[0]!) && letters.has(p[1]!))) {
        sides.set(m.index, { index: m.index, side, layout: 'letters' });
      }
    }
    // The header without the letter is the total: INSEE "P21_POP" beside "P21_POPH"/"P21_POPF".
    for (const i of byHeader.get(bareOf.get(stem) ?? '') ?? []) if (!sides.has(i)) sides.set(i, { index: i, side: 'total', layout: 'letters' });
  }
  return [...sides.values()].sort((a, b) => a.index - b.index);
}
