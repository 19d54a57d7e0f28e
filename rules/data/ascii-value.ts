import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { isTextField, missingBeyondEmpty, tableFields, widenHeaderless, type FieldRef } from '../../src/knowledge/field-checks.js';
import { cellAt, type TableInfo } from '../../src/model/index.js';

/** The reader marks the cells outside ASCII among a record's first 31 (`RecordFacts.nonAscii`: bits of a number). */
const MASK_CELLS = 31;

interface Options {
  maxFindings: number;
}

/** A character outside ASCII (a scan: cheaper than a regular expression on short cells). */
function nonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/ascii-value',
    family: 'data',
    description: 'A text value contains characters outside ASCII (accents, non-Latin scripts, symbols such as €).',
    rationale:
      'Non-ASCII text is valid UTF-8 and normal in most languages; this opt-in check is for tables bound for systems that only take ASCII (legacy databases, fixed-width exports, some identifiers). ' +
      'Frictionless: `ascii-value`.',
    severity: 'info',
    presets: [],
    needsRows: true,
    readsRecord: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    messages: {
      nonAscii: 'row {{row}}: the value of "{{field}}" contains non-ASCII characters',
      more: '{{count}} more values contain non-ASCII characters (rows {{firstRow}} to {{lastRow}})',
    },
    equivalents: { frictionless: { nonAscii: ['ascii-value'], more: ['ascii-value'] } },
  },
  create(context) {
    let table: TableInfo;
    let fields: FieldRef[] = [];
    /** The index in `fields` of each column's text field, when the fields are in column order (then cells are visited by the reader's bits). */
    let byColumn: (number | undefined)[] | undefined;
    /** Per field: declared missing values beyond the empty cell (a cell outside ASCII is never empty: only then looked up). */
    let lookUp: boolean[] = [];
    /** Bits of the columns (of the first MASK_CELLS) with a text field, and of those whose cells are looked up. */
    let checked = 0;
    let looked = 0;
    let limit: FindingLimit;
    const index = () => {
      lookUp = fields.map(missingBeyondEmpty);
      const ordered = fields.every((f, i) => i === 0 || f.column > fields[i - 1]!.column);
      byColumn = ordered ? [] : undefined;
      if (byColumn) fields.forEach((f, i) => (byColumn![f.column] = i));
      checked = 0;
      looked = 0;
      fields.forEach((f, i) => {
        if (f.column >= MASK_CELLS) return;
        checked |= 1 << f.column;
        if (lookUp[i]) looked |= 1 << f.column;
      });
    };
    return {
      table(t, dist) {
        table = t;
        // Frictionless checks fields of type string only (numbers and dates are ASCII when valid).
        fields = tableFields(t.header, dist.schema).filter(isTextField);
        index();
        limit = new FindingLimit(context.options.maxFindings);
      },
      row(_, ctx) {
        if (ctx.ascii) return;
        const record = ctx.record!;
        // The reader may tell which cells have such characters: no scan then.
        const known = record.nonAscii();
        if (known === 0 || record.blank()) return;
        if (!ctx.table.header.length && record.width > fields.length) {
          fields = widenHeaderless(fields, ctx.table.header, record.width);
          index();
        }
        if (known !== undefined && byColumn) {
          // Past the findings reported one by one, a row's marked cells are only counted (none looked up).
          const marked = known & checked;
          if (marked !== 0 && (marked & looked) === 0 && limit.full) {
            let n = 0;
            for (let m = marked; m !== 0; m &= m - 1) n++;
            limit.skip(ctx.row, n);
            return;
          }
          // Only the cells the reader marked, lowest column first (the fields' order).
          for (let m = known; m !== 0; m &= m - 1) {
            const column = 31 - Math.clz32(m & -m);
            const i = byColumn[column];
            if (i === undefined) continue;
            const raw = cellAt(record, column);
            if (raw !== undefined) check(fields[i]!, raw, ctx.row, lookUp[i]!);
          }
          return;
        }
        for (let i = 0; i < fields.length; i++) {
          const ref = fields[i]!;
          if (known !== undefined && (known & (1 << ref.column)) === 0) continue;
          const raw = cellAt(record, ref.column);
          if (raw !== undefined && (known === undefined ? nonAscii(raw) : (known & (1 << ref.column)) !== 0)) check(ref, raw, ctx.row, lookUp[i]!);
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };

    /** Reports a cell outside ASCII unless it is a declared missing value (looked up when `lookUp`). */
    function check(ref: FieldRef, raw: string, row: number, lookUp: boolean): void {
      if (lookUp && ref.missing.has(raw)) return;
      if (limit.take(row)) context.report({ messageId: 'nonAscii', data: { row, field: ref.name }, location: { file: table.path, row, field: ref.name } });
    }
  },
});
