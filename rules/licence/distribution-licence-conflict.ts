import { defineRule } from '../../src/engine/rule-api.js';
import { licenceName, licenceUses, sameLicence } from '../../src/knowledge/licences.js';

/**
 * A distribution whose licence differs from the dataset's: which one applies to the file a
 * reuser downloads? Only licences odlint recognises are compared.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/distribution-licence-conflict',
    family: 'licence',
    description: "A distribution's licence differs from the dataset's licence.",
    rationale:
      'Two different licences for the same data leave reusers unsure which terms bind them; harvesters keep one and drop the other. ' +
      'DCAT-AP: dct:license belongs on dcat:Distribution and must describe the same rights as the dataset-level statement; ' +
      'MQA reusability "license information".',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      conflict: '{{owner}} is licensed {{distributionLicence}} but the dataset is licensed {{datasetLicence}}',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const [own, ...rest] = licenceUses(ds);
        if (!own || own.distribution) return; // the dataset states no licence of its own
        const dataset = own.normalised;
        if (dataset.kind !== 'recognised' && dataset.kind !== 'expression') return;
        for (const use of rest) {
          const n = use.normalised;
          if ((n.kind !== 'recognised' && n.kind !== 'expression') || sameLicence(dataset, n)) continue;
          context.report({
            messageId: 'conflict',
            data: { owner: use.owner, distributionLicence: licenceName(n), datasetLicence: licenceName(dataset) },
            location: use.location,
          });
        }
      },
    };
  },
});
