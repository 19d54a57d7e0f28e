import { defineRule, FindingLimit, HashSeen, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import type { RecordCells, TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
  maxRows: number;
}

/** Rows measured before the table is sized. */
const SIZE_SAMPLE = 100;

/**
 * Rows whose hashes wait to be answered together: their table reads (a cache miss a row, the
 * table being megabytes) are made in one loop, so that the misses overlap. A duplicate is
 * reported when its batch is answered, at the place among the findings it had on its row.
 */
const BATCH = 64;

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
    /** The waiting rows (`BATCH`): their hashes, their numbers, and where their findings go (`context.mark()`). */
    const hashes = new Float64Array(BATCH);
    const rows = new Float64Array(BATCH);
    const marks = new Float64Array(BATCH);
    let waiting = 0;
    return {
      table(t, dist) {
        table = t;
        seen = new HashSeen(context.options.maxRows);
        limit = new FindingLimit(context.options.maxFindings);
        partial = false;
        // The file's size tells only of a table that is the whole file (not an archive's entry or a sheet).
        bytes = t.path === dist.localPath && t.sheet === undefined ? dist.localBytes : undefined;
        sampled = sampledChars = 0;
        waiting = 0;
      },
      row(_, ctx) {
        const record = ctx.record!;
        if (record.blank()) return; // data/blank-rows
        if (bytes !== undefined) sizeTable(record);
        // The CSV tokenizer hashes its copy of the record's text: the same number, cheaper.
        hashes[waiting] = record.hash53();
        rows[waiting] = ctx.row;
        marks[waiting] = context.mark();
        if (++waiting === BATCH) answer();
      },
      rowsEnd() {
        answer();
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
        if (partial) context.report({ messageId: 'partial', data: { maxRows: context.options.maxRows }, location: { file: t.path } });
      },
    };

    /** Looks the waiting rows up (and adds them), in order, as each would have been on its own row. */
    function answer(): void {
      seen.prefetch(hashes, waiting);
      for (let k = 0; k < waiting; k++) {
        const row = rows[k]!;
        partial ||= seen.full;
        const first = seen.add(hashes[k]!, row);
        if (first && limit.take(row)) {
          context.report({ messageId: 'duplicate', data: { row, first }, location: { file: table.path, row } }, marks[k]!);
        }
      }
      waiting = 0;
    }

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
