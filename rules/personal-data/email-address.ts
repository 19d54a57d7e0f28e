import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/email-address',
    family: 'personal-data',
    description: 'A column holds e-mail addresses of people (role mailboxes such as info@ or opendata@ are ignored).',
    rationale: 'A personal e-mail address identifies its owner directly (GDPR Art. 4(1)) and invites spam and phishing once published. ' + GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'email');
  },
});
