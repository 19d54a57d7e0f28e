import { defineRule, FindingLimit, HashSeen, hash53, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import { isBlankRow, type TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
  maxRows: number;
}

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
    optionsSchema: {
      properties: {
        ...MAX_FINDINGS_OPTION,
        maxRows: { type: 'integer', minimum: 1, description: 'Rows remembered (16 bytes each); rows after that are compared with them but not remembered.' },
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
    return {
      table(t) {
        table = t;
        seen = new HashSeen(context.options.maxRows);
        limit = new FindingLimit(context.options.maxFindings);
        partial = false;
      },
      row(cells, ctx) {
        if (isBlankRow(cells)) return; // data/blank-rows
        partial ||= seen.full;
        const first = seen.add(hash53(cells), ctx.row);
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
  },
});
