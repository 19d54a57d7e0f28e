import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { isTextField, tableFields, widenHeaderless, type FieldRef } from '../../src/knowledge/field-checks.js';
import { cellLength, CellLengths, codePointLengthUnits, LENGTH_STRIDE, LONG_CELL, MAX_LONG_CELLS, SMALL_LENGTH } from '../../src/knowledge/cell-lengths.js';
import { cellAt, csvSummaryFacts, csvTableFacts, type CellLengthFacts, type TableInfo } from '../../src/model/index.js';

interface Options {
  interval: number;
  ignoreFields: string[];
  maxFindings: number;
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
    readsRecord: true,
    needsCellLengths: true,
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
    /** The fields checked (text, not ignored); the i-th one's lengths are column i of `lengths`. */
    let fields: FieldRef[] = [];
    /** Per field: its index in the row, whether its cells are looked up in declared missing values. */
    let at = new Int32Array(0);
    let missing = new Uint8Array(0);
    let lengths = new CellLengths(0);
    /** The reader counts the lengths of this table's cells in its profile: no row hook (see `readerCounts`). */
    let fromReader = false;
    const index = () => {
      at = Int32Array.from(fields, (f) => f.column);
      missing = Uint8Array.from(fields, (f) => ([...f.missing].some((v) => v !== '') ? 1 : 0));
      lengths.grow(fields.length);
    };
    return {
      table(t, dist) {
        table = t;
        fields = tableFields(t.header, dist.schema).filter((ref) => isTextField(ref) && !ignored.has(ref.name));
        fromReader = readerCounts(t, fields);
        if (fromReader) return false;
        lengths = new CellLengths(fields.length);
        index();
      },
      row(_, ctx) {
        const record = ctx.record!;
        if (!ctx.table.header.length && record.width > fields.length) {
          fields = widenHeaderless(fields, ctx.table.header, record.width);
          index();
        }
        // Lengths of unquoted cells come from where the reader's copy of the record has them.
        const r = record.units();
        const known = r.known;
        const bmp = ctx.bmp === true;
        const counts = lengths.counts;
        for (let i = 0; i < at.length; i++) {
          const column = at[i]!;
          const from = column < known && missing[i] === 0 ? r.starts[column]! : -1;
          let length: number;
          if (from >= 0) {
            const to = r.ends[column]!;
            if (from === to) continue;
            length = bmp ? to - from : codePointLengthUnits(r.units, from, to);
          } else {
            const raw = cellAt(record, column);
            if (!raw || (missing[i] === 1 && fields[i]!.missing.has(raw))) continue;
            length = cellLength(raw, bmp);
          }
          if (length < SMALL_LENGTH) counts[i * LENGTH_STRIDE + length]!++;
          else lengths.addLarge(i, length, ctx.row);
        }
      },
      endTable(t, summary) {
        const counted: CellLengthFacts | undefined = fromReader ? csvSummaryFacts(summary)?.cellLengths : lengths;
        if (!counted) return;
        const limit = new FindingLimit(context.options.maxFindings);
        fields.forEach((ref, i) => {
          if (counted.long[i]!.length === 0 || counted.n(i) < 2) return;
          const threshold = Math.max(LONG_CELL, counted.median(i) + counted.stdev(i) * context.options.interval);
          for (const { row, length } of counted.long[i]!) {
            if (length <= threshold || !limit.take(row)) continue;
            context.report({ messageId: 'deviated', data: { row, field: ref.name, length, threshold: Math.round(threshold) }, location: { file: table.path, row, field: ref.name } });
          }
        });
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
        if (counted.partial) context.report({ messageId: 'partial', data: { max: MAX_LONG_CELLS, minimum: LONG_CELL }, location: { file: t.path } });
      },
    };
  },
});

/**
 * Whether the CSV reader counts this table's cell lengths as the rule would (`CsvTableFacts.cellLengths`):
 * when the fields checked are every column of the header in order, none with a missing value
 * other than the empty cell — a table without a schema, nothing ignored. Its long cells are then
 * kept in the same order, up to the same limit.
 */
function readerCounts(t: TableInfo, fields: readonly FieldRef[]): boolean {
  const width = csvTableFacts(t)?.cellLengths;
  if (width === undefined || width !== t.header.length || fields.length !== width) return false;
  return fields.every((f, i) => f.column === i && !f.field && f.missing.size === 1 && f.missing.has(''));
}
