import { defineRule, locate, firstText } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/title-missing',
    family: 'metadata',
    description: 'The dataset has no title.',
    rationale: 'The title is what users search for and see first. DCAT-AP dct:title is mandatory for dcat:Dataset.',
    severity: 'error',
    presets: ['recommended'],
    messages: { missing: 'the dataset has no title' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (firstText(ds.title) === undefined) context.report({ messageId: 'missing', location: locate(ds, 'title') });
      },
    };
  },
});
