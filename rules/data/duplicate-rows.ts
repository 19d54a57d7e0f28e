import { defineRule, FindingLimit, HashSeen, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import type { RecordCells, TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
  maxRows: number;
}

/** Rows measured before the table is sized. */
const SIZE_SAMPLE = 100;

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/duplicate-rows',
    family: 'data',
    description: 'A row repeats an earlier row exactly.',
    rationale:
      'Duplicated records double-count in every aggregate; they usually come from appending the same extract twice. ' +
      'Off by default (some tables legitimately repeat rows); memory stays bounded (hashes of at most `maxRows` rows). ' +
      'Frictionless (goodtables): `duplicate-row`.',
    severity: 'warning',
    presets: [],
    equivalents: { frictionless: { duplicate: ['duplicate-row'] } },
    needsRows: true,
    readsRecord: true,
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxRows: { type: 'integer', minimum: 1, description: 'Rows remembered (21 to 29 bytes each); rows after that are compared with them but not remembered.' },
      },
    },
    defaultOptions: { maxFindings: 10, maxRows: 1_000_000 },
    messages: {
      duplicate: 'row {{row}} repeats row {{first}}',
      more: '{{count}} more rows repeat earlier rows (rows {{firstRow}} to {{lastRow}})',
      partial: 'only the first {{maxRows}} rows were remembered for the duplicate check (option maxRows)',
    },
  },
  create(context) {
    let table: TableInfo;
    let seen: HashSeen;
    let limit: FindingLimit;
    let partial = false;
    /** The file's size, and the characters of the rows seen until the table is sized (see `sizeTable`). */
    let bytes: number | undefined;
    let sampled = 0;
    let sampledChars = 0;
    return {
      table(t, dist) {
        table = t;
        seen = new HashSeen(context.options.maxRows);
        limit = new FindingLimit(context.options.maxFindings);
        partial = false;
        // The file's size tells only of a table that is the whole file (not an archive's entry or a sheet).
        bytes = t.path === dist.localPath && t.sheet === undefined ? dist.localBytes : undefined;
        sampled = sampledChars = 0;
      },
      row(_, ctx) {
        const record = ctx.record!;
        if (record.blank()) return; // data/blank-rows
        if (bytes !== undefined) sizeTable(record);
        partial ||= seen.full;
        // The CSV tokenizer hashes its copy of the record's text: the same number, cheaper.
        const first = seen.add(record.hash53(), ctx.row);
        if (first && limit.take(ctx.row)) {
          context.report({ messageId: 'duplicate', data: { row: ctx.row, first }, location: { file: table.path, row: ctx.row } });
        }
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
        if (partial) context.report({ messageId: 'partial', data: { maxRows: context.options.maxRows }, location: { file: t.path } });
      },
    };

    /**
     * The table is sized once for the rows the file should hold (its size over the first rows'
     * length), not grown by doubling: each growth moves every hash again. Only a hint (an archive's
     * size is the compressed one; later rows may be longer): the table still grows past it.
     */
    function sizeTable(cells: RecordCells): void {
      for (let i = 0; i < cells.width; i++) sampledChars += cells.cell(i).length + 1;
      if (++sampled < SIZE_SAMPLE) return;
      seen.reserve(Math.floor(bytes! / (sampledChars / sampled)));
      bytes = undefined;
    }
  },
});
