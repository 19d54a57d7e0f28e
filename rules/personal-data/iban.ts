import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/iban',
    family: 'personal-data',
    description: 'A column holds IBAN bank account numbers that pass their check digits.',
    rationale: 'An IBAN identifies its holder through the bank and enables fraud (direct-debit scams); it is personal data of the account holder (GDPR Art. 4(1)). ' + GDPR_RATIONALE,
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'iban');
  },
});
