import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/phone-number',
    family: 'personal-data',
    description: 'A column holds phone numbers (BE, NL, FR, LU, DE numbering plans); outside files about people, mobile numbers only.',
    rationale:
      'A phone number identifies its subscriber directly (GDPR Art. 4(1)); numbers are validated against the national ' +
      'numbering plans with libphonenumber. In files that are not about individual people, landlines are those of ' +
      'schools, offices or shops (how the public reaches them) and are not reported; mobile numbers are. ' +
      GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    // In files that are not about individual people, landlines are those of schools, offices or
    // shops (how the public reaches them); mobile numbers are most often a person's.
    return valueRuleHooks(context, 'phone', (personLevel) => (personLevel ? ['phone'] : ['mobile-phone']));
  },
});
