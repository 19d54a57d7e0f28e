import { defineRule } from '../../src/engine/rule-api.js';
import { PERSON_COLUMNS, type HeaderCategory } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, personColumnHooks, SAMPLE_SIZE_OPTION } from './_shared.js';

const KIND: Partial<Record<HeaderCategory, string>> = {
  'first-name': 'first name',
  'last-name': 'last name',
  'full-name': 'full name',
};

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/person-name-column',
    family: 'personal-data',
    description: 'A file about individual people has a column of person names (first, last or full names).',
    rationale:
      'A name identifies a person directly (GDPR Art. 4(1)). Aggregates such as "first names given per year" are not ' +
      'person-level and are not reported; names of schools, streets or municipalities are not person names. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: {
      names:
        'column "{{column}}" holds {{kind}}s of individual people: {{count}} of {{sampled}} sampled values look like names (rows {{rows}}; e.g. {{sample}}; confidence {{confidence}})',
    },
  },
  create(context) {
    return personColumnHooks(context, PERSON_COLUMNS.names, {
      messageId: 'names',
      // A bare "nom"/"naam"/"name" beside a first-name column is the surname.
      describe: (column, profile) => ({
        kind: KIND[column.category!] ?? (profile.of('first-name').length > 0 ? 'last name' : 'full name'),
      }),
      specific: (column) => column.category !== 'name',
    });
  },
});
