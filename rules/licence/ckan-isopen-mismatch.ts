import { defineRule, locate } from '../../src/engine/rule-api.js';
import { licenceName, normaliseLicence } from '../../src/knowledge/licences.js';

/** CKAN's `isopen` as a boolean (API dicts have true/false; some exports have strings). */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/**
 * CKAN computes `isopen` from its licence register: a licence id it does not know (e.g. an SPDX
 * id such as CC-BY-4.0 on a portal with the old register) makes an open dataset show as closed,
 * and a customised register can do the opposite.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/ckan-isopen-mismatch',
    family: 'licence',
    description: "CKAN's isopen flag contradicts the openness of the dataset's licence.",
    rationale:
      'Portals, harvesters and ckanext-qa (0 stars for non-open data) trust `isopen`: an open dataset flagged closed is hidden from ' +
      '"open data" filters, a closed one flagged open misleads reusers. CKAN licence register (od_conformance); Open Definition 2.1.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      flaggedClosed: 'CKAN flags the dataset as not open (isopen: false) but its licence {{licence}} is open: the portal does not know this licence id',
      flaggedOpen: 'CKAN flags the dataset as open (isopen: true) but its licence {{licence}} is not open: {{reason}}',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        if (ds.source.format !== 'ckan' || !ds.licence) return;
        const isopen = flag(ds.extras.isopen);
        const n = normaliseLicence(ds.licence);
        const data = { licence: licenceName(n), reason: n.opennessReason };
        const location = locate(ds, 'extras.isopen');
        if (isopen === false && n.openness === 'open') context.report({ messageId: 'flaggedClosed', data, location });
        if (isopen === true && n.openness === 'not-open') context.report({ messageId: 'flaggedOpen', data, location });
      },
    };
  },
});
