import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/issued-missing',
    family: 'metadata',
    description: 'The dataset does not state when it was first published.',
    rationale:
      'The publication date dates the data for reusers and citations. DCAT-AP 3 dct:issued (optional); ' +
      'MQA contextuality "date of issue" (5 points).',
    severity: 'info',
    presets: ['mqa'],
    messages: { missing: 'the dataset does not state its publication date' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!present(ds.issued)) context.report({ messageId: 'missing', location: locate(ds, 'issued') });
      },
    };
  },
});
