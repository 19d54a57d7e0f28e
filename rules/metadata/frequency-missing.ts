import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/frequency-missing',
    family: 'metadata',
    description: 'The dataset does not say how often it is updated.',
    rationale:
      'The update frequency tells reusers whether to expect new data and when. udata (data.gouv.fr, data.public.lu) ' +
      'quality criterion "update frequency"; DCAT-AP 3 dct:accrualPeriodicity (optional, EU frequency vocabulary).',
    severity: 'warning',
    presets: ['france', 'luxembourg'],
    messages: { missing: 'the dataset does not state its update frequency' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!present(ds.frequency)) context.report({ messageId: 'missing', location: locate(ds, 'frequency') });
      },
    };
  },
});
