import { defineRule, locate } from '../../src/engine/rule-api.js';
import { periodStated } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/temporal-missing',
    family: 'metadata',
    description: 'The dataset states no temporal coverage (the period the data covers).',
    rationale:
      'The period the data describes lets users search by time and see at once whether it is current. ' +
      'DCAT-AP 3 dct:temporal (recommended); MQA findability "time-based search" (20 points); udata quality criterion "temporal coverage".',
    severity: 'info',
    presets: ['mqa', 'france', 'luxembourg'],
    messages: { missing: 'the dataset states no temporal coverage' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!periodStated(ds.temporal)) context.report({ messageId: 'missing', location: locate(ds, 'temporal') });
      },
    };
  },
});
