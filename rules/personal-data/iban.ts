import { defineRule } from '../../src/engine/rule-api.js';
import type { ReportDescriptor } from '../../src/engine/rule-api.js';
import { iban } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

interface Options {
  sampleSize: number;
  /** The publisher's own accounts (an organisation's IBAN is no personal data). */
  organisationIbans: string[];
}

/**
 * The valid IBANs written in a text (the dataset's description, extras, publisher...), compact.
 * A match may run into the next word ("… 7034 AVEC"): groups are dropped from its end until
 * what is left is a valid IBAN.
 */
function ibansIn(text: string): string[] {
  return [...text.matchAll(iban.inText!)].flatMap((m) => {
    const groups = m[0].split(' ');
    for (let n = groups.length; n >= 1; n--) {
      const compact = iban.shape(groups.slice(0, n).join(' '), true);
      if (compact && iban.valid(compact)) return [compact];
    }
    return [];
  });
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'personal-data/iban',
    family: 'personal-data',
    description: 'A column holds IBAN bank account numbers that pass their check digits.',
    rationale:
      'An IBAN identifies its holder through the bank and enables fraud (direct-debit scams); it is personal data of the account holder (GDPR Art. 4(1)). ' +
      "The publisher's own accounts — listed in the dataset's metadata or in the `organisationIbans` option — are not: a column holding only them is an info finding. " +
      GDPR_RATIONALE,
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: { ...SAMPLE_SIZE_OPTION, organisationIbans: { type: 'array', items: { type: 'string' } } } },
    defaultOptions: { sampleSize: 1000, organisationIbans: [] },
    messages: {
      ...VALUE_MESSAGES,
      organisation: 'column "{{column}}" holds IBANs, all of them the publisher\'s own accounts listed in the metadata (e.g. {{sample}}): no personal data',
    },
  },
  create(context) {
    // The publisher's accounts: the option, and the IBANs its metadata states.
    const organisation = new Set(context.options.organisationIbans.flatMap(ibansIn));
    // Per column: cells holding an organisation IBAN, and cells holding any other valid IBAN.
    const own = new Map<number, number>();
    const others = new Set<number>();
    let header: readonly string[] = [];
    const hooks = valueRuleHooks(
      {
        ...context,
        report(d: ReportDescriptor) {
          const col = header.indexOf(String(d.data?.column));
          if (d.messageId === 'validated' && col >= 0 && (own.get(col) ?? 0) > 0 && !others.has(col)) {
            context.report({ ...d, messageId: 'organisation', severity: 'info' });
          } else context.report(d);
        },
      },
      'iban',
    );
    // The metadata's IBANs are only compared with cells: they are read at the dataset's first
    // data file (most datasets of a catalogue have none), not in a `dataset` hook.
    let metadataRead = false;
    return {
      table(table, dist, ds) {
        if (!metadataRead && ds.source.format !== 'data-file') {
          const texts = [...Object.values(ds.description ?? {}), JSON.stringify(ds.extras), JSON.stringify(ds.publisher ?? {}), JSON.stringify(ds.contactPoint ?? {})];
          for (const t of texts) for (const v of ibansIn(t)) organisation.add(v);
        }
        metadataRead = true;
        header = table.header;
        own.clear();
        others.clear();
        hooks.table?.(table, dist, ds);
        // Without the organisation's IBANs the rows have nothing to compare (the shared scan reads them).
        if (organisation.size === 0) return false;
      },
      row(cells) {
        if (organisation.size === 0) return;
        for (let i = 0; i < cells.length; i++) {
          const compact = iban.shape(cells[i]!, true);
          if (!compact || others.has(i)) continue;
          if (organisation.has(compact)) own.set(i, (own.get(i) ?? 0) + 1);
          else if (iban.valid(compact)) others.add(i);
        }
      },
      endTable: hooks.endTable,
    };
  },
});
