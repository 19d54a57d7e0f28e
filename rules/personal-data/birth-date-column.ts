import { defineRule } from '../../src/engine/rule-api.js';
import { PERSON_COLUMNS } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, personColumnHooks, SAMPLE_SIZE_OPTION } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/birth-date-column',
    family: 'personal-data',
    description: 'A file about individual people has a column of full birth dates (day, month and year).',
    rationale:
      'A full birth date with a postcode and sex singles out most people (Sweeney: 87% of the US population); publish a ' +
      'year or an age band instead. Birth years and age bands are left to personal-data/low-k-anonymity. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: {
      birthDates:
        'column "{{column}}" holds full birth dates of individual people: {{count}} of {{sampled}} sampled values are dates (rows {{rows}}; e.g. {{sample}}; confidence {{confidence}})',
    },
  },
  create(context) {
    return personColumnHooks(context, PERSON_COLUMNS.birthDates, { messageId: 'birthDates' });
  },
});
