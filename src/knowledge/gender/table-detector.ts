/**
 * Sex-dimension and person-count detection for one data table, fed row by row in one pass with
 * bounded memory: per column, at most `MAX_DISTINCT` distinct values (with the row each first
 * appeared on) and two counters. Pure: no I/O, no engine.
 */
import { trimCell, type RecordUnits, type TableInfo } from '../../model/index.js';
import { DistinctValues } from '../../util/distinct-values.js';
import { classifyValues, sexesOf, type SexCategory } from './schemes.js';
import { sexHeader, headerSide, personCountTerm, schoolLevelTerm, genericCountTerm, personAttribute, type HeaderSide } from './headers.js';
import { isCount, isMeasure, measureKindUnits } from './text.js';
import { sexKeySide, wideSides, type WideLayout } from './wide-layout.js';

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

interface ColumnState {
  /** Trimmed values, with the row each first appeared on (`firstRows`), up to MAX_DISTINCT. */
  values: DistinctValues;
  /** A value came past MAX_DISTINCT. */
  overflow: boolean;
  nonEmpty: number;
  counts: number;
  /** Cells that are numbers or a statistical missing-value mark (rates, shares, counts). */
  measures: number;
}

const newColumn = (): ColumnState => ({ values: new DistinctValues(MAX_DISTINCT, Infinity), overflow: false, nonEmpty: 0, counts: 0, measures: 0 });

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
  private readonly columns: ColumnState[] = [];

  constructor(private readonly table: TableInfo) {
    this.header = table.header.slice(0, MAX_COLUMNS);
    this.headerRow = table.headerRow;
    // A blank first line ("  ,,,,") is no header: the real one is usually on the next line.
    this.searchingHeader = this.header.length > 0 && this.header.every((h) => h.trim() === '');
    this.expectingSubHeader = !this.searchingHeader && isSpanningSexRow(this.header);
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
    const known = units ? Math.min(n, units.known) : 0;
    for (let i = 0; i < n; i++) {
      const from = i < known ? units!.starts[i]! : -1;
      if (from >= 0) {
        // A cell that starts and ends with printable ASCII is its own trimmed value: its units are read.
        const { units: u, ends } = units!;
        const to = ends[i]!;
        if (to === from) continue;
        const a = u[from]!;
        const b = u[to - 1]!;
        if (a > 32 && a < 127 && b > 32 && b < 127) {
          const col = (this.columns[i] ??= newColumn());
          col.nonEmpty++;
          const kind = measureKindUnits(u, from, to, cells[i]!);
          if (kind > 0) col.measures++;
          if (kind > 1) col.counts++;
          if (!col.overflow && !col.values.addUnits(u, from, to, row)) col.overflow = true;
          continue;
        }
      }
      const cell = trimCell(cells[i]!);
      if (cell === '') continue;
      const col = (this.columns[i] ??= newColumn());
      col.nonEmpty++;
      // Every count is a measure (text.ts): a cell that is no measure is not tested for a count.
      if (isMeasure(cell)) {
        col.measures++;
        if (isCount(cell)) col.counts++;
      }
      if (!col.overflow && !col.values.addString(cell, row)) col.overflow = true;
    }
  }

  finish(): TableGender {
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
