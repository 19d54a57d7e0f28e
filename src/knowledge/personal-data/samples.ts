/**
 * Bounded samples of the first values of some columns: how many have an expected shape (names
 * that look like names, birth dates that are dates), and which name a special category.
 */
import { cellAt, type RecordCells } from '../../model/index.js';
import type { HeaderCategory } from './headers.js';
import { maskDate, maskName, maskText } from './masking.js';
import { namesNoCategory, specialCategoryOfValue, type SpecialCategory } from './special-categories.js';
import type { ColumnRole } from './table-profile.js';
import { looksLikeFullDate, looksLikePersonName, looksLikeStreetAddress } from './value-shapes.js';

/** The columns to sample (by header category) and the shape their values should have. */
export interface ShapeSpec {
  categories: readonly HeaderCategory[];
  test: (value: string) => boolean;
  mask: (value: string) => string;
}

export interface PersonColumnKind extends ShapeSpec {
  /** What the values are, in findings (`person name`). */
  kind: string;
}

/**
 * Columns that name people in person-level files, with the value shape that confirms them: one
 * source for person-name-column, birth-date-column, address-column and metadata-contradiction.
 */
export const PERSON_COLUMNS = {
  names: { categories: ['first-name', 'last-name', 'full-name', 'name'], kind: 'person name', test: looksLikePersonName, mask: maskName },
  birthDates: { categories: ['birth-date'], kind: 'birth date', test: looksLikeFullDate, mask: maskDate },
  addresses: { categories: ['address'], kind: 'home address', test: looksLikeStreetAddress, mask: maskText },
} satisfies Record<string, PersonColumnKind>;

export interface ShapeTally {
  sampled: number;
  matching: number;
  rows: number[];
  /** Masked rendering of the first matching value. */
  sample?: string;
}

/** Most sampled values (at least half) have the expected shape. */
export const mostlyMatching = (t: ShapeTally) => t.sampled > 0 && t.matching >= 0.5 * t.sampled;

/**
 * For a few columns, how many of the first `size` non-empty values have an expected shape,
 * with example rows and one masked sample. Bounded: counters only.
 */
export class ShapeSample {
  private readonly tallies = new Map<number, ShapeTally>();
  /** Every column has its sample: later rows cost nothing. */
  private full = false;

  constructor(
    columns: readonly ColumnRole[],
    private readonly test: (value: string) => boolean,
    private readonly mask: (value: string) => string,
    private readonly size: number,
  ) {
    for (const c of columns) this.tallies.set(c.index, { sampled: 0, matching: 0, rows: [] });
  }

  row(cells: RecordCells, row: number): void {
    if (this.full) return;
    let open = false;
    for (const [index, t] of this.tallies) {
      if (t.sampled >= this.size) continue;
      open = true;
      const value = cellAt(cells, index)?.trim();
      if (!value) continue;
      t.sampled++;
      if (!this.test(value)) continue;
      t.matching++;
      if (t.rows.length < 5) t.rows.push(row);
      t.sample ??= this.mask(value);
    }
    this.full = !open;
  }

  get(column: ColumnRole): ShapeTally {
    return this.tallies.get(column.index) ?? { sampled: 0, matching: 0, rows: [] };
  }

  /** Every column has its sample: later rows change nothing. */
  get done(): boolean {
    return this.full;
  }
}

interface SpecialValues {
  sampled: number;
  matches: number;
  categories: Set<SpecialCategory>;
  distinct: Set<string>;
  rows: number[];
}

/**
 * Columns whose values name a special category (`musulman`, `homosexuel`, `diabète`): at least
 * two distinct such values in the first `size` rows and in 30% of the values there. Bounded: counters and
 * at most ten distinct values per column.
 */
export class SpecialValueSample {
  private readonly columns: SpecialValues[];
  private seen = 0;
  /**
   * `specialCategoryOfValue` of the values met (null: none), while sampling: columns of codes
   * and names repeat their values. Dropped with the sample done (its keys are cut from the text).
   */
  private known: Map<string, SpecialCategory | null> | undefined = new Map();

  constructor(
    private readonly roles: readonly ColumnRole[],
    private readonly size: number,
  ) {
    this.columns = roles.map(() => ({ sampled: 0, matches: 0, categories: new Set(), distinct: new Set(), rows: [] }));
  }

  /** The first `size` rows are read: later rows change nothing. */
  get done(): boolean {
    return this.seen >= this.size;
  }

  row(cells: RecordCells, row: number): void {
    if (this.seen >= this.size) return; // every column has at most `size` values sampled by now
    if (++this.seen === this.size) this.known = undefined;
    this.roles.forEach((role, i) => {
      const c = this.columns[i]!;
      const value = cellAt(cells, role.index)?.trim();
      if (!value) return;
      c.sampled++;
      const category = this.categoryOf(value);
      if (!category) return;
      c.matches++;
      c.categories.add(category);
      if (c.distinct.size < 10) c.distinct.add(value.toLowerCase());
      if (c.rows.length < 5) c.rows.push(row);
    });
  }

  /** `specialCategoryOfValue(value)`, remembered for values without a digit. */
  private categoryOf(value: string): SpecialCategory | undefined {
    if (namesNoCategory(value)) return undefined;
    const known = this.known;
    if (known === undefined) return specialCategoryOfValue(value);
    let category = known.get(value);
    if (category === undefined) known.set(value, (category = specialCategoryOfValue(value) ?? null));
    return category ?? undefined;
  }

  /** Columns that name special categories in their values, with the first row where one appears. */
  found(): { column: ColumnRole; categories: SpecialCategory[]; row: number }[] {
    return this.roles.flatMap((column, i) => {
      const c = this.columns[i]!;
      const ok = c.distinct.size >= 2 && c.matches >= 0.3 * c.sampled;
      return ok ? [{ column, categories: [...c.categories], row: c.rows[0]! }] : [];
    });
  }
}
