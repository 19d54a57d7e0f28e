import { defineRule } from '../../src/engine/rule-api.js';
import type { GroupCounter, PersonalDataScan } from '../../src/knowledge/personal-data/index.js';
import { cellAt, GDPR_RATIONALE, PERSONAL_DATA_SCAN, rowList } from './_shared.js';

interface Options {
  threshold: number;
  maxGroups: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'personal-data/low-k-anonymity',
    family: 'personal-data',
    description:
      'In a file about individual people, some combinations of quasi-identifiers (birth date or age, sex, postcode or municipality, nationality) are shared by fewer than k rows.',
    rationale:
      'Rows unique on birth date, sex and postcode can be re-identified by linking with other sources even without names ' +
      '(Sweeney 2002, k-anonymity; GDPR recital 26; Article 29 Working Party Opinion 05/2014 on anonymisation techniques). ' +
      'Generalise (age bands, larger areas) until every combination is shared by at least k rows. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: {
      properties: {
        threshold: { type: 'integer', minimum: 2, description: 'The k every combination must reach (default 5).' },
        maxGroups: {
          type: 'integer',
          minimum: 100,
          description: 'Distinct combinations tracked at most (bounded memory, default 50000); rows with later combinations are not assessed.',
        },
      },
    },
    defaultOptions: { threshold: 5, maxGroups: 50000 },
    messages: {
      lowK:
        'rows are singled out by {{columns}}: the smallest group of rows sharing the same values has k = {{k}}; {{rowsBelow}} of {{rows}} rows are in {{groupsBelow}} groups smaller than {{threshold}} (e.g. rows {{examples}}){{capped}}',
    },
  },
  create(context) {
    const { threshold, maxGroups } = context.options;
    let scan: PersonalDataScan | undefined;
    let groups: GroupCounter | undefined;
    return {
      table(table) {
        scan = context.analysis(PERSONAL_DATA_SCAN, table);
        groups = scan.quasiIdentifierGroups(maxGroups);
      },
      endTable(table) {
        if (!scan || !groups || !scan.personLevel) return;
        const s = groups.summary(threshold);
        if (s.rows === 0 || s.k >= threshold) return;
        const qi = scan.profile.quasiIdentifiers;
        context.report({
          messageId: 'lowK',
          data: {
            columns: qi.map((q) => `"${q.column.name}" (${q.column.category})`).join(' + '),
            k: s.k,
            rowsBelow: s.rowsBelow,
            rows: s.rows,
            groupsBelow: s.groupsBelow,
            threshold,
            examples: rowList(s.exampleRows),
            capped: s.capped
              ? `; memory cap reached: only the first ${s.groups} distinct combinations were tracked, ${s.untracked} rows were not assessed`
              : '',
          },
          location: cellAt(table, qi[0]!.column, s.exampleRows[0]),
        });
      },
    };
  },
});
