import { defineRule, locate, firstText } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/description-missing',
    family: 'metadata',
    description: 'The dataset has no description.',
    rationale:
      'A description tells reusers what the data is, how it was made and its limits. ' +
      'DCAT-AP dct:description is mandatory for dcat:Dataset; udata criterion "description".',
    severity: 'error',
    presets: ['recommended'],
    messages: { missing: 'the dataset has no description' },
  },
  create(context) {
    return {
      dataset(ds) {
        if (firstText(ds.description) === undefined) context.report({ messageId: 'missing', location: locate(ds, 'description') });
      },
    };
  },
});
