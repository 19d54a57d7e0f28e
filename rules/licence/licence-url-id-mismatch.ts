import { defineRule } from '../../src/engine/rule-api.js';
import { licenceName, licenceUses, sameLicence, shownValue } from '../../src/knowledge/licences.js';

/**
 * A licence stated twice, as an id and as a URL (CKAN `license_id` + `license_url`, a
 * Frictionless licence `name` + `path`, udata `{id, url}`), where the two name different licences.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-url-id-mismatch',
    family: 'licence',
    description: 'The licence id and the licence URL name different licences.',
    rationale:
      'When the id and the URL disagree, harvesters pick one (DCAT-AP wants the URI, CKAN the id) and reusers may follow the other: ' +
      'the rights stated depend on who reads them. MQA reusability "license vocabulary"; Frictionless licence `name` and `path` must describe the same licence.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      mismatch: '{{owner}} states licence "{{id}}" ({{idLicence}}) but its URL {{url}} is {{urlLicence}}',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of licenceUses(ds)) {
          const { raw, url } = use.normalised.parts;
          if (!url || use.licence.url === undefined) continue;
          const named = (k: string) => k === 'recognised' || k === 'expression';
          if (!named(raw.kind) || !named(url.kind) || sameLicence(raw, url)) continue;
          context.report({
            messageId: 'mismatch',
            data: { owner: use.owner, id: shownValue(use.licence.raw), idLicence: licenceName(raw), url: shownValue(use.licence.url), urlLicence: licenceName(url) },
            location: use.location,
          });
        }
      },
    };
  },
});
