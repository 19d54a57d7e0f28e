import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/payment-card',
    family: 'personal-data',
    description: 'A column holds payment card numbers (known scheme, Luhn check digit).',
    rationale: 'Card numbers must never be published: PCI DSS requirement 3 forbids showing more than the last four digits, and a card identifies its holder (GDPR Art. 4(1)). ' + GDPR_RATIONALE,
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'paymentCard');
  },
});
