import { defineRule, locate } from '../../src/engine/rule-api.js';
import { distributionLabel, shownValue } from '../../src/knowledge/licences.js';
import { termsFromRights } from '../../src/knowledge/rights.js';

/**
 * A dataset whose licence is stated nowhere: neither on the dataset nor on every distribution.
 * DCAT-AP puts the licence on distributions, CKAN/udata/Frictionless on the dataset; either
 * is enough, but every distribution must be covered. Terms stated only as rights text that names
 * a licence or known terms (dct:rights, access_constraints) are stated terms: the other licence
 * rules judge them, and this rule only notes (info) that no licence field holds them.
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
      rightsOnly: 'the terms are stated only as rights ("{{terms}}"), not as a licence: DCAT-AP and MQA read dct:license',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        if (ds.licence) return;
        const unlicensed = ds.distributions.filter((d) => !d.licence);
        const datasetRights = termsFromRights(ds);
        const uncovered = datasetRights === undefined ? unlicensed.filter((d) => termsFromRights(d) === undefined) : [];
        const rights = datasetRights ?? unlicensed.map((d) => termsFromRights(d)).find((t) => t !== undefined);
        if (uncovered.length === ds.distributions.length && rights === undefined) {
          context.report({ messageId: 'missing', location: locate(ds, 'licence') });
          return;
        }
        // No licence anywhere, but terms stated as rights: judged by the other licence rules.
        if (rights !== undefined && unlicensed.length === ds.distributions.length) {
          context.report({ messageId: 'rightsOnly', severity: 'info', data: { terms: shownValue(rights) }, location: locate(ds, 'licence') });
        }
        for (const dist of uncovered) {
          context.report({ messageId: 'distributionMissing', data: { distribution: distributionLabel(dist) }, location: locate(dist, 'licence') });
        }
      },
    };
  },
});
