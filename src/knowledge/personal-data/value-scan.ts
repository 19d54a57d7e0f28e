/**
 * Runs value detectors over the cells of a table in bounded memory: every column's first
 * `sampleSize` non-empty values are tested whole; free-text columns (by header, or because
 * most sampled values are sentences) are searched for embedded values to the end of the file.
 * Only counters, a few row numbers and one masked sample are kept per column and kind.
 *
 * Detectors come in groups (the kinds one rule reports, e.g. the national numbers): a sampled
 * value with the whole shape of a kind is one value, not text, and is not searched for embedded
 * values of its group. Groups are independent, so one scan with several groups finds for each
 * exactly what a scan with that group alone would.
 */
import { cellAt, trimCell, type RecordCells, type RecordUnits } from '../../model/index.js';
import type { ValueDetector, ValueKind } from './detector.js';
import type { HeaderCategory } from './headers.js';
import type { ColumnRole } from './table-profile.js';

/** Header categories that name a kind of value (the column is "a column of that kind"). */
const KINDS_NAMED_BY: Partial<Record<HeaderCategory, ValueKind[]>> = {
  'national-id': ['be-niss', 'nl-bsn', 'fr-nir', 'lu-matricule'],
  'bank-account': ['iban'],
  'payment-card': ['payment-card'],
  email: ['email'],
  phone: ['phone', 'mobile-phone'],
  'ip-address': ['ip-address'],
  'licence-plate': ['licence-plate'],
};

export function kindsNamedBy(category: HeaderCategory | undefined): ValueKind[] {
  return (category && KINDS_NAMED_BY[category]) || [];
}

const KEEP_ROWS = 5;

export interface KindEvidence {
  kind: ValueKind;
  detector: ValueDetector;
  /** Sampled values with the kind's shape (valid or not), and those passing its test. */
  shaped: number;
  valid: number;
  validRows: number[];
  shapedRows: number[];
  /** Masked renderings of the first valid and of the first shaped-only value. */
  validSample?: string;
  shapedSample?: string;
  /** Free-text cells containing a valid value of the kind, their rows and a masked sample. */
  embedded: number;
  embeddedRows: number[];
  embeddedSample?: string;
}

export interface ColumnEvidence {
  column: ColumnRole;
  /** Non-empty values tested whole (at most the sample size). */
  sampled: number;
  freeText: boolean;
  kinds: Map<ValueKind, KindEvidence>;
}

/** A one-character ASCII mark (`@`). */
const isAsciiMark = (mark: string | undefined) => mark !== undefined && mark.length === 1 && mark.charCodeAt(0) < 128;
const isAsciiSpan = (span: { chars: string; min: number } | undefined) => span !== undefined && span.min > 0 && [...span.chars].every((c) => c.charCodeAt(0) < 128);

/**
 * What every match of some detectors needs: one of their marks (`@`), or a run of their span
 * characters (`inTextSpan`, for those without a mark) as long as the shortest of their minimums.
 * Text without either is not searched (`ValueScan`); the tests hold it to that definition.
 */
export class TextScreen {
  /** Per ASCII code: 1 one of the marks. */
  private readonly markCodes = new Uint8Array(128);

  constructor(
    private readonly marks: readonly string[],
    /** Per ASCII code: 1 a span character. */
    private readonly span: Uint8Array,
    private readonly min: number,
  ) {
    for (const m of marks) this.markCodes[m.charCodeAt(0)] = 1;
  }

  /** The screen of detectors each with a one-character ASCII mark or an ASCII span (a detector with a mark is screened on it alone). */
  static of(searches: readonly { detector: ValueDetector; mark: string | undefined }[]): TextScreen {
    const span = new Uint8Array(128);
    let min = Infinity;
    const marks = new Set<string>();
    for (const { detector, mark } of searches) {
      if (isAsciiMark(mark)) {
        marks.add(mark!);
        continue;
      }
      for (const c of detector.inTextSpan!.chars) span[c.charCodeAt(0)] = 1;
      min = Math.min(min, detector.inTextSpan!.min);
    }
    return new TextScreen([...marks], span, min);
  }

  /** The text last searched for the mark (`nextMark`), from where, and where the search found it (the text's length: nowhere). */
  private markText: string | undefined;
  private markFrom = 0;
  private markAt = 0;

  /**
   * Whether the text `u[from, to)` holds a mark, or a run of span characters `min` long, read from
   * the units alone (no string is cut for it). `text`: the string the units copy, searched natively
   * for a lone mark, once for the records that follow in it. The run is looked for every `min`
   * characters: one that long covers a position looked at, and a position outside the span rules
   * out every run through it.
   */
  mayHoldMatch(u: Uint16Array, from: number, to: number, text?: string): boolean {
    if (this.marks.length > 0 && this.holdsMark(u, from, to, text)) return true;
    const { span, min } = this;
    // The span test written out at each read (a closure for it cost three times as much).
    for (let j = from + min - 1; j < to; ) {
      const c = u[j]!;
      if (c >= 128 || span[c] !== 1) {
        j += min;
        continue;
      }
      let a = j;
      while (a > from) {
        const d = u[a - 1]!;
        if (d >= 128 || span[d] !== 1) break;
        a--;
      }
      let b = j + 1;
      while (b < to) {
        const d = u[b]!;
        if (d >= 128 || span[d] !== 1) break;
        b++;
      }
      if (b - a >= min) return true;
      j = b + min;
    }
    return false;
  }

  private holdsMark(u: Uint16Array, from: number, to: number, text: string | undefined): boolean {
    if (text !== undefined && this.marks.length === 1) return this.nextMark(text, from) < to;
    const marks = this.markCodes;
    for (let j = from; j < to; j++) {
      const c = u[j]!;
      if (c < 128 && marks[c] === 1) return true;
    }
    return false;
  }

  /**
   * Where the mark is next in `text`, at or after `from` (the text's length: nowhere). The last
   * search is kept: no mark lies between where it started and what it found, so the cells after
   * it up to there need no search (a text without the mark is searched once).
   */
  private nextMark(text: string, from: number): number {
    if (text === this.markText && from >= this.markFrom && from <= this.markAt) return this.markAt;
    const at = text.indexOf(this.marks[0]!, from);
    this.markText = text;
    this.markFrom = from;
    this.markAt = at < 0 ? text.length : at;
    return this.markAt;
  }

  /** `mayHoldMatch` for a cell held as a string only (past the units', or from a reader without units): the same loop on `charCodeAt`. */
  mayHoldMatchText(s: string): boolean {
    for (let i = 0; i < this.marks.length; i++) if (s.includes(this.marks[i]!)) return true;
    const { span, min } = this;
    const to = s.length;
    for (let j = min - 1; j < to; ) {
      const c = s.charCodeAt(j);
      if (c >= 128 || span[c] !== 1) {
        j += min;
        continue;
      }
      let a = j;
      while (a > 0) {
        const d = s.charCodeAt(a - 1);
        if (d >= 128 || span[d] !== 1) break;
        a--;
      }
      let b = j + 1;
      while (b < to) {
        const d = s.charCodeAt(b);
        if (d >= 128 || span[d] !== 1) break;
        b++;
      }
      if (b - a >= min) return true;
      j = b + min;
    }
    return false;
  }
}

const pushRow = (rows: number[], row: number) => {
  if (rows.length < KEEP_ROWS && rows.at(-1) !== row) rows.push(row);
};

/** A value written as a sentence: three words or more with letters (not `2 95 10 99 126 111 93`). */
const isSentence = (v: string) => (v.match(/\p{L}{2,}/gu)?.length ?? 0) >= 3;

/** A detector's search of free text, in one shape for all detectors (the loop over them runs per cell). */
interface TextSearch {
  detector: ValueDetector;
  re: RegExp;
  mark: string | undefined;
  /** The bit of the detector's group. */
  group: number;
  /** `anyInText` stands for it. */
  joined: boolean;
}

export class ValueScan {
  private readonly evidence: ColumnEvidence[];
  /** Columns still being sampled, or free text: the others cost nothing per row. */
  private open: ColumnEvidence[];
  private sentences: number[];
  /** Per column index, per detector: the header names the detector's kind (`shape`'s `inKindColumn`). */
  private readonly named: (readonly boolean[])[] = [];
  /**
   * Per column index, while its sample is taken: values no detector shapes (`shape` is a function
   * of the value and `inKindColumn` alone), tested once however often they repeat (codes, names).
   */
  private readonly unshaped: (Set<string> | undefined)[] = [];
  private readonly detectors: readonly ValueDetector[];
  /** The bit of each detector's group, and of all groups. */
  private readonly groupBits: readonly number[];
  private readonly allGroups: number;
  /**
   * One expression matching wherever any of the detectors' `inText` expressions without a mark
   * matches (their alternation): a free-text cell where it finds nothing — most of them — is not
   * searched by each of them. Undefined when no detector can join it.
   */
  private readonly anyInText: RegExp | undefined;
  /** The detectors with an `inText` expression, in order; `unjoined`: those `anyInText` does not stand for. */
  private readonly searches: readonly TextSearch[];
  private readonly unjoined: readonly TextSearch[];
  /** Every detector of `unjoined` has a mark. */
  private readonly unjoinedMarked: boolean;
  /** Rules out free text no detector can match; undefined when some detector has neither a one-character mark nor a span. */
  private readonly screen: TextScreen | undefined;

  constructor(
    columns: readonly ColumnRole[],
    groups: readonly (readonly ValueDetector[])[],
    private readonly sampleSize: number,
    /** False: the definition — each expression searches every cell itself, each value is shaped by every detector (the tests compare the two). */
    joinInText = true,
  ) {
    if (groups.length > 30) throw new Error('ValueScan: at most 30 detector groups');
    this.detectors = groups.flat();
    this.groupBits = groups.flatMap((g, i) => g.map(() => 1 << i));
    this.allGroups = (1 << groups.length) - 1;
    // Only plain expressions join (flags other than `g` would change what the alternation matches).
    const joins = (d: ValueDetector) => !!d.inText && !d.inTextMark && d.inText.flags === 'g';
    // Each expression once (phone and mobile phone search alike): the alternation is only tested.
    const joined = [...new Set(this.detectors.filter(joins).map((d) => `(?:${d.inText!.source})`))];
    this.anyInText = joinInText && joined.length > 1 ? new RegExp(joined.join('|')) : undefined;
    this.searches = this.detectors.flatMap((d, i) =>
      d.inText ? [{ detector: d, re: d.inText, mark: d.inTextMark, group: this.groupBits[i]!, joined: this.anyInText !== undefined && joins(d) }] : [],
    );
    this.unjoined = this.searches.filter((t) => !t.joined);
    this.unjoinedMarked = this.unjoined.every((t) => t.mark);
    const screened = joinInText && this.searches.every((t) => isAsciiMark(t.mark) || isAsciiSpan(t.detector.inTextSpan));
    this.screen = screened ? TextScreen.of(this.searches) : undefined;
    this.evidence = columns.map((column) => ({
      column,
      sampled: 0,
      freeText: column.category === 'free-text',
      kinds: new Map(),
    }));
    this.sentences = columns.map(() => 0);
    for (const column of columns) {
      const kinds = kindsNamedBy(column.category);
      this.named[column.index] = this.detectors.map((d) => kinds.includes(d.kind));
      this.unshaped[column.index] = joinInText ? new Set() : undefined;
    }
    this.open = this.evidence;
  }

  /** `units`: the record as UTF-16 units (the CSV reader's copy): free text is screened on them (`mayHoldMatch`). */
  row(cells: RecordCells, row: number, units?: RecordUnits): void {
    let closed = false;
    for (const ev of this.open) {
      // Screened before its string is cut: most free-text cells are done on their units alone.
      if (units && ev.sampled >= this.sampleSize && this.screen && this.ruledOut(ev.column.index, cells, units)) continue;
      const cell = cellAt(cells, ev.column.index);
      // `trimCell`: no call to `trim()` for a cell that starts and ends with printable ASCII (most).
      const value = cell === undefined ? undefined : trimCell(cell);
      if (!value) continue;
      if (ev.sampled < this.sampleSize) {
        ev.sampled++;
        if (isSentence(value)) this.sentences[ev.column.index]!++;
        const wholeGroups = this.testWhole(ev, value, row);
        if (wholeGroups !== this.allGroups) this.searchText(ev, value, row, wholeGroups);
        // After the sample, a column of sentences is free text: keep searching it.
        if (ev.sampled === this.sampleSize) {
          this.unshaped[ev.column.index] = undefined;
          if (this.sentences[ev.column.index]! >= ev.sampled / 2) ev.freeText = true;
          closed ||= !ev.freeText;
        }
      } else {
        this.searchText(ev, value, row, 0);
      }
    }
    if (closed) this.open = this.open.filter((ev) => ev.sampled < this.sampleSize || ev.freeText);
  }

  /**
   * Whether cell `p` of the record can hold no match: it is missing or empty, or the screen says
   * no — for the cell untrimmed, so for its trimmed value too (a part of it). Read from the units
   * where they hold the cell, else (cells past the units', a reader's cell without units) from its string.
   */
  private ruledOut(p: number, cells: RecordCells, { units: u, starts, ends, known, text }: RecordUnits): boolean {
    if (p >= cells.width) return true;
    const from = p < known ? starts[p]! : -1;
    if (from < 0) return !this.screen!.mayHoldMatchText(cells.cell(p));
    const to = ends[p]!;
    return from === to || !this.screen!.mayHoldMatch(u, from, to, text);
  }

  /** No column is being sampled or searched: later rows change nothing. */
  get done(): boolean {
    return this.open.length === 0;
  }

  results(): ColumnEvidence[] {
    for (const ev of this.evidence) if (ev.sampled > 0 && this.sentences[ev.column.index]! >= ev.sampled / 2) ev.freeText = true;
    return this.evidence;
  }

  private kindOf(ev: ColumnEvidence, d: ValueDetector): KindEvidence {
    let k = ev.kinds.get(d.kind);
    if (!k) {
      k = { kind: d.kind, detector: d, shaped: 0, valid: 0, validRows: [], shapedRows: [], embedded: 0, embeddedRows: [] };
      ev.kinds.set(d.kind, k);
    }
    return k;
  }

  /** Tests the value whole against every detector; returns the bits of the groups it matched. */
  private testWhole(ev: ColumnEvidence, value: string, row: number): number {
    const unshaped = this.unshaped[ev.column.index];
    if (unshaped?.has(value)) return 0;
    const named = this.named[ev.column.index]!;
    let matched = 0;
    for (let i = 0; i < this.detectors.length; i++) {
      const d = this.detectors[i]!;
      const compact = d.shape(value, named[i]!);
      if (compact === undefined) continue;
      matched |= this.groupBits[i]!;
      const k = this.kindOf(ev, d);
      k.shaped++;
      if (d.valid(compact)) {
        k.valid++;
        pushRow(k.validRows, row);
        k.validSample ??= d.mask(compact);
      } else {
        pushRow(k.shapedRows, row);
        k.shapedSample ??= d.mask(compact);
      }
    }
    if (matched === 0) unshaped?.add(value);
    return matched;
  }

  /** Whether `value` holds the mark of some detector of `unjoined`. */
  private anyMark(value: string): boolean {
    for (let i = 0; i < this.unjoined.length; i++) if (value.includes(this.unjoined[i]!.mark!)) return true;
    return false;
  }

  /** Searches the value for embedded values of every group not in `skipGroups`. */
  private searchText(ev: ColumnEvidence, value: string, row: number, skipGroups: number): void {
    // Where the joined expression finds nothing (most cells), only the others search: the loop then
    // does not even visit the joined detectors (a free-text column costs this on every row), and a
    // cell without their marks is done before the test for a space (these tests only rule out).
    const searches = this.anyInText !== undefined && !this.anyInText.test(value) ? this.unjoined : this.searches;
    if (searches === this.unjoined && this.unjoinedMarked && !this.anyMark(value)) return;
    if (!/\s/.test(value)) return;
    for (let i = 0; i < searches.length; i++) {
      const { detector: d, re, mark, group } = searches[i]!;
      if (skipGroups & group || (mark && !value.includes(mark))) continue;
      // exec, not matchAll (which clones the expression on every call); lastIndex restarts per value.
      re.lastIndex = 0;
      for (let m = re.exec(value); m; m = re.exec(value)) {
        if (m[0] === '') re.lastIndex++; // as matchAll does: never stuck on an empty match
        const compact = d.shape(m[0], false);
        if (compact === undefined || !d.valid(compact)) continue;
        const k = this.kindOf(ev, d);
        k.embedded++;
        pushRow(k.embeddedRows, row);
        k.embeddedSample ??= d.mask(compact);
        break; // one per cell and kind is enough
      }
    }
  }
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Verdict {
  /**
   * `confirmed`: the column holds values of the kind that pass its test; `plausible`: the
   * header names the kind and values have its form, but fail its check digits; `embedded`:
   * valid values inside free text.
   */
  level: 'confirmed' | 'plausible' | 'embedded';
  kind: KindEvidence;
  confidence: Confidence;
  rows: number[];
  sample: string;
}

/**
 * What the evidence of one kind in one column amounts to. A shape alone never confirms: the
 * values must pass the kind's test, in half of the sample when the header names the kind,
 * in 80% (and at least 3 values, or all of a tiny sample) otherwise.
 */
export function assess(ev: ColumnEvidence, k: KindEvidence): Verdict | undefined {
  const n = ev.sampled;
  const named = kindsNamedBy(ev.column.category).includes(k.kind);
  if (n > 0 && k.valid > 0) {
    const confirmed = named ? k.valid >= 0.5 * n : k.valid >= Math.min(3, n) && k.valid >= 0.8 * n;
    if (confirmed) {
      const confidence: Confidence = named && k.valid >= 0.8 * n ? 'high' : 'medium';
      return { level: 'confirmed', kind: k, confidence, rows: k.validRows, sample: k.validSample! };
    }
  }
  if (named && k.detector.checkDigits && k.shaped >= 0.5 * n && k.shapedSample) {
    return { level: 'plausible', kind: k, confidence: 'low', rows: k.shapedRows, sample: k.shapedSample };
  }
  if (ev.freeText && k.embedded > 0) {
    return { level: 'embedded', kind: k, confidence: 'medium', rows: k.embeddedRows, sample: k.embeddedSample! };
  }
  return undefined;
}

/** The strongest verdict among `kinds` for a column (confirmed > plausible > embedded, then counts). */
export function strongestVerdict(ev: ColumnEvidence, kinds?: readonly ValueKind[]): Verdict | undefined {
  const rank = { confirmed: 3, plausible: 2, embedded: 1 } as const;
  let best: Verdict | undefined;
  for (const k of ev.kinds.values()) {
    if (kinds && !kinds.includes(k.kind)) continue;
    const v = assess(ev, k);
    if (!v) continue;
    if (!best || rank[v.level] > rank[best.level] || (rank[v.level] === rank[best.level] && k.valid + k.embedded > best.kind.valid + best.kind.embedded)) best = v;
  }
  return best;
}
