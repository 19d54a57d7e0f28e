import { defineRule, locate } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/byte-size-missing',
    family: 'distribution',
    description: 'A distribution does not state its size in bytes (dcat:byteSize).',
    rationale:
      'The size lets users decide before downloading (a 2 GB file on a phone connection). DCAT-AP 3 dcat:byteSize ' +
      '(optional); MQA contextuality "file size" (5 points).',
    severity: 'info',
    presets: ['mqa'],
    messages: { missing: 'distribution {{index}} does not state its size in bytes' },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        if (dist.byteSize === undefined) context.report({ messageId: 'missing', data: { index: ds.distributions.indexOf(dist) + 1 }, location: locate(dist, 'byteSize') });
      },
    };
  },
});
