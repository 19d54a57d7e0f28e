import { defineRule } from '../../src/engine/rule-api.js';
import { PERSON_COLUMNS } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, personColumnHooks, SAMPLE_SIZE_OPTION } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/address-column',
    family: 'personal-data',
    description: 'A file about individual people has a column of home addresses or streets.',
    rationale:
      'A home address identifies a household and, with a name or birth date, a person (GDPR Art. 4(1)). Addresses of ' +
      'schools, offices or other organisations are not reported. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: {
      addresses:
        'column "{{column}}" holds addresses of individual people: {{count}} of {{sampled}} sampled values look like street addresses (rows {{rows}}; e.g. {{sample}}; confidence {{confidence}})',
    },
  },
  create(context) {
    return personColumnHooks(context, PERSON_COLUMNS.addresses, { messageId: 'addresses' });
  },
});
