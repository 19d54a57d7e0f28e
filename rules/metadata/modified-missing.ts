import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/modified-missing',
    family: 'metadata',
    description: 'The dataset does not state when it was last modified.',
    rationale:
      'The modification date tells reusers whether the data is current and whether to download it again. ' +
      'DCAT-AP 3 dct:modified (optional; mandatory in DCAT-AP-DONL); MQA contextuality "modification date" (5 points).',
    severity: 'info',
    presets: ['mqa', 'netherlands'],
    messages: { missing: 'the dataset does not state its last modification date' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!present(ds.modified)) context.report({ messageId: 'missing', location: locate(ds, 'modified') });
      },
    };
  },
});
