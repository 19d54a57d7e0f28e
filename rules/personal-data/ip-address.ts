import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/ip-address',
    family: 'personal-data',
    description: 'A column holds IPv4 or IPv6 addresses.',
    rationale: 'IP addresses are personal data when the publisher or a third party can link them to a subscriber (GDPR recital 30; CJEU C-582/14 Breyer). ' + GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'ipAddress');
  },
});
