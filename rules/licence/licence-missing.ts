import { defineRule, locate } from '../../src/engine/rule-api.js';
import { distributionLabel } from '../../src/knowledge/licences.js';

/**
 * A dataset whose licence is stated nowhere: neither on the dataset nor on every distribution.
 * DCAT-AP puts the licence on distributions, CKAN/udata/Frictionless on the dataset; either
 * is enough, but every distribution must be covered.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-missing',
    family: 'licence',
    description: 'The dataset states no licence (on the dataset or on each distribution).',
    rationale:
      'Without a licence, reuse is legally unclear and most reusers must assume "all rights reserved". ' +
      'MQA reusability: "license information" (20 points); udata quality criterion "license"; ' +
      'DCAT-AP dcat:Distribution dct:license (recommended).',
    severity: 'error',
    presets: ['recommended'],
    messages: {
      missing: 'no licence is stated for this dataset',
      distributionMissing: 'distribution "{{distribution}}" states no licence and the dataset has none',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        if (ds.licence) return;
        const uncovered = ds.distributions.filter((d) => !d.licence);
        if (uncovered.length === ds.distributions.length) {
          context.report({ messageId: 'missing', location: locate(ds, 'licence') });
          return;
        }
        for (const dist of uncovered) {
          context.report({ messageId: 'distributionMissing', data: { distribution: distributionLabel(dist) }, location: locate(dist, 'licence') });
        }
      },
    };
  },
});
