import { defineRule, locate } from '../../src/engine/rule-api.js';
import { agentStated } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/publisher-missing',
    family: 'metadata',
    description: 'The dataset names no publisher.',
    rationale:
      'Users need to know who is responsible for the data. DCAT-AP 3 dct:publisher (recommended for dcat:Dataset; ' +
      'mandatory for High-Value Datasets); MQA reusability "publisher" (10 points).',
    severity: 'warning',
    presets: ['recommended', 'dcat-ap', 'mqa'],
    messages: { missing: 'the dataset names no publisher' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!agentStated(ds.publisher)) context.report({ messageId: 'missing', location: locate(ds, 'publisher') });
      },
    };
  },
});
