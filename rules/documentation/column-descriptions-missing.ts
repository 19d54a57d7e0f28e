import { defineRule } from '../../src/engine/rule-api.js';
import { columnDocs, isCodeName } from '../../src/knowledge/documentation.js';

/** At most this many column names in a message. */
const SHOWN = 5;
const names = (list: string[]) => list.slice(0, SHOWN).map((n) => `"${n}"`).join(', ') + (list.length > SHOWN ? ` (+${list.length - SHOWN} more)` : '');

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/column-descriptions-missing',
    family: 'documentation',
    description: 'Documented columns have no description, or have code names (VAR_07) and no label.',
    rationale:
      'A list of column names is not documentation: "VAR_07" or "BEV_M" say nothing to a reuser. The Dutch data-communities ' +
      'programme asks which columns the data contain and what each means. Table Schema field `description` and `title`; ' +
      'CSVW `dc:description` and `titles`; CKAN DataStore `info.notes` and `info.label`.',
    severity: 'warning',
    presets: ['netherlands'],
    messages: {
      noDescription: 'distribution {{index}}: {{count}} of {{total}} documented columns have no description ({{columns}})',
      codeNames: 'distribution {{index}}: columns named with codes have no label (title) saying what they are: {{columns}}',
    },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        const docs = columnDocs(dist, ds);
        if (!docs?.columns?.length) return;
        const index = ds.distributions.indexOf(dist) + 1;
        const bare = docs.columns.filter((c) => !c.description).map((c) => c.name);
        if (bare.length) context.report({ messageId: 'noDescription', data: { index, count: bare.length, total: docs.columns.length, columns: names(bare) }, location: docs.location });
        const codes = docs.columns.filter((c) => isCodeName(c.name) && !c.label).map((c) => c.name);
        if (codes.length) context.report({ messageId: 'codeNames', data: { index, columns: names(codes) }, location: docs.location });
      },
    };
  },
});
