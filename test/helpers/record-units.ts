/**
 * A record as the CSV tokenizer hands it out to the profile and the analyses (`RecordUnits`): its
 * cells in a copy of a text as UTF-16 units, with digits and delimiters around them so that a read
 * past a cell's end would be seen. Quoted cells, and cells past the 31st, are not in the units
 * (`starts[p] = -1`, or past `known`): they are read from their strings. Some records carry the
 * text the units copy (`RecordUnits.text`), some do not.
 */
import type { RecordUnits } from '../../src/model/index.js';

const MASK_CELLS = 31;

export function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** `delimiter`: the unit after each cell (by default drawn from a comma, digits and a colon). */
export function recordUnits(cells: readonly string[], quoted: (p: number) => boolean, rand: () => number, delimiter?: number): RecordUnits {
  const units = new Uint16Array(8 + cells.reduce((n, c) => n + c.length + 3, 0) + 8);
  const starts = new Int32Array(MASK_CELLS);
  const ends = new Int32Array(MASK_CELLS);
  let at = Math.floor(rand() * 8);
  for (let k = 0; k < at; k++) units[k] = 48 + Math.floor(rand() * 10);
  cells.forEach((c, p) => {
    const q = quoted(p);
    if (q) units[at++] = 34;
    for (let k = 0; k < c.length; k++) units[at + k] = c.charCodeAt(k);
    if (p < MASK_CELLS) {
      starts[p] = q ? -1 : at;
      ends[p] = at + c.length;
    }
    at += c.length;
    if (q) units[at++] = 34;
    units[at++] = delimiter ?? pick(rand, [44, 48, 49, 58]);
  });
  for (; at < units.length; at++) units[at] = 48 + Math.floor(rand() * 10);
  // Half the records with the text the units copy (as the CSV tokenizer's), half without: both are read.
  const text = units.length % 2 === 0 ? String.fromCharCode(...units) : undefined;
  return { units, starts, ends, known: Math.min(cells.length, MASK_CELLS), ...(text !== undefined && { text }) };
}

