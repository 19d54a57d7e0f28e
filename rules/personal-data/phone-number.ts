import { defineRule } from '../../src/engine/rule-api.js';
import { phone } from '../../src/knowledge/personal-data/index.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/phone-number',
    family: 'personal-data',
    description: 'A column holds phone numbers valid in Belgium, the Netherlands, France, Luxembourg or Germany (libphonenumber); numbers in lists of organisations are not reported.',
    rationale: 'A phone number identifies its subscriber directly (GDPR Art. 4(1)); numbers are validated against the national numbering plans with libphonenumber. ' + GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    // The phone numbers of schools, offices or shops are how the public reaches them, not personal data.
    return valueRuleHooks(context, [phone], (_verdict, _column, profile) => !profile.organisationRows);
  },
});
