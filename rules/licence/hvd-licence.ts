import { defineRule } from '../../src/engine/rule-api.js';
import { isHvd } from '../../src/knowledge/dcat-ap.js';
import { licenceName, licenceUses, namesLicence, shownValue, type LicenceMatch } from '../../src/knowledge/licences.js';
import { rightsUses } from '../../src/knowledge/rights.js';

interface Options {
  /** Treat every dataset as a High-Value Dataset (the `hvd` preset sets it). */
  allDatasets: boolean;
}


/** Why an open or closed licence is not CC BY 4.0 or more permissive. */
function whyNot(m: LicenceMatch): string {
  const terms = m.entries?.flatMap((e) => e.terms) ?? m.entry?.terms ?? [];
  if (m.openness === 'not-open') return m.opennessReason;
  if (m.kind === 'generic') return 'it names no licence';
  if (terms.includes('share-alike')) return 'share-alike clause';
  if (m.openness === 'unknown') return 'odlint cannot tell whether it is as permissive';
  return 'not CC BY 4.0 or an equivalent current licence';
}

/**
 * High-Value Datasets must be available under CC BY 4.0 or a more permissive licence (CC0,
 * public-domain dedications) or an equivalent one. A dataset is HVD when it declares an HVD
 * category or the regulation as applicable legislation, or under the `hvd` preset.
 */
export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'licence/hvd-licence',
    family: 'licence',
    description: 'A High-Value Dataset whose licence is not CC BY 4.0 or more permissive.',
    rationale:
      'Implementing Regulation (EU) 2023/138, art. 4(3): high-value datasets are made available under CC BY 4.0, ' +
      'or any equivalent or less restrictive open licence (CC0, public-domain dedication). DCAT-AP HVD: dcatap:hvdCategory, ' +
      'dcatap:applicableLegislation http://data.europa.eu/eli/reg_impl/2023/138/oj.',
    severity: 'error',
    presets: ['recommended', 'hvd'],
    optionsSchema: {
      properties: {
        allDatasets: { type: 'boolean', description: 'Treat every dataset as a High-Value Dataset (set by the hvd preset).' },
      },
    },
    defaultOptions: { allDatasets: false },
    messages: {
      notEligible: 'High-Value Dataset: {{owner}} is licensed {{licence}}, which is not CC BY 4.0 or more permissive: {{reason}}',
      unverifiable: 'High-Value Dataset: {{owner}} states licence "{{value}}", which cannot be checked against CC BY 4.0 or more permissive',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!isHvd(ds, context.options.allDatasets)) return;
        for (const use of [...licenceUses(ds), ...rightsUses(ds)]) {
          const n = use.normalised;
          if (n.hvd) continue;
          if (namesLicence(n)) {
            context.report({ messageId: 'notEligible', data: { owner: use.owner, licence: licenceName(n), reason: whyNot(n) }, location: use.location });
          } else {
            context.report({ messageId: 'unverifiable', data: { owner: use.owner, value: shownValue(use.licence.raw) }, location: use.location });
          }
        }
      },
    };
  },
});
