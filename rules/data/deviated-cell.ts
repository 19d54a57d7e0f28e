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
 * One column's cell lengths, in constant memory: a histogram of lengths (for the median), sums (for
 * the standard deviation), and the few cells long enough to ever be reported.
 */
class LengthColumn {
  n = 0;
  private sum = 0;
  private squares = 0;
  private readonly small = new Float64Array(SMALL);
  private readonly large = new Map<number, number>();
  readonly long: { row: number; length: number }[] = [];
  /** Missing values other than the empty cell (which is never counted) are declared: look cells up. */
  readonly missing: boolean;

  constructor(readonly ref: FieldRef) {
    this.missing = [...ref.missing].some((v) => v !== '');
  }

  add(length: number): void {
    this.n++;
    this.sum += length;
    this.squares += length * length;
    if (length < SMALL) this.small[length]!++;
    else this.large.set(length, (this.large.get(length) ?? 0) + 1);
  }

  /** Python's statistics.stdev (sample) of the lengths. */
  stdev(): number {
    return Math.sqrt(Math.max(0, (this.squares - (this.sum * this.sum) / this.n) / (this.n - 1)));
  }

  median(): number {
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
    return this.n % 2 ? at((this.n - 1) / 2) : (at(this.n / 2 - 1) + at(this.n / 2)) / 2;
  }
}

/** A high surrogate: only then does a cell's length in code points differ from its UTF-16 length. */
function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return true;
  }
  return false;
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
    let candidates = 0;
    let partial = false;
    return {
      table(t, dist) {
        table = t;
        columns = tableFields(t.header, dist.schema)
          .filter((ref) => isTextField(ref) && !ignored.has(ref.name))
          .map((ref) => new LengthColumn(ref));
        candidates = 0;
        partial = false;
      },
      row(cells, ctx) {
        if (!ctx.table.header.length && cells.length > columns.length) {
          const known = columns.map((c) => c.ref);
          columns = widenHeaderless(known, ctx.table.header, cells.length).map((ref, i) => columns[i] ?? new LengthColumn(ref));
        }
        for (let i = 0; i < columns.length; i++) {
          const c = columns[i]!;
          const raw = cells[c.ref.column];
          if (!raw || (c.missing && c.ref.missing.has(raw))) continue;
          const length = !ctx.bmp && hasSurrogate(raw) ? codePointLength(raw) : raw.length;
          c.add(length);
          if (length <= MIN_THRESHOLD) continue;
          if (candidates < MAX_CANDIDATES) {
            candidates++;
            c.long.push({ row: ctx.row, length });
          } else partial = true;
        }
      },
      endTable(t) {
        const limit = new FindingLimit(context.options.maxFindings);
        for (const c of columns) {
          if (c.n < 2 || c.long.length === 0) continue;
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
  },
});
