import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/spatial-missing',
    family: 'metadata',
    description: 'The dataset states no spatial coverage.',
    rationale:
      'The area the data covers lets users search by place. DCAT-AP 3 dct:spatial (recommended); ' +
      'MQA findability "geo search" (20 points); udata quality criterion "spatial coverage".',
    severity: 'info',
    presets: ['mqa', 'france', 'luxembourg'],
    messages: { missing: 'the dataset states no spatial coverage' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!present(ds.spatial)) context.report({ messageId: 'missing', location: locate(ds, 'spatial') });
      },
    };
  },
});
