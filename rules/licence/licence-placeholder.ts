import { defineRule } from '../../src/engine/rule-api.js';
import { licenceUses, shownValue } from '../../src/knowledge/licences.js';
import { extended } from '../../src/util/objects.js';

/**
 * A licence field filled with something that names no licence: `notspecified`, "unknown",
 * "see website", an HTML fragment without a recognisable licence, POD's "unknown-license" URL.
 * CKAN's `other-open` / `other-pd` / `other-at` declare openness but still name no licence:
 * reported as information.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-placeholder',
    family: 'licence',
    description: 'The licence field holds a placeholder ("notspecified", "see website", HTML) instead of a licence.',
    rationale:
      'A placeholder is a missing licence in disguise: reusers cannot tell what they may do, and portals count it as stated. ' +
      'MQA reusability "license information" and "license vocabulary"; udata quality criterion "license" ' +
      '(data.gouv.fr, data.public.lu); CKAN treats `notspecified` as not open.',
    severity: 'error',
    presets: ['recommended'],
    messages: {
      placeholder: '{{owner}} states licence "{{value}}", a placeholder that names no licence',
      html: '{{owner}} states its licence as an HTML fragment that names no recognisable licence: "{{value}}"',
      url: '{{owner}} states licence URL "{{value}}", which stands for an unknown licence',
      generic: '{{owner}} states "{{value}}": it declares the data {{openness}} but does not say which licence applies',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of licenceUses(ds)) {
          const n = use.normalised;
          const data = { owner: use.owner, value: shownValue(use.licence.raw) };
          if (n.kind === 'placeholder') {
            const messageId = n.placeholder === 'html' || n.placeholder === 'url' ? n.placeholder : 'placeholder';
            context.report({ messageId, data, location: use.location });
          } else if (n.kind === 'generic' && n.openness === 'open') {
            // Open but unnamed: a gap in the metadata, not a legal problem (licence-not-open covers other-nc/other-closed).
            context.report({ messageId: 'generic', data: extended(data, { openness: 'open' }), location: use.location, severity: 'info' });
          }
        }
      },
    };
  },
});
