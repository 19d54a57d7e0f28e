import { defineRule } from '../../src/engine/rule-api.js';
import { GDPR_RATIONALE, SAMPLE_SIZE_OPTION, VALUE_MESSAGES, valueRuleHooks } from './_shared.js';

export const { meta, create } = defineRule<{ sampleSize: number }>({
  meta: {
    id: 'personal-data/national-id-number',
    family: 'personal-data',
    description: 'A column holds national identification numbers (BE NISS/BIS, NL BSN, FR NIR, LU matricule) that pass their check digits.',
    rationale: 'National identification numbers are the strongest personal identifiers: their use is restricted by law (GDPR Art. 87; BE law of 8 August 1983 on the national register, Art. 8; NL Wabb and UAVG Art. 46; FR décret 2019-341 on the NIR; LU law of 19 June 2013 on the identification of natural persons). ' + GDPR_RATIONALE,
    severity: 'error',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: SAMPLE_SIZE_OPTION },
    defaultOptions: { sampleSize: 1000 },
    messages: VALUE_MESSAGES,
  },
  create(context) {
    return valueRuleHooks(context, 'nationalId');
  },
});
