import { defineRule } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'distribution/no-distributions',
    family: 'distribution',
    description: 'The dataset has no distribution (no file, no API, no link to the data).',
    rationale:
      'A dataset without a distribution gives users nothing to download or query. ' +
      'MQA accessibility (access URL, download URL) scores nothing; DCAT-AP dcat:distribution is recommended.',
    severity: 'error',
    presets: ['recommended'],
    messages: { none: 'the dataset has no distribution: no data to download or query' },
  },
  create(context) {
    return {
      dataset(ds) {
        // Linked, not included (udata API v2): unknown is not none (core/distributions-not-included says so).
        if (ds.distributions.length === 0 && !ds.distributionsNotIncluded) context.report({ messageId: 'none', location: ds.locations['distributions'] ?? ds.at });
      },
    };
  },
});
