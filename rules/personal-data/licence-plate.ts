import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/licence-plate',
    family: 'personal-data',
    description: 'A column holds vehicle registration plates (BE, FR, NL, DE, LU formats).',
    rationale: 'A registration plate identifies the vehicle keeper through the vehicle register: it is personal data (EDPB Guidelines 3/2019; CNIL, Belgian and Dutch DPAs). ' + GDPR_RATIONALE,
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'licencePlate');
  },
});
