/**
 * Per-column profile built during the single pass. Every piece of state is bounded: counters,
 * first-row markers, a distinct-value map that is dropped once it reaches its cap, and at most
 * a handful of date layouts per column.
 */
import { PROFILED_CELLS, type ColumnProfile, type DateFormatTally, type TableProfile, type CellType, type ProfiledRecord, type RecordCells, type RecordUnits } from '../model/index.js';
import {
  classifyCell,
  classifyUnits,
  dateShape,
  isUnsafeInteger,
  resolveDatePattern,
  TEXT,
  TYPE_COUNT,
  TYPE_NAMES,
  INTEGER,
  NUMBER,
  DATE,
  DATETIME,
  DATE_OTHER,
  NULL,
  lastNumber,
  lastDate,
  MAX_PLAIN_DIGITS,
  POW10,
  plainTextUnits,
  wordUnits,
  BOOLEAN,
} from './cell-type.js';
import { CellsRecord } from './cells-record.js';
import { DistinctValues } from '../util/distinct-values.js';
import { cellLength, CellLengths, codePointLengthUnits, LENGTH_STRIDE, SMALL_LENGTH } from '../knowledge/cell-lengths.js';
import { isWideSpace } from '../knowledge/code-points.js';

/** Distinct values kept over all columns of a table; each column gets a share (see `capFor`). */
const DISTINCT_BUDGET = 100_000;
const MAX_DISTINCT_PER_COLUMN = 1_000;
const MIN_DISTINCT_PER_COLUMN = 50;
/** Longer values are not kept as distinct values (long text is rarely categorical). */
const MAX_DISTINCT_LENGTH = 200;
const MAX_DATE_SHAPES = 8;

/**
 * A copy of a cell kept past its row. Cells are cut out of the chunk's text (src/readers/csv-tokenizer.ts),
 * and V8 keeps the whole chunk alive for a cut of 13 characters or more: a few kept values from
 * different chunks would hold megabytes. Shorter strings are copies already.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export function distinctCapFor(columns: number): number {
  return Math.max(MIN_DISTINCT_PER_COLUMN, Math.min(MAX_DISTINCT_PER_COLUMN, Math.floor(DISTINCT_BUDGET / Math.max(1, columns))));
}

/** `ColumnStats.settled`: what the column's last cell was. */
const UNSETTLED = 0;
const PLAIN = 1;
/** An ISO date or date-time in one of the layouts `isoDateAgain` reads (its length: `isoLength`). */
const ISO = 2;
/** Text (see `plainTextUnits`). */
const PLAIN_TEXT = 3;
/** A boolean or placeholder word (see `wordUnits`). */
const WORD = 4;

interface ShapeTally {
  count: number;
  firstRow: number;
  firstOver12: boolean;
  secondOver12: boolean;
}

class ColumnStats {
  filled = 0;
  empty = 0;
  padded = 0;
  paddedFirst = 0;
  unsafe = 0;
  unsafeFirst = 0;
  maxLength = 0;
  min = Infinity;
  max = -Infinity;
  /**
   * Range of plain non-negative numbers of at most 15 digits (`lastNumber`): the minimum of correctly
   * rounded values is the rounded minimum, so with the text ranges below the result is `+` of the
   * smallest and largest number's text.
   */
  minPlainValue = Infinity;
  maxPlainValue = -Infinity;
  /** Bounds on decimals' digits at the scale `plainScale` (see `scaledValue`). */
  private plainScale = -1;
  private minScaled = Infinity;
  private maxScaled = -Infinity;
  /** Range of longer plain non-negative numbers, kept as text with the length of their integer part. */
  minPlain = '';
  minPlainInt = 0;
  maxPlain = '';
  maxPlainInt = 0;
  minDate = '';
  maxDate = '';
  /** `dateKey` of minDate and maxDate: most cells are decided by comparing numbers, not text. */
  minDateKey = Infinity;
  maxDateKey = -Infinity;
  readonly counts = new Float64Array(TYPE_COUNT);
  readonly firsts = new Float64Array(TYPE_COUNT);
  /**
   * Values and their tallies, until a new value comes past the cap (or longer than MAX_DISTINCT_LENGTH);
   * null from the start when they are not counted.
   */
  distinct: DistinctValues | null;
  distinctSeen = 0;
  shapes: Map<string, ShapeTally> | null = null;
  /**
   * What the column's last cell read as units was, for `addUnits` to try its next cell as one
   * like it first (columns hold one kind of value): PLAIN a plain number (`plainNumber`), ISO an
   * ISO date or date-time of `isoLength` units in a layout `isoDateAgain` reads, PLAIN_TEXT text
   * (`plainTextUnits`), WORD a boolean or placeholder (`wordUnits`). Only while distinct values
   * are not counted.
   */
  private settled = UNSETTLED;
  private isoLength = 0;
  /**
   * The type of the cell that settled the column (`settle`), and the cells of that type the fast
   * paths have read since, not yet in `filled` and `counts` (`flushRun`): that type's count was
   * already above zero, so its first row is known and one small-integer increment a cell does
   * what `counted` does with a typed array's.
   */
  private runType = TEXT;
  private run = 0;

  /**
   * `facts`: the table's `ProfiledRecord`, where the column's integer cells are marked (`index` <
   * PROFILED_CELLS) and the longest cell is kept — in branches the counts take anyway.
   */
  /** The table's histograms of cell lengths (`CellLengths.counts`) when counted, and where this column's starts. */
  private readonly lengthCounts: Float64Array | null;
  private readonly lengthAt: number;

  constructor(
    private readonly cap: number,
    private readonly countDistinct: boolean,
    private readonly facts: ProfiledCells,
    private readonly index: number,
    private readonly lengths: CellLengths | undefined,
  ) {
    this.distinct = countDistinct ? new DistinctValues(cap, MAX_DISTINCT_LENGTH) : null;
    // The profiler's histograms never grow (its columns are the header's): the array is kept.
    this.lengthCounts = lengths === undefined ? null : lengths.counts;
    this.lengthAt = index * LENGTH_STRIDE;
  }

  /** The column's cell is an integer (or may be one: `plain` -1 then) or its own length is a new maximum. */
  private marked(plain: number): void {
    if (this.index < PROFILED_CELLS) this.facts.mark(this.index, plain);
  }

  /** A cell of `len` units, the column's longest so far: perhaps the table's. */
  private longer(len: number): void {
    this.maxLength = len;
    if (len > this.facts.longest) this.facts.longest = len;
  }

  add(value: string, row: number): void {
    const len = value.length;
    if (len === 0) {
      this.empty++;
      return;
    }
    let s = value;
    const head = value.charCodeAt(0);
    const tail = value.charCodeAt(len - 1);
    if (head <= 32 || tail <= 32 || head === 160 || tail === 160) {
      s = value.trim();
      if (s.length === 0) {
        this.empty++;
        // Not a value, but a cell of that length (ProfiledRecord.longest).
        if (len > this.facts.longest) this.facts.longest = len;
        return;
      }
      if (this.padded++ === 0) this.paddedFirst = row;
    }
    const t = classifyCell(s);
    this.counted(t, len, row);
    if (t === INTEGER || t === NUMBER) {
      this.number(s, t, row, s.length);
      if (t === INTEGER) this.marked(lastNumber.plain);
    } else if (t === DATE || t === DATETIME) this.isoDate(s);
    else if (t === DATE_OTHER) this.otherDate(s, row);
    else if (t === TEXT && s.length === len && wideEdge(head, tail)) this.marked(-1);
    if (this.distinct !== null && !this.distinct.addString(s, row)) this.capDistinct();
  }

  /**
   * `add(cells.cell(i), row)` of a cell read from the reader's copy of the record as UTF-16 units
   * (the cell is `u[from, to)`): the same counts, with the units read instead of the string's
   * characters, and the string cut out only for the cells whose counts need it (padded cells,
   * rare numbers and dates, a date at the column's range ends).
   */
  addUnits(u: Uint16Array, from: number, to: number, cells: RecordCells, i: number, row: number): void {
    const len = to - from;
    if (len === 0) {
      this.empty++;
      return;
    }
    const settled = this.settled;
    if (settled === PLAIN_TEXT) {
      if (plainTextUnits(u, from, to)) {
        this.run++;
        if (len > this.maxLength) this.longer(len);
        this.lengthOf(u, from, to, row);
        return;
      }
    } else if (settled === PLAIN) {
      if (this.plainNumber(u, from, to, row)) return;
    } else if (settled === ISO) {
      if (len === this.isoLength && this.isoDateAgain(u, from, len, cells, i, row)) return;
    } else if (settled === WORD) {
      const t = wordUnits(u, from, to);
      if (t >= 0) {
        this.countedSettled(t, len, row);
        this.asciiLength(len);
        return;
      }
    }
    this.lengthOf(u, from, to, row);
    const head = u[from]!;
    const tail = u[to - 1]!;
    if (head <= 32 || tail <= 32 || head === 160 || tail === 160) {
      this.add(cells.cell(i), row);
      return;
    }
    const t = classifyUnits(u, from, to, cells, i);
    this.counted(t, len, row);
    const plain = lastNumber.plain;
    this.settle(t, plain, len);
    if (t === INTEGER || t === NUMBER) {
      // A plain number's value is known (`lastNumber`); 16 digits and more are checked for safety.
      if (plain >= 0 && len < 16) this.plainValue(plain);
      else this.number(cells.cell(i), t, row, len);
      if (t === INTEGER) this.marked(plain);
    } else if (t === DATE || t === DATETIME) {
      // A date strictly inside the column's range changes nothing: no string.
      const key = lastDate.key;
      if (key <= this.minDateKey || key >= this.maxDateKey) this.dated(key, cells.cell(i));
    } else if (t === DATE_OTHER) this.otherDate(cells.cell(i), row);
    else if (t === TEXT && wideEdge(head, tail)) this.marked(-1);
    if (this.distinct !== null && !this.distinct.addUnits(u, from, to, row)) this.capDistinct();
  }

  /** What the fast paths of `addUnits` try on the column's next cell, after a cell of type `t` (`plain`: its `lastNumber`) and length `len`. */
  private settle(t: number, plain: number, len: number): void {
    if (this.distinct !== null) return;
    this.flushRun();
    this.runType = t;
    if (t === TEXT) this.settled = PLAIN_TEXT;
    else if (t === BOOLEAN || t === NULL) this.settled = WORD;
    else if ((t === INTEGER || t === NUMBER) && plain >= 0) this.settled = PLAIN;
    else if ((t === DATE || t === DATETIME) && isoLayout(len)) {
      this.settled = ISO;
      this.isoLength = len;
    } else this.settled = UNSETTLED;
  }

  /**
   * Adds the fast paths' cells of `runType` to `filled` and `counts` — and, for a column of ISO
   * dates, whose cells all have the settling cell's length, to that length's count.
   */
  flushRun(): void {
    if (this.run === 0) return;
    this.filled += this.run;
    this.counts[this.runType]! += this.run;
    if (this.settled === ISO && this.lengthCounts !== null) this.lengthCounts[this.lengthAt + this.isoLength]! += this.run;
    this.run = 0;
  }

  /** Counts the length of the non-empty cell `u[from, to)` in code points (`CellLengths`), when lengths are counted. */
  private lengthOf(u: Uint16Array, from: number, to: number, row: number): void {
    const counts = this.lengthCounts;
    if (counts === null) return;
    const length = this.facts.bmp ? to - from : codePointLengthUnits(u, from, to);
    if (length < SMALL_LENGTH) counts[this.lengthAt + length]!++;
    else this.lengths!.addLarge(this.index, length, row);
  }

  /** `lengthOf` a cell of `len` ASCII units, fewer than SMALL_LENGTH (a plain number or a word). */
  private asciiLength(len: number): void {
    if (this.lengthCounts !== null) this.lengthCounts[this.lengthAt + len]!++;
  }

  /** Counts a filled cell of type `t` and `len` units at `row` (`add`, `addUnits` and its fast paths). */
  private counted(t: number, len: number, row: number): void {
    this.filled++;
    if (len > this.maxLength) this.longer(len);
    if (this.counts[t]++ === 0) this.firsts[t] = row;
  }

  /**
   * `addUnits` of a plain non-negative number of at most 15 digits (`ddd` or `ddd.ddd`, no leading
   * zero but `0.ddd`), the column's last cell being one too: read here without the classifier's
   * other shapes, with its type and value as `classifyUnits` and `number` would have them. False,
   * having counted nothing, for any other cell.
   */
  private plainNumber(u: Uint16Array, from: number, to: number, row: number): boolean {
    let digits = 0;
    let i = from;
    for (; i < to; i++) {
      const c = u[i]!;
      if (c < 48 || c > 57) break;
      digits = digits * 10 + (c - 48);
    }
    const intDigits = i - from;
    if (intDigits === 0 || (u[from] === 48 && intDigits > 1)) return false;
    if (i === to) {
      if (intDigits > MAX_PLAIN_DIGITS) return false;
      this.countedSettled(INTEGER, to - from, row);
      this.asciiLength(to - from);
      if (digits < this.minPlainValue) this.minPlainValue = digits;
      if (digits > this.maxPlainValue) this.maxPlainValue = digits;
      this.marked(digits);
      return true;
    }
    if (u[i] !== 46) return false;
    const dot = i;
    for (i++; i < to; i++) {
      const c = u[i]!;
      if (c < 48 || c > 57) return false;
      digits = digits * 10 + (c - 48);
    }
    if (to - from - 1 > MAX_PLAIN_DIGITS) return false;
    this.countedSettled(NUMBER, to - from, row);
    this.asciiLength(to - from);
    this.scaledValue(digits, to - dot - 1);
    return true;
  }

  /** `counted` of a fast path's cell of type `t` (a word, a plain number): one increment when the column settled on that type. */
  private countedSettled(t: number, len: number, row: number): void {
    if (t === this.runType) {
      this.run++;
      if (len > this.maxLength) this.longer(len);
    } else this.counted(t, len, row);
  }

  /**
   * The decimal `digits / 10^scale` (`plainNumber`: at most 15 digits) in the column's range. The
   * division is correctly rounded, so a larger `digits` of the same scale is never a smaller value:
   * `minScaled` and `maxScaled` are digits at `plainScale` beyond which no cell can move the range
   * (digits ≥ `minScaled` give a value ≥ `minPlainValue`, and likewise for the maximum), and most
   * cells of a column printed with a fixed number of decimals are decided by comparing their digits,
   * without the division. Other paths only widen the range, which keeps both bounds true.
   */
  private scaledValue(digits: number, scale: number): void {
    if (scale !== this.plainScale) {
      this.plainScale = scale;
      this.minScaled = Infinity;
      this.maxScaled = -Infinity;
    }
    if (digits < this.minScaled) {
      const value = digits / POW10[scale]!;
      if (value < this.minPlainValue) this.minPlainValue = value;
      this.minScaled = digits;
    }
    if (digits > this.maxScaled) {
      const value = digits / POW10[scale]!;
      if (value > this.maxPlainValue) this.maxPlainValue = value;
      this.maxScaled = digits;
    }
  }

  /**
   * `addUnits` of a cell of `n` units (the column's last cell was an ISO date or date-time of as
   * many: `n` is 10, 16, 19 or 20) in that length's layout — `YYYY-MM-DD`, then `[T ]hh:mm`, `:ss`
   * and `Z` — with month and day in range: a date or date-time, with its `dateKey`, as
   * `classifyUnits` would have it, without the classifier's other shapes. False, having counted
   * nothing, for any other cell.
   */
  private isoDateAgain(u: Uint16Array, from: number, n: number, cells: RecordCells, i: number, row: number): boolean {
    const key = isoDateKeyUnits(u, from);
    if (key < 0 || (n > 10 && !isoClockUnits(u, from, n))) return false;
    // The settling cell had this type and length: its count, the column's longest and its length's
    // count (`flushRun`) are known.
    this.run++;
    if (key <= this.minDateKey || key >= this.maxDateKey) this.dated(key, cells.cell(i));
    return true;
  }

  /** A number cell `s` of type `t` and length `len` (given: the units path does not touch the string for plain numbers). */
  private number(s: string, t: number, row: number, len: number): void {
    if (t === INTEGER && len >= 16 && isUnsafeInteger(s) && this.unsafe++ === 0) this.unsafeFirst = row;
    const plain = lastNumber.plain;
    if (plain >= 0) {
      this.plainValue(plain);
      return;
    }
    const c = s.charCodeAt(0);
    const intLen = c >= 48 && c <= 57 ? (t === INTEGER ? s.length : plainIntegerPart(s)) : -1;
    if (intLen > 0 && (c !== 48 || intLen === 1)) {
      // Plain non-negative numbers (no sign, exponent or leading zero) need no conversion: a longer
      // integer part is a larger number, and equal integer parts compare as text ("3.75" < "3.8").
      if (this.minPlain === '' || intLen < this.minPlainInt || (intLen === this.minPlainInt && s < this.minPlain)) [this.minPlain, this.minPlainInt] = [own(s), intLen];
      if (intLen > this.maxPlainInt || (intLen === this.maxPlainInt && s > this.maxPlain)) [this.maxPlain, this.maxPlainInt] = [own(s), intLen];
      return;
    }
    const v = +s;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** A plain number's value (`lastNumber.plain`) in the column's range. */
  private plainValue(plain: number): void {
    if (plain < this.minPlainValue) this.minPlainValue = plain;
    if (plain > this.maxPlainValue) this.maxPlainValue = plain;
  }

  private isoDate(s: string): void {
    this.dated(dateKey(s), s);
  }

  /** An ISO date or date-time `s` with its `dateKey`. */
  private dated(key: number, s: string): void {
    if (key < this.minDateKey || (key === this.minDateKey && s < this.minDate)) {
      this.minDate = own(s);
      this.minDateKey = key;
    }
    if (key > this.maxDateKey || (key === this.maxDateKey && s > this.maxDate)) {
      this.maxDate = own(s);
      this.maxDateKey = key;
    }
  }

  private otherDate(s: string, row: number): void {
    const d = dateShape(s)!;
    this.shapes ??= new Map();
    let tally = this.shapes.get(d.shape);
    if (!tally) {
      if (this.shapes.size >= MAX_DATE_SHAPES) return;
      tally = { count: 0, firstRow: row, firstOver12: false, secondOver12: false };
      this.shapes.set(d.shape, tally);
    }
    tally.count++;
    tally.firstOver12 ||= d.firstOver12;
    tally.secondOver12 ||= d.secondOver12;
  }

  /** A new value past the cap, or too long: free the memory, keep "more than cap". */
  private capDistinct(): void {
    this.distinctSeen = Math.max(this.distinct!.size, this.cap);
    this.distinct = null;
  }

  result(index: number, name: string): ColumnProfile {
    this.flushRun();
    const types: ColumnProfile['types'] = {};
    TYPE_NAMES.forEach((type, i) => {
      if (this.counts[i]! > 0) types[type] = { count: this.counts[i]!, firstRow: this.firsts[i]! };
    });
    const dateFormats: DateFormatTally[] = [...(this.shapes ?? new Map<string, ShapeTally>()).entries()]
      .map(([shape, t]) => ({ pattern: resolveDatePattern(shape, t.firstOver12, t.secondOver12), count: t.count, firstRow: t.firstRow }))
      .sort((a, b) => b.count - a.count);
    const profile: ColumnProfile = {
      index,
      name,
      filled: this.filled,
      empty: this.empty,
      types,
      inferredType: inferType(this.counts),
      ...(this.countDistinct ? { distinct: this.distinct ? { count: this.distinct.size, capped: false } : { count: this.distinctSeen, capped: true } } : {}),
      maxLength: this.maxLength,
      padded: { count: this.padded, firstRow: this.paddedFirst },
      unsafeIntegers: { count: this.unsafe, firstRow: this.unsafeFirst },
      dateFormats,
    };
    if (this.distinct) profile.valueCounts = this.distinct.tallies();
    const min = Math.min(this.min, this.minPlainValue, this.minPlain ? +this.minPlain : Infinity);
    const max = Math.max(this.max, this.maxPlainValue, this.maxPlain ? +this.maxPlain : -Infinity);
    if (min <= max) [profile.min, profile.max] = [min, max];
    if (this.minDate) [profile.minDate, profile.maxDate] = [this.minDate, this.maxDate];
    return profile;
  }
}

/**
 * `YYYYMMDD` of an ISO date or date-time (`YYYYMM00` for `YYYY-MM`; the classifier checked the
 * digits): ordered as the text is up to the day, so only cells of the same day compare as text.
 * Cells read as units get it from the classifier (`lastDate`).
 */
export function dateKey(s: string): number {
  const d = (i: number) => s.charCodeAt(i) - 48;
  const month = (((d(0) * 10 + d(1)) * 10 + d(2)) * 10 + d(3)) * 100 + d(5) * 10 + d(6);
  return s.length === 7 ? month * 100 : month * 100 + d(8) * 10 + d(9);
}

/** The lengths of the ISO layouts `isoDateAgain` reads: `YYYY-MM-DD`, then `[T ]hh:mm`, `:ss`, `Z`. */
function isoLayout(n: number): boolean {
  return n === 10 || n === 16 || n === 19 || n === 20;
}

/**
 * Below zero when `d` (a unit less 48) is not a digit's: a digit gives `d` and `9 - d` both in 0–9,
 * any other unit one of them negative. OR-ed over a cell's digits, one branch tests them all.
 */
const notDigit = (d: number) => d | (9 - d);

/**
 * The `dateKey` (`YYYYMMDD`) of `YYYY-MM-DD` at `u[from]` (10 units, all the cell's), or -1 when
 * those units are not such a date with month 1–12 and day 1–31 (what the classifier requires).
 */
function isoDateKeyUnits(u: Uint16Array, from: number): number {
  const y0 = u[from]! - 48;
  const y1 = u[from + 1]! - 48;
  const y2 = u[from + 2]! - 48;
  const y3 = u[from + 3]! - 48;
  const m0 = u[from + 5]! - 48;
  const m1 = u[from + 6]! - 48;
  const d0 = u[from + 8]! - 48;
  const d1 = u[from + 9]! - 48;
  const digits = notDigit(y0) | notDigit(y1) | notDigit(y2) | notDigit(y3) | notDigit(m0) | notDigit(m1) | notDigit(d0) | notDigit(d1);
  if (digits < 0 || u[from + 4] !== 45 || u[from + 7] !== 45) return -1;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return ((((y0 * 10 + y1) * 10 + y2) * 10 + y3) * 100 + month) * 100 + day;
}

/** Whether the `n` units at `u[from]` (16, 19 or 20) go on from their date with `[T ]hh:mm`, then `:ss` (19 and 20), then `Z` (20). */
function isoClockUnits(u: Uint16Array, from: number, n: number): boolean {
  const sep = u[from + 10];
  const clock = notDigit(u[from + 11]! - 48) | notDigit(u[from + 12]! - 48) | notDigit(u[from + 14]! - 48) | notDigit(u[from + 15]! - 48);
  if ((sep !== 84 /* T */ && sep !== 32) || u[from + 13] !== 58 /* : */ || clock < 0) return false;
  if (n === 16) return true;
  if (u[from + 16] !== 58 || (notDigit(u[from + 17]! - 48) | notDigit(u[from + 18]! - 48)) < 0) return false;
  return n === 19 || u[from + 19] === 90; /* Z */
}

/** Length of the integer part of `d.ddd`, or -1 when the number has an exponent. */
function plainIntegerPart(s: string): number {
  const dot = s.indexOf('.');
  if (dot < 0) return -1;
  for (let i = dot + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return dot;
}

/** The most common type of non-null values; integers and decimals together are `number`. */
function inferType(counts: Float64Array): CellType | 'empty' {
  const merged = [...counts];
  merged[NULL] = 0;
  if (merged[INTEGER]! > 0 && merged[NUMBER]! > 0) [merged[NUMBER], merged[INTEGER]] = [merged[NUMBER]! + merged[INTEGER]!, 0];
  if (merged[DATE]! > 0 && merged[DATETIME]! > 0) [merged[DATETIME], merged[DATE]] = [merged[DATETIME]! + merged[DATE]!, 0];
  let best = -1;
  for (let i = 0; i < merged.length; i++) if (merged[i]! > 0 && (best < 0 || merged[i]! > merged[best]!)) best = i;
  return best < 0 ? 'empty' : TYPE_NAMES[best]!;
}

/**
 * Whether a cell's first or last unit is a space `trim()` removes though the profile does not
 * trim it (it trims cells with an end at most 32 or U+00A0): then a text cell to the profile, it
 * may be an integer to a rule that trims it. Every other type starts and ends with ASCII.
 */
function wideEdge(head: number, tail: number): boolean {
  return (head >= 0x1680 && isWideSpace(head)) || (tail >= 0x1680 && isWideSpace(tail));
}

/**
 * `ProfiledRecord` of the record the profiler reads (`addRecord` clears the marks, the columns'
 * counts mark their cells). `longest` is the table's longest cell so far: kept where a column's
 * own maximum grows, not compared for every cell, and a bound on the record's.
 */
class ProfiledCells implements ProfiledRecord {
  covered = 0;
  longest = 0;
  integers = 0;
  /** The record has no surrogate pair (`RowContext.bmp`): a cell's length in code points is its UTF-16 length. */
  bmp = false;
  readonly plain: Float64Array;

  constructor(cells: number) {
    this.plain = new Float64Array(cells);
  }

  /** Cell i (< PROFILED_CELLS) is an integer of plain value `plain` (-1: none, or not told). */
  mark(i: number, plain: number): void {
    this.integers |= 1 << i;
    this.plain[i] = plain;
  }
}

/** Profiles the data rows of one table; columns are fixed when it is created (the header's width). */
export class TableProfiler {
  private readonly columns: ColumnStats[];
  private dataRows = 0;
  private blankRows = 0;
  /** The cells' lengths, when asked for (`CellLengths`): counted in the same walk over each record. */
  private readonly cellLengths: CellLengths | undefined;
  /** The rows given as arrays, read as records. */
  private readonly arrayCells = new CellsRecord();
  /** What the walk learnt of the last record's cells (`RowContext.profiled`). */
  readonly record: ProfiledCells;

  /**
   * `distinctValues`: count each column's distinct values (`ColumnProfile.distinct`, `valueCounts`);
   * the engine asks only when a rule reads them (`RuleMeta.needsDistinctValues`). `cellLengths`:
   * count the cells' lengths (`lengths`; `RuleMeta.needsCellLengths`).
   */
  constructor(
    private readonly names: string[],
    distinctValues = true,
    cellLengths = false,
  ) {
    const cap = distinctCapFor(names.length);
    this.record = new ProfiledCells(Math.min(names.length, PROFILED_CELLS));
    this.cellLengths = cellLengths ? new CellLengths(names.length) : undefined;
    this.columns = names.map((_, i) => new ColumnStats(cap, distinctValues, this.record, i, this.cellLengths));
  }

  /**
   * Adds one data row; cells beyond the profiled columns are left to the ragged-rows check.
   * `units`: the record as UTF-16 units (the CSV tokenizer's copy), read instead of the cells it
   * covers, whose strings are then cut out only when their counts need them.
   * `bmp`: no cell has a surrogate pair (RowContext.bmp), so a cell's length in code points is its
   * UTF-16 length (only the lengths read it).
   */
  add(cells: readonly string[], row: number, blank: boolean, units?: RecordUnits, bmp = false): void {
    this.addRecord(this.arrayCells.of(cells), row, blank, units, bmp);
  }

  /**
   * `add` of a record whose cells are read one by one (the CSV tokenizer's: cut out only when read).
   * What the walk learns of the cells on the way is left in `record` (`ProfiledRecord`).
   */
  addRecord(cells: RecordCells, row: number, blank: boolean, units?: RecordUnits, bmp = false): void {
    this.dataRows++;
    const lengths = this.cellLengths;
    const n = Math.min(cells.width, this.columns.length);
    this.record.integers = 0;
    this.record.covered = blank ? 0 : n;
    if (blank) {
      this.blankRows++;
      // Blank rows have no values, but their cells of spaces have lengths.
      if (lengths !== undefined) for (let i = 0; i < n; i++) countString(lengths, i, cells.cell(i), row, bmp);
      return;
    }
    let i = 0;
    if (units) {
      const { units: u, starts, ends } = units;
      const known = Math.min(n, units.known);
      // The columns count the cells' lengths (`ColumnStats.lengthOf`) in the paths that know them.
      this.record.bmp = bmp;
      for (; i < known; i++) {
        const from = starts[i]!;
        if (from >= 0) {
          this.columns[i]!.addUnits(u, from, ends[i]!, cells, i, row);
        } else {
          const cell = cells.cell(i);
          if (lengths !== undefined) countString(lengths, i, cell, row, bmp);
          this.columns[i]!.add(cell, row);
        }
      }
    }
    for (; i < n; i++) {
      const cell = cells.cell(i);
      if (lengths !== undefined) countString(lengths, i, cell, row, bmp);
      this.columns[i]!.add(cell, row);
    }
  }

  /** The cells' lengths so far, when asked for (`CellLengths`; the columns' runs of ISO dates added first). */
  get lengths(): CellLengths | undefined {
    for (const column of this.columns) column.flushRun();
    return this.cellLengths;
  }

  result(): TableProfile {
    return {
      columns: this.columns.map((c, i) => c.result(i, this.names[i]!)),
      dataRows: this.dataRows,
      blankRows: this.blankRows,
    };
  }
}

/** Counts the length of the cell `raw` of `column` (in code points; empty cells are not counted). */
function countString(lengths: CellLengths, column: number, raw: string, row: number, bmp: boolean): void {
  if (raw.length === 0) return;
  lengths.add(column, cellLength(raw, bmp), row);
}
