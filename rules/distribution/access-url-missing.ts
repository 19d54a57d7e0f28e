import { defineRule, locate } from '../../src/engine/rule-api.js';
import { present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/access-url-missing',
    family: 'distribution',
    description: 'A distribution has no access URL (dcat:accessURL).',
    rationale:
      'The access URL is where users get the data; DCAT-AP 3 makes dcat:accessURL mandatory on every ' +
      'dcat:Distribution (when there is a download URL, the access URL may repeat it). MQA accessibility ' +
      '"access URL accessibility" (50 points) and "DCAT-AP compliance" (30 points) need it.',
    severity: 'error',
    presets: ['dcat-ap', 'mqa'],
    messages: {
      missing: 'distribution {{index}} has no access URL: no link to the data',
      downloadOnly: 'distribution {{index}} has a download URL but no access URL; DCAT-AP asks for both (the same URL will do)',
    },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        if (present(dist.accessURL)) return;
        const messageId = present(dist.downloadURL) ? 'downloadOnly' : 'missing';
        context.report({ messageId, data: { index: ds.distributions.indexOf(dist) + 1 }, location: locate(dist, 'accessURL') });
      },
    };
  },
});
