import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/download-url-missing',
    family: 'distribution',
    description: 'A distribution has no direct download URL (dcat:downloadURL).',
    rationale:
      'A download URL is a direct link to the file, which scripts and harvesters can fetch without going through ' +
      'a web page. DCAT-AP 3 dcat:downloadURL (optional); MQA accessibility "download URL" (20 points) and ' +
      '"download URL accessibility" (30 points). MQA scores the best distribution only.',
    severity: 'info',
    presets: ['mqa'],
    messages: { missing: 'distribution {{index}} has no download URL' },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        if (!present(dist.downloadURL)) context.report({ messageId: 'missing', data: { index: ds.distributions.indexOf(dist) + 1 }, location: locate(dist, 'downloadURL') });
      },
    };
  },
});
