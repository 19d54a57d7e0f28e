import { defineRule } from '../../src/engine/rule-api.js';
import { licenceName, licenceUses } from '../../src/knowledge/licences.js';
import { rightsUses } from '../../src/knowledge/rights.js';

/**
 * A recognised licence that does not conform to the Open Definition: a non-commercial (NC) or
 * no-derivatives (ND) clause, "all rights reserved", CKAN's other-nc / other-closed.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-not-open',
    family: 'licence',
    description: 'The licence is not open: it forbids commercial use (NC) or derivatives (ND), or reserves all rights.',
    rationale:
      'Open data may be reused by anyone for any purpose (Open Definition 2.1); NC and ND clauses exclude most reuse, ' +
      'from start-ups to journalists. Luxembourg open-data strategy: avoid non-commercial licences (CC0 preferred); ' +
      'EU Open Data Directive 2019/1024 art. 8: conditions shall not unnecessarily restrict reuse; ckanext-qa gives 0 stars to non-open licences.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      nonCommercial: '{{owner}} uses {{licence}}, which forbids commercial reuse (non-commercial clause, NC)',
      noDerivatives: '{{owner}} uses {{licence}}, which forbids derivatives (no-derivatives clause, ND)',
      nonCommercialNoDerivatives: '{{owner}} uses {{licence}}, which forbids commercial reuse (NC) and derivatives (ND)',
      closed: '{{owner}} uses {{licence}}, which is not an open licence ({{reason}})',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of [...licenceUses(ds), ...rightsUses(ds)]) {
          const n = use.normalised;
          if (n.openness !== 'not-open') continue;
          const terms = n.entries?.flatMap((e) => e.terms) ?? n.entry?.terms ?? [];
          const nc = terms.includes('non-commercial');
          const nd = terms.includes('no-derivatives');
          const messageId = nc && nd ? 'nonCommercialNoDerivatives' : nc ? 'nonCommercial' : nd ? 'noDerivatives' : 'closed';
          context.report({ messageId, data: { owner: use.owner, licence: licenceName(n), reason: n.opennessReason }, location: use.location });
        }
      },
    };
  },
});
