import { defineRule } from '../../src/engine/rule-api.js';
import { canonicalId, licenceName, licenceUses, normaliseLicence } from '../../src/knowledge/licences.js';

interface Options {
  /** Licences the portal prefers or allows (any id, name or URL odlint recognises). */
  preferred: string[];
}

/**
 * A portal policy: the licence is not one the portal prefers (Luxembourg: CC0) or allows
 * (France, décret 2017-638: Licence Ouverte 2.0, ODbL and listed software licences). Does
 * nothing until the option lists licences; the portal presets set it.
 */
export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'licence/licence-not-preferred',
    family: 'licence',
    description: "The licence is not one of the portal's preferred or allowed licences (option `preferred`).",
    rationale:
      'Portals ask for a short list of licences so that data can be combined freely. Luxembourg open-data strategy: CC0 preferred; ' +
      'France, décret n° 2017-638 (Code des relations entre le public et l’administration, art. D323-2-1): administrations reuse-license ' +
      'data under Licence Ouverte 2.0 or ODbL (and listed open-source licences for software).',
    severity: 'info',
    presets: ['luxembourg', 'france'],
    optionsSchema: {
      properties: {
        preferred: { type: 'array', items: { type: 'string' }, description: 'Preferred or allowed licences (ids, names or URLs).' },
      },
    },
    defaultOptions: { preferred: [] },
    messages: {
      notPreferred: "{{owner}} uses {{licence}}, which is not one of the portal's licences ({{preferred}})",
    },
  },
  create(context) {
    const preferred = new Set(
      context.options.preferred.map((p) => normaliseLicence({ raw: p }).entry).flatMap((e) => (e ? [canonicalId(e)] : [])),
    );
    const ids = [...preferred];
    const list = ids.length > 4 ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more` : ids.join(', ');
    return {
      dataset(ds) {
        if (preferred.size === 0) return;
        for (const use of licenceUses(ds)) {
          const n = use.normalised;
          // Unrecognised and non-open licences have rules of their own.
          if ((n.kind !== 'recognised' && n.kind !== 'expression') || n.openness === 'not-open') continue;
          const entries = n.entries ?? (n.entry ? [n.entry] : []);
          if (entries.some((e) => preferred.has(canonicalId(e)))) continue;
          context.report({ messageId: 'notPreferred', data: { owner: use.owner, licence: licenceName(n), preferred: list }, location: use.location });
        }
      },
    };
  },
});
