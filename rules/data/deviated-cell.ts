import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { codePointLength, isTextField, tableFields, widenHeaderless, type FieldRef } from '../../src/knowledge/field-checks.js';
import type { TableInfo } from '../../src/model/index.js';

interface Options {
  interval: number;
  ignoreFields: string[];
  maxFindings: number;
}

/** frictionless-py `checks/cell/deviated_cell.py`: a cell is never deviated at this length or below. */
const MIN_THRESHOLD = 5000;
/** Cells longer than MIN_THRESHOLD remembered per table (row and length: 8 bytes each). */
const MAX_CANDIDATES = 100_000;

/** Lengths below this are counted in an array, longer ones in a map. */
const SMALL = 1024;

/**
 * One column's cell lengths, in constant memory: a histogram of lengths (for the median and, at
 * the end, the sums of the standard deviation: a cell costs one increment), and the few cells long
 * enough to ever be reported.
 */
class LengthColumn {
  /** Cells of each length below SMALL (index 0 stays 0: empty cells are not counted); the row loop counts them in place (see `Histograms`). */
  small: Float64Array = new Float64Array(SMALL);
  private readonly large = new Map<number, number>();
  /** Count, sum and sum of squares of the lengths of SMALL and more. */
  private largeN = 0;
  private largeSum = 0;
  private largeSquares = 0;
  readonly long: { row: number; length: number }[] = [];
  /** Missing values other than the empty cell (which is never counted) are declared: look cells up. */
  readonly missing: boolean;

  constructor(readonly ref: FieldRef) {
    this.missing = [...ref.missing].some((v) => v !== '');
  }

  /** Counts a cell of SMALL code points or more. */
  addLarge(length: number): void {
    this.largeN++;
    this.largeSum += length;
    this.largeSquares += length * length;
    this.large.set(length, (this.large.get(length) ?? 0) + 1);
  }

  /** Cells counted. */
  get n(): number {
    let n = this.largeN;
    for (let l = 1; l < SMALL; l++) n += this.small[l]!;
    return n;
  }

  /**
   * Python's statistics.stdev (sample) of the lengths. The sums are of integers, exact below 2^53
   * (the histogram's part always is): the same as summing cell by cell.
   */
  stdev(): number {
    let n = this.largeN;
    let sum = this.largeSum;
    let squares = this.largeSquares;
    for (let l = 1; l < SMALL; l++) {
      const k = this.small[l]!;
      n += k;
      sum += k * l;
      squares += k * l * l;
    }
    return Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1)));
  }

  median(): number {
    const n = this.n;
    const large = [...this.large.keys()].sort((a, b) => a - b);
    /** The k-th smallest length (0-based). */
    const at = (k: number): number => {
      let seen = 0;
      for (let l = 0; l < SMALL; l++) {
        seen += this.small[l]!;
        if (seen > k) return l;
      }
      for (const l of large) {
        seen += this.large.get(l)!;
        if (seen > k) return l;
      }
      return large[large.length - 1] ?? SMALL - 1;
    };
    return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  }
}

/**
 * Where column i's histogram starts in the array of all (`histograms`): SMALL and one cache line,
 * so that the columns' counts of short lengths, used on every row, do not all fall in the same
 * sets of the CPU's cache (a stride of 8 KiB would put them there).
 */
const STRIDE = SMALL + 8;

/**
 * The small-length histograms of a table's columns in one array (column i's at i × STRIDE): the
 * row loop counts a cell with one increment, without going through its column's object.
 */
function histograms(columns: readonly LengthColumn[]): Float64Array {
  const all = new Float64Array(columns.length * STRIDE);
  columns.forEach((c, i) => {
    all.set(c.small, i * STRIDE);
    c.small = all.subarray(i * STRIDE, i * STRIDE + SMALL);
  });
  return all;
}

/** A high surrogate: only then does a cell's length in code points differ from its UTF-16 length. */
function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return true;
  }
  return false;
}

/** The length in code points of `units[from, to)`: its UTF-16 length less one per surrogate pair. */
function codePointLengthUnits(units: Uint16Array, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = units[i]!;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = units[i + 1]!;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/deviated-cell',
    family: 'data',
    description: 'A text cell is far longer than the other cells of its column (over 5000 characters and beyond `interval` standard deviations of the median length).',
    rationale:
      'One huge cell in a column of short ones is usually several records, or a whole document, pasted into one cell by a broken export or a stray quote. ' +
      'Frictionless: `deviated-cell`.',
    severity: 'warning',
    presets: [],
    needsRows: true,
    optionsSchema: {
      properties: {
        interval: { type: 'number', exclusiveMinimum: 0, description: 'How many standard deviations above the median length a cell may be (default 3).' },
        ignoreFields: { type: 'array', items: { type: 'string' }, description: 'Fields not checked (frictionless `ignoreFields`).' },
        ...MAX_FINDINGS_OPTION,
      },
    },
    defaultOptions: { interval: 3, ignoreFields: [], maxFindings: 10 },
    messages: {
      deviated: 'row {{row}}: the cell of "{{field}}" is {{length}} characters long, far longer than the others of its column (threshold {{threshold}})',
      more: '{{count}} more cells have deviated sizes (rows {{firstRow}} to {{lastRow}})',
      partial: 'more than {{max}} cells are longer than {{minimum}} characters: only the first ones were checked',
    },
    equivalents: { frictionless: { deviated: ['deviated-cell'], more: ['deviated-cell'] } },
  },
  create(context) {
    const ignored = new Set(context.options.ignoreFields);
    let table: TableInfo;
    let columns: LengthColumn[] = [];
    /** Per column: its index in the row, whether its cells are looked up in declared missing values; all small-length histograms. */
    let at = new Int32Array(0);
    let missing = new Uint8Array(0);
    let counts: Float64Array = new Float64Array(0);
    let candidates = 0;
    let partial = false;
    const index = () => {
      at = Int32Array.from(columns, (c) => c.ref.column);
      missing = Uint8Array.from(columns, (c) => (c.missing ? 1 : 0));
      counts = histograms(columns);
    };
    return {
      table(t, dist) {
        table = t;
        columns = tableFields(t.header, dist.schema)
          .filter((ref) => isTextField(ref) && !ignored.has(ref.name))
          .map((ref) => new LengthColumn(ref));
        index();
        candidates = 0;
        partial = false;
      },
      row(cells, ctx) {
        if (!ctx.table.header.length && cells.length > columns.length) {
          const known = columns.map((c) => c.ref);
          columns = widenHeaderless(known, ctx.table.header, cells.length).map((ref, i) => columns[i] ?? new LengthColumn(ref));
          index();
        }
        // Lengths of unquoted cells come from where the reader's copy of the record has them.
        const r = ctx.record?.units();
        const known = r === undefined ? 0 : r.known;
        const bmp = ctx.bmp === true;
        for (let i = 0; i < at.length; i++) {
          const column = at[i]!;
          const from = column < known && missing[i] === 0 ? r!.starts[column]! : -1;
          let length: number;
          if (from >= 0) {
            const to = r!.ends[column]!;
            if (from === to) continue;
            length = bmp ? to - from : codePointLengthUnits(r!.units, from, to);
          } else {
            const raw = cells[column];
            if (!raw || (missing[i] === 1 && columns[i]!.ref.missing.has(raw))) continue;
            length = !bmp && hasSurrogate(raw) ? codePointLength(raw) : raw.length;
          }
          if (length < SMALL) {
            counts[i * STRIDE + length]!++;
            continue;
          }
          long(columns[i]!, length, ctx.row);
        }
      },
      endTable(t) {
        const limit = new FindingLimit(context.options.maxFindings);
        for (const c of columns) {
          if (c.long.length === 0 || c.n < 2) continue;
          const threshold = Math.max(MIN_THRESHOLD, c.median() + c.stdev() * context.options.interval);
          for (const { row, length } of c.long) {
            if (length <= threshold || !limit.take(row)) continue;
            context.report({ messageId: 'deviated', data: { row, field: c.ref.name, length, threshold: Math.round(threshold) }, location: { file: table.path, row, field: c.ref.name } });
          }
        }
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
        if (partial) context.report({ messageId: 'partial', data: { max: MAX_CANDIDATES, minimum: MIN_THRESHOLD }, location: { file: t.path } });
      },
    };

    /** Counts a cell of SMALL code points or more, and keeps it when it is long enough to be reported. */
    function long(c: LengthColumn, length: number, row: number): void {
      c.addLarge(length);
      if (length <= MIN_THRESHOLD) return;
      if (candidates < MAX_CANDIDATES) {
        candidates++;
        c.long.push({ row, length });
      } else partial = true;
    }
  },
});
