import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/theme-missing',
    family: 'metadata',
    description: 'The dataset has no theme (category).',
    rationale:
      'Portals group datasets by theme; without one a dataset is missing from every category facet. DCAT-AP 3 ' +
      'dcat:theme (recommended, from the EU data-theme vocabulary); MQA findability "categories" (30 points).',
    severity: 'warning',
    presets: ['dcat-ap', 'mqa'],
    messages: { missing: 'the dataset has no theme' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!present(ds.themes)) context.report({ messageId: 'missing', location: locate(ds, 'themes') });
      },
    };
  },
});
