import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';
import { isIanaMediaType } from '../../src/knowledge/formats.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/media-type-missing',
    family: 'distribution',
    description: 'A distribution states no media type, or one that is not registered with IANA.',
    rationale:
      'The media type (text/csv, application/json...) tells programs how to read the file. DCAT-AP 3 dcat:mediaType ' +
      '(IANA media types); MQA interoperability "media type" (10 points, 0 when absent) and "format / media type ' +
      'from vocabulary" (10 points).',
    severity: 'info',
    presets: ['mqa'],
    messages: {
      missing: 'distribution {{index}} states no media type',
      notIana: 'distribution {{index}} media type "{{value}}" is not an IANA media type (e.g. text/csv, application/json)',
    },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        const index = ds.distributions.indexOf(dist) + 1;
        const value = dist.mediaType;
        if (!present(value)) context.report({ messageId: 'missing', data: { index }, location: locate(dist, 'mediaType') });
        else if (!isIanaMediaType(value)) context.report({ messageId: 'notIana', data: { index, value: value! }, location: locate(dist, 'mediaType') });
      },
    };
  },
});
