import { defineRule, FindingLimit, MAX_FINDINGS_OPTION } from '../../src/engine/rule-api.js';
import type { TableInfo } from '../../src/model/index.js';

interface Options {
  maxFindings: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'data/blank-rows',
    family: 'data',
    description: 'A row is blank: an empty line, or only delimiters and spaces.',
    rationale:
      'Blank rows are counted as records by most tools (empty values, wrong totals) and often separate sub-tables that should be separate files. ' +
      'Frictionless: `blank-row`; csvlint: `blank_rows`.',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { frictionless: { blank: ['blank-row'], more: ['blank-row'] }, csvlint: { blank: ['blank_rows'], more: ['blank_rows'] } },
    needsRows: true,
    readsRecord: true,
    optionsSchema: { properties: { ...MAX_FINDINGS_OPTION } },
    defaultOptions: { maxFindings: 10 },
    messages: {
      blank: 'row {{row}} is blank',
      more: '{{count}} more blank rows (rows {{firstRow}} to {{lastRow}})',
    },
  },
  create(context) {
    let table: TableInfo;
    let limit: FindingLimit;
    return {
      table(t) {
        table = t;
        limit = new FindingLimit(context.options.maxFindings);
      },
      row(_, ctx) {
        if (!ctx.record!.blank() || !limit.take(ctx.row)) return;
        context.report({ messageId: 'blank', data: { row: ctx.row }, location: { file: table.path, row: ctx.row } });
      },
      endTable(t) {
        const more = limit.overflow();
        if (more) context.report({ messageId: 'more', data: more, location: { file: t.path, row: more.firstRow } });
      },
    };
  },
});
