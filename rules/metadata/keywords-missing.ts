import { defineRule, locate } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/keywords-missing',
    family: 'metadata',
    description: 'The dataset has no keywords (tags).',
    rationale: 'Keywords make a dataset findable in portal search and facets. MQA findability: "keyword/tag" (30 points); DCAT-AP dcat:keyword (recommended).',
    severity: 'warning',
    presets: ['recommended'],
    messages: { missing: 'the dataset has no keywords' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!ds.keywords.some((k) => k.trim() !== '')) context.report({ messageId: 'missing', location: locate(ds, 'keywords') });
      },
    };
  },
});
