import { defineRule, locate } from '../../src/engine/rule-api.js';
import { agentStated } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/contact-point-missing',
    family: 'metadata',
    description: 'The dataset has no contact point (no name, e-mail or URL to ask about the data).',
    rationale:
      'Reusers who find an error or need an explanation must be able to reach someone. DCAT-AP 3 dcat:contactPoint ' +
      '(recommended for dcat:Dataset; mandatory for High-Value Datasets); MQA reusability "contact point" (20 points).',
    severity: 'warning',
    presets: ['recommended', 'dcat-ap', 'mqa'],
    messages: { missing: 'the dataset has no contact point' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!agentStated(ds.contactPoint)) context.report({ messageId: 'missing', location: locate(ds, 'contactPoint') });
      },
    };
  },
});
