import { defineRule, locate } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/data-model-missing',
    family: 'documentation',
    description: 'The dataset names no data model or standard it conforms to (dct:conformsTo, a Table Schema, a portal schema).',
    rationale:
      'The data model says how the data are structured and what they mean beyond single columns; a reuser combining sources ' +
      'needs it. The Dutch data-communities programme asks for the underlying data model. DCAT-AP 3 dct:conformsTo ' +
      '(dataset and distribution); MQA interoperability.',
    severity: 'info',
    presets: ['netherlands'],
    messages: { missing: 'the dataset names no data model: no dct:conformsTo and no schema on any distribution' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (ds.conformsTo.length || ds.distributionsNotIncluded) return;
        if (ds.distributions.some((d) => d.conformsTo?.length || d.schema || d.extras.schema)) return;
        context.report({ messageId: 'missing', location: locate(ds, 'conformsTo') });
      },
    };
  },
});
