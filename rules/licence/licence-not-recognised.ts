import { defineRule } from '../../src/engine/rule-api.js';
import { licenceUses, shownValue } from '../../src/knowledge/licences.js';

/**
 * A licence value that names no licence odlint knows: not an SPDX id or expression, not a CKAN,
 * udata or EU licence id, not a known title or URL. Near misses get a suggestion.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-not-recognised',
    family: 'licence',
    description: 'The licence is not a known licence id, title, URL or SPDX expression.',
    rationale:
      'Reusers and harvesters read licences by identifier: a licence they cannot recognise counts as no licence. ' +
      'MQA reusability "license vocabulary" (10 points): dct:license from the EU licence authority table; ' +
      'DCAT-AP dct:license; Frictionless `licenses[].name` must be an Open Definition / SPDX id.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      notRecognised: '{{owner}} states licence "{{value}}", which is not a licence odlint recognises',
      didYouMean: '{{owner}} states licence "{{value}}", which is not recognised; did you mean "{{suggestion}}"?',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of licenceUses(ds)) {
          const n = use.normalised;
          if (n.kind !== 'unknown') continue;
          const suggestion = n.parts.raw.suggestion ?? n.suggestion;
          const data = { owner: use.owner, value: shownValue(use.licence.raw) };
          if (suggestion) context.report({ messageId: 'didYouMean', data: { ...data, suggestion }, location: use.location });
          else context.report({ messageId: 'notRecognised', data, location: use.location });
        }
      },
    };
  },
});
