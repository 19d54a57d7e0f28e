/**
 * Sex-dimension and person-count detection for one data table, fed row by row in one pass with
 * bounded memory: per column, at most `MAX_DISTINCT` distinct values (with the row each first
 * appeared on) and two counters. Pure: no I/O, no engine.
 */
import { trimCell, type RecordUnits, type TableInfo } from '../../model/index.js';
import { DistinctValues } from '../../util/distinct-values.js';
import { classifyValues, isSexCode, sexesOf, type SexCategory } from './schemes.js';
import { sexHeader, headerSide, personCountTerm, schoolLevelTerm, genericCountTerm, personAttribute, type HeaderSide } from './headers.js';
import { isCount, isMeasure, keptByTrim, measureKindUnits } from './text.js';
import { mayBeWide, sexKeySide, wideSides, type WideLayout } from './wide-layout.js';

/** Distinct values kept per column; a sex column has a handful, so more means "not one". */
export const MAX_DISTINCT = 50;
/** Columns examined per table (a sex dimension is never column 1001). */
export const MAX_COLUMNS = 1000;
/** Rows searched for a header when the reader's header row is blank (e.g. a line of commas). */
const HEADER_SEARCH_ROWS = 5;
/** Share of non-empty cells that must be whole counts for a column to be a count measure. */
const COUNT_SHARE = 0.9;

export interface SexColumn {
  column: string;
  /** Scheme id (schemes.ts), `mixed` (several schemes), `unrecognised` (a sex header, unknown codes). */
  scheme: string;
  /** Human name of the scheme(s). */
  schemeLabel: string;
  /** What identified the column: its header, its values, or both. */
  basis: 'header' | 'values' | 'header+values';
  /** Distinct values (as written, at most MAX_DISTINCT) and what each stands for. */
  values: { value: string; category?: SexCategory; firstRow: number }[];
  /** For `mixed`: the values attributed to each scheme, dominant scheme first. */
  mixedSchemes?: { scheme: string; label: string; values: string[] }[];
}

/** Wide layout: separate measure columns for men and women ("Hommes", "Femmes", "Total"). */
export interface SexColumnGroup {
  male: string[];
  female: string[];
  total: string[];
  /** How the headers say which sex each column is about (wide-layout.ts), in column order. */
  layouts: WideLayout[];
}

export interface PersonCount {
  column: string;
  /** The word that says people are counted ("élèves", "maternelle", "Nombre"...). */
  term: string;
  /** `header`: the measure's header; `row-label`: a label in the first column of a transposed
   * table; `dimension`: a generic count in a table whose dimensions describe people. */
  basis: 'header' | 'row-label' | 'dimension';
  /** For `row-label`: the row of the first such label. */
  row?: number;
}

export interface PersonAttribute {
  column: string;
  kind: string;
}

export interface TableGender {
  /** Absolute path (for finding locations) and display path (for reports). */
  path: string;
  file: string;
  /** Spreadsheets: the sheet the table is. */
  sheet?: string;
  /** Row of the header actually used (0: none). */
  headerRow: number;
  sexColumns: SexColumn[];
  /** Present when some measure column is about one sex. */
  sexColumnGroup?: SexColumnGroup;
  personCounts: PersonCount[];
  personAttributes: PersonAttribute[];
  /** A sex column, or measure columns for both men and women. */
  sexDimension: boolean;
  /** Any sign that the data count or describe people. */
  concernsIndividuals: boolean;
  /** `person-counts`: aggregated counts of people; `person-level`: one row per person (no count measure). */
  unit?: 'person-counts' | 'person-level';
}

/** What `finish` reads of a column with a non-empty cell. */
export interface ColumnState {
  /** Trimmed values, with the row each first appeared on (`firstRows`), up to MAX_DISTINCT. */
  values: DistinctValues;
  /** A value came past MAX_DISTINCT. */
  overflow: boolean;
  nonEmpty: number;
  counts: number;
  /** Cells that are numbers or a statistical missing-value mark (rates, shares, counts). */
  measures: number;
}

/**
 * The per-column tallies `row` keeps, one typed array per tally indexed by column: a cell costs a
 * few array reads and writes (this runs on every cell of a strict run), not an object's fields.
 */
class ColumnTallies {
  nonEmpty = new Float64Array(16);
  measures = new Float64Array(16);
  counts = new Float64Array(16);
  /** 1 once a value came past MAX_DISTINCT (the column's values then stay as they are). */
  overflow = new Uint8Array(16);
  /** 1 once nothing `finish` reads of the column can change (see `TableDetector.retire`): its cells are skipped. */
  done = new Uint8Array(16);
  /** Columns `[0, doneBelow)` are all done: a row no wider is skipped whole. */
  doneBelow = 0;
  /** Made at a column's first non-empty cell. */
  readonly values: DistinctValues[] = [];
  /** Columns up to the last one with a non-empty cell. */
  width = 0;
  /** The first column with a non-empty cell (the one `rowLabelCount` reads the values of). */
  first = Infinity;

  /** Room for `n` columns. */
  reserve(n: number): void {
    if (n <= this.nonEmpty.length) return;
    const size = Math.max(n, this.nonEmpty.length * 2);
    const grown = <T extends Float64Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.nonEmpty = grown(this.nonEmpty, (k) => new Float64Array(k));
    this.measures = grown(this.measures, (k) => new Float64Array(k));
    this.counts = grown(this.counts, (k) => new Float64Array(k));
    this.overflow = grown(this.overflow, (k) => new Uint8Array(k));
    this.done = grown(this.done, (k) => new Uint8Array(k));
  }

  /** Column `i`'s first non-empty cell. */
  open(i: number): void {
    this.values[i] = new DistinctValues(MAX_DISTINCT, Infinity);
    if (i >= this.width) this.width = i + 1;
    if (i < this.first) this.first = i;
  }

  /** Column `i` as `finish` reads it; undefined when it had no non-empty cell. */
  state(i: number): ColumnState | undefined {
    if (!(this.nonEmpty[i]! > 0)) return undefined;
    return { values: this.values[i]!, overflow: this.overflow[i] === 1, nonEmpty: this.nonEmpty[i]!, counts: this.counts[i]!, measures: this.measures[i]! };
  }
}

/** A column's values → the row each first appeared on, in that order. */
function firstRows(col: ColumnState): Map<string, number> {
  return new Map([...col.values.tallies()].map(([value, t]) => [value, t.firstRow]));
}

export class TableDetector {
  private header: string[];
  private headerRow: number;
  private searchingHeader: boolean;
  /** The header is a line of "Hommes"/"Femmes" spanning sub-columns: the next line names them. */
  private expectingSubHeader: boolean;
  /** Columns whose name was composed from a spanning cell of a two-row header. */
  private readonly spanned = new Set<number>();
  private readonly tallies = new ColumnTallies();
  /** The columns' tallies as `finish` reads them (undefined: no non-empty cell). */
  private columns: (ColumnState | undefined)[] = [];

  /** Per column, whether the final header names sex (`sexHeader` = `sex`), once asked. */
  private readonly sexHeaded: (boolean | undefined)[] = [];
  /** Per column, whether `finish` may read its measure and count tallies judging by the final header alone, once asked. */
  private readonly headerReadsTallies: (boolean | undefined)[] = [];
  /** Whether some final header may put its column in a wide layout (`mayBeWide`), once asked. */
  private wideHeaders: boolean | undefined;
  /** Whether `rowLabelCount` may still find a label (false: it reads no column's tallies). */
  private rowLabelPossible = true;

  constructor(
    private readonly table: TableInfo,
    /** False: every column keeps its values to MAX_DISTINCT (see `settle`; the tests compare the two). */
    private readonly settleColumns = true,
  ) {
    this.header = table.header.slice(0, MAX_COLUMNS);
    this.headerRow = table.headerRow;
    // A blank first line ("  ,,,,") is no header: the real one is usually on the next line.
    this.searchingHeader = this.header.length > 0 && this.header.every((h) => h.trim() === '');
    this.expectingSubHeader = !this.searchingHeader && isSpanningSexRow(this.header);
  }

  /** Whether a row of `width` cells has a cell `row` reads (false: every column it reaches is done). */
  wantsRow(width: number): boolean {
    return Math.min(width, MAX_COLUMNS) > this.tallies.doneBelow;
  }

  /** `units`: the record as UTF-16 units (the CSV reader's copy), read instead of the cells it covers. */
  row(cells: readonly string[], row: number, units?: RecordUnits): void {
    if (this.searchingHeader) {
      if (row - this.headerRow > HEADER_SEARCH_ROWS) this.searchingHeader = false;
      else if (cells.filter((c) => c.trim() !== '').length * 2 >= cells.length) {
        this.header = cells.slice(0, MAX_COLUMNS).map((c) => c.trim());
        this.headerRow = row;
        this.searchingHeader = false;
        this.expectingSubHeader = isSpanningSexRow(this.header);
        return;
      }
    }
    if (this.expectingSubHeader) {
      this.expectingSubHeader = false;
      if (this.takeSubHeader(cells, row)) return;
    }
    const n = Math.min(cells.length, MAX_COLUMNS);
    const t = this.tallies;
    if (n <= t.doneBelow) return;
    t.reserve(n);
    let i = 0;
    if (units) {
      const { units: u, starts, ends } = units;
      const { nonEmpty, measures, counts, overflow, values, done } = t;
      for (const known = Math.min(n, units.known); i < known; i++) {
        if (done[i] === 1) continue;
        const from = starts[i]!;
        const to = ends[i]!;
        // A cell the reader's copy does not hold (RecordUnits: none of the CSV tokenizer's): read from its string.
        if (from < 0) {
          this.cell(i, cells[i]!, row);
          continue;
        }
        if (to === from) continue;
        // A cell that starts and ends with characters `trim()` keeps is its own trimmed value: its units are read.
        if (!keptByTrim(u[from]!) || !keptByTrim(u[to - 1]!)) {
          this.cell(i, cells[i]!, row);
          continue;
        }
        if (nonEmpty[i]++ === 0) t.open(i);
        const kind = measureKindUnits(u, from, to, cells[i]!);
        if (kind > 0) {
          measures[i]++;
          if (kind > 1) counts[i]++;
        }
        if (overflow[i] === 0) {
          const known = values[i]!.size;
          if (!values[i]!.addUnits(u, from, to, row)) this.overflowed(i);
          else if (values[i]!.size > known) this.settle(i, cells[i]!);
        }
      }
    }
    for (; i < n; i++) if (t.done[i] === 0) this.cell(i, cells[i]!, row);
  }

  /** Tallies cell `raw` of column `i` from its string. */
  private cell(i: number, raw: string, row: number): void {
    const cell = trimCell(raw);
    if (cell === '') return;
    const t = this.tallies;
    if (t.nonEmpty[i]++ === 0) t.open(i);
    // Every count is a measure (text.ts): a cell that is no measure is not tested for a count.
    if (isMeasure(cell)) {
      t.measures[i]++;
      if (isCount(cell)) t.counts[i]++;
    }
    if (t.overflow[i] === 0) {
      const known = t.values[i]!.size;
      if (!t.values[i]!.addString(cell, row)) this.overflowed(i);
      else if (t.values[i]!.size > known) this.settle(i, cell);
    }
  }

  /** Column `i` keeps no more values: it may be done, and if it is the first column, `rowLabelCount` may be ruled out. */
  private overflowed(i: number): void {
    this.tallies.overflow[i] = 1;
    if (i === 0 && this.rowLabelPossible && this.headerFinal()) this.ruleOutRowLabel();
    this.retire(i);
  }

  private headerFinal(): boolean {
    return this.settleColumns && !this.searchingHeader && !this.expectingSubHeader;
  }

  /**
   * Column 0 — the first column with a value for good, none can come before it — keeps no more
   * values and holds no label `rowLabelCount` looks for: it finds none whatever the counts, so no
   * column's tallies are read for it again. Every column then done is retired.
   */
  private ruleOutRowLabel(): void {
    const t = this.tallies;
    for (const label of t.values[0]!.tallies().keys()) if (personCountTerm(label) ?? schoolLevelTerm(label)) return;
    this.rowLabelPossible = false;
    for (let i = 0; i < t.width; i++) this.retire(i);
  }

  /**
   * Column `i` is done when nothing `finish` reads of it can change: it has a value, keeps no more
   * (`overflow`), and its measure and count tallies are read neither for its header (a count term,
   * a person attribute, a wide layout: `headerReadsTallies`) nor by `rowLabelCount`. Its cells are
   * then skipped; `column(i)` keeps the tallies as they were. Only with the header final.
   */
  private retire(i: number): void {
    const t = this.tallies;
    if (this.rowLabelPossible || t.overflow[i] === 0 || !(t.nonEmpty[i]! > 0) || !this.headerFinal()) return;
    this.wideHeaders ??= this.header.some((h) => mayBeWide(h.trim()));
    if (this.wideHeaders || (this.headerReadsTallies[i] ??= readsTallies(this.header[i]?.trim() ?? ''))) return;
    t.done[i] = 1;
    while (t.doneBelow < t.width && t.done[t.doneBelow] === 1) t.doneBelow++;
  }

  /**
   * At a new value of column `i`: a column that can no longer be a sex column stops keeping values,
   * as one past MAX_DISTINCT does (its `overflow` set). That is when its value is no code of any
   * scheme (`classifyValues` then says `none`), its header does not name sex (an unrecognised
   * column is then none: `sexColumn`), and an earlier column has a value (so it is not the first
   * column, whose values `rowLabelCount` reads) — with the header final (no header search or
   * sub-header to come). Most text columns settle at their first value; a column of sex codes
   * keeps its values.
   */
  private settle(i: number, value: string): void {
    if (!this.settleColumns || this.searchingHeader || this.expectingSubHeader || this.tallies.first >= i) return;
    const named = (this.sexHeaded[i] ??= sexHeader(this.header[i]?.trim() ?? '') === 'sex');
    if (!named && !isSexCode(value)) this.overflowed(i);
  }

  /** Column `i`'s tallies so far; undefined when it had no non-empty cell. */
  column(i: number): Readonly<ColumnState> | undefined {
    return this.tallies.state(i);
  }

  finish(): TableGender {
    this.columns = Array.from({ length: this.tallies.width }, (_, i) => this.tallies.state(i));
    const names = Array.from({ length: Math.max(this.header.length, this.columns.length) }, (_, i) => this.header[i]?.trim() || String(i + 1));
    const isCountColumn = (i: number) => {
      const c = this.columns[i];
      return !!c && c.nonEmpty > 0 && c.counts >= c.nonEmpty * COUNT_SHARE;
    };

    const sexColumns: SexColumn[] = [];
    const personAttributes: PersonAttribute[] = [];
    const personCounts: PersonCount[] = [];
    const genericCounts: PersonCount[] = [];
    const isMeasureColumn = (i: number) => {
      const c = this.columns[i];
      return !!c && c.nonEmpty > 0 && c.measures >= c.nonEmpty * COUNT_SHARE;
    };

    const sexOf = new Map<number, SexColumn>();
    names.forEach((name, i) => {
      const col = this.columns[i];
      const sex = col && sexColumn(name, this.header[i]?.trim() ?? '', col);
      if (sex) sexOf.set(i, sex);
    });
    const wide = wideSides(
      names.flatMap((_, i) => {
        const header = this.header[i]?.trim() ?? '';
        return header && !sexOf.has(i) && isMeasureColumn(i) ? [{ index: i, header, count: isCountColumn(i), spanned: this.spanned.has(i) }] : [];
      }),
    );
    const sideOf = new Map(wide.map((w) => [w.index, w.side]));
    const sides: Record<HeaderSide, string[]> = { male: [], female: [], total: [] };
    for (const w of wide) sides[w.side].push(names[w.index]!);

    names.forEach((name, i) => {
      const col = this.columns[i];
      const header = this.header[i]?.trim() ?? '';
      const sex = sexOf.get(i);
      if (sex) return void sexColumns.push(sex);
      if (isCountColumn(i)) {
        const measure = countMeasure(name, header, sideOf.get(i));
        if (measure) (measure.basis === 'dimension' ? genericCounts : personCounts).push(measure);
        return;
      }
      const kind = header ? personAttribute(header) : undefined;
      if (kind && col) personAttributes.push({ column: name, kind });
    });

    const rowLabel = this.rowLabelCount(names, isCountColumn);
    if (rowLabel) personCounts.push(rowLabel);
    const describesPeople = sexColumns.length > 0 || personAttributes.length > 0;
    if (describesPeople) personCounts.push(...genericCounts);

    const oneSex = sides.male.length > 0 || sides.female.length > 0;
    const sexDimension = sexColumns.length > 0 || (sides.male.length > 0 && sides.female.length > 0);
    const concernsIndividuals = sexDimension || oneSex || personCounts.length > 0 || describesPeople;
    return {
      path: this.table.path,
      file: this.table.file,
      ...(this.table.sheet !== undefined ? { sheet: this.table.sheet } : {}),
      headerRow: this.headerRow,
      sexColumns,
      ...(oneSex ? { sexColumnGroup: { ...sides, layouts: [...new Set(wide.map((w) => w.layout))] } } : {}),
      personCounts,
      personAttributes,
      sexDimension,
      concernsIndividuals,
      ...(personCounts.length ? { unit: 'person-counts' as const } : describesPeople ? { unit: 'person-level' as const } : {}),
    };
  }

  /**
   * The line under a spanning "Hommes ,, Femmes ," line, when it names the sub-columns: the same
   * labels under the men's and the women's cells ("2023, 2024" under each), which a data line
   * hardly ever repeats. Each column is then named "group / sub-column" ("Hommes / 2023"), the
   * group being the nearest filled cell to its left from the first sex cell on.
   */
  private takeSubHeader(cells: readonly string[], row: number): boolean {
    const sub = cells.slice(0, MAX_COLUMNS).map((c) => c.trim());
    const first = this.header.findIndex(isSexGroup);
    const width = Math.max(sub.length, this.header.length);
    const groups: { side: string | undefined; labels: string[]; columns: number[] }[] = [];
    for (let i = first; i < width; i++) {
      const above = this.header[i]?.trim() ?? '';
      if (above || groups.length === 0) groups.push({ side: above ? headerSide(above) : undefined, labels: [], columns: [] });
      groups.at(-1)!.labels.push(sub[i] ?? '');
      groups.at(-1)!.columns.push(i);
    }
    const key = (g: { labels: string[] }) => g.labels.join('\u0000');
    const male = groups.filter((g) => g.side === 'male' && g.labels.length > 1 && g.labels.every((l) => l !== ''));
    if (!male.some((m) => groups.some((g) => g.side === 'female' && key(g) === key(m)))) return false;

    const composed = Array.from({ length: width }, (_, i) => this.header[i]?.trim() || sub[i] || '');
    for (const g of groups) {
      const name = this.header[g.columns[0]!]?.trim() ?? '';
      g.columns.forEach((i, j) => {
        composed[i] = name && g.labels[j] ? `${name} / ${g.labels[j]}` : name || g.labels[j] || '';
        if (name) this.spanned.add(i);
      });
    }
    this.header = composed;
    this.headerRow = row;
    return true;
  }

  /**
   * A transposed table: the first column holds labels such as "maternelle" or "population",
   * every other filled column holds counts. Then each row counts people.
   */
  private rowLabelCount(names: string[], isCountColumn: (i: number) => boolean): PersonCount | undefined {
    const first = this.columns.findIndex((c) => c && c.nonEmpty > 0);
    if (first < 0 || isCountColumn(first)) return undefined;
    const others = [...this.columns.keys()].filter((i) => i !== first && (this.columns[i]?.nonEmpty ?? 0) > 0);
    if (others.length === 0 || !others.every(isCountColumn)) return undefined;
    for (const [label, row] of firstRows(this.columns[first]!)) {
      const term = personCountTerm(label) ?? schoolLevelTerm(label);
      if (term) return { column: names[first]!, term, basis: 'row-label', row };
    }
    return undefined;
  }
}

/** A header cell that names one sex or the total ("Hommes", "Vrouwen", "Total"). */
const isSexGroup = (cell: string) => cell.trim() !== '' && headerSide(cell) !== undefined;

/**
 * A header line of spanning group cells: cells for women and for men, and some blank cell after
 * the first of them (the sub-columns they span).
 */
function isSpanningSexRow(header: readonly string[]): boolean {
  const first = header.findIndex(isSexGroup);
  if (first < 0) return false;
  const sides = new Set(header.map((h) => (h.trim() ? headerSide(h) : undefined)));
  return sides.has('male') && sides.has('female') && header.slice(first).some((h) => h.trim() === '');
}

/**
 * Whether `finish` may read the measure and count tallies of a column with this (trimmed, final)
 * header, the wide layout aside: `countMeasure` finds a term in it, or it names a person attribute
 * (which a count column is not).
 */
function readsTallies(header: string): boolean {
  if (!header) return false;
  return (personCountTerm(header) ?? schoolLevelTerm(header) ?? genericCountTerm(header) ?? personAttribute(header)) !== undefined;
}

/** What a count column counts, judging by its header: people, one sex, or something generic. */
function countMeasure(column: string, header: string, side: HeaderSide | undefined): PersonCount | undefined {
  if (!header) return undefined;
  const term = personCountTerm(header) ?? schoolLevelTerm(header);
  if (term) return { column, term, basis: 'header' };
  if (side === 'male' || side === 'female') return { column, term: side === 'male' ? 'men' : 'women', basis: 'header' };
  const generic = genericCountTerm(header);
  return generic ? { column, term: generic, basis: 'dimension' } : undefined;
}

/**
 * Whether a column is a sex dimension. A header naming sex is enough (the codes may still be
 * unrecognised, unless the column is numeric: "sex ratio"); an ambiguous header (`genre`) needs
 * values that fit a scheme; without a header hint, values must fit a word or letter scheme and
 * hold both sexes — numbers alone (1/2) never make a sex column.
 */
function sexColumn(name: string, header: string, col: ColumnState): SexColumn | undefined {
  if (col.overflow || col.values.size === 0) return undefined;
  const hint = header ? sexHeader(header) : undefined;
  if (hint && sexKeySide(header)) return undefined; // "SEX=F": one sex's measure
  const entries = [...firstRows(col)];
  const c = classifyValues(entries.map(([v]) => v));
  const values = (cats?: Map<string, SexCategory>) => entries.map(([value, firstRow]) => ({ value, firstRow, ...(cats?.get(value) ? { category: cats.get(value)! } : {}) }));

  if (c.kind === 'none') {
    const numeric = entries.every(([v]) => /^[-+]?\d+(?:[.,]\d+)?\s*%?$/.test(v));
    if (hint !== 'sex' || numeric) return undefined;
    return { column: name, scheme: 'unrecognised', schemeLabel: 'unrecognised codes', basis: 'header', values: values() };
  }
  const bothSexes = sexesOf(c.categories.values()).size === 2;
  const strengths = c.kind === 'scheme' ? [c.scheme.strength] : c.schemes.map((s) => s.strength);
  const cbsTotal = c.kind === 'scheme' && c.scheme.id === 'cbs' && c.categories.get('T001038') === 'total';
  if (!hint && !(bothSexes && (strengths.every((s) => s !== 'numeric') || cbsTotal))) return undefined;

  const basis = hint ? 'header+values' : 'values';
  if (c.kind === 'scheme') return { column: name, scheme: c.scheme.id, schemeLabel: c.scheme.label, basis, values: values(c.categories) };
  return {
    column: name,
    scheme: 'mixed',
    schemeLabel: c.schemes.map((s) => s.label).join(' + '),
    basis,
    values: values(c.categories),
    mixedSchemes: c.schemes.map((s) => ({ scheme: s.id, label: s.label, values: c.valuesByScheme.get(s.id) ?? [] })),
  };
}
