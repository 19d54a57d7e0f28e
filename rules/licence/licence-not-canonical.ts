import { defineRule } from '../../src/engine/rule-api.js';
import { licenceFix, licenceName, licenceUses, namesLicence, shownValue } from '../../src/knowledge/licences.js';

/**
 * A recognised licence written loosely: a title, a case or spacing variant ("CC-BY 4.0"), a
 * name without version ("Licence Ouverte"), free text or HTML around a link. The canonical
 * form is the SPDX id (else odlint's id). `--fix` rewrites the value in odlint's dataset.yaml
 * when the reading is unambiguous (not for version-less names, free text or HTML).
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/licence-not-canonical',
    family: 'licence',
    description: 'The licence is recognised but not written as its identifier (e.g. "CC-BY 4.0" for CC-BY-4.0).',
    rationale:
      'Harvesters and portals match licences by identifier; a title or a variant spelling is recognised by some tools and not others. ' +
      'MQA reusability "license vocabulary"; Frictionless `licenses[].name` must be an Open Definition / SPDX id.',
    severity: 'info',
    presets: ['recommended'],
    fixable: true,
    messages: {
      notCanonical: '{{owner}} states licence "{{value}}"; its identifier is "{{canonical}}"',
      versionless: '{{owner}} states licence "{{value}}" without a version, read as "{{canonical}}": write the identifier of the version meant',
      embedded: '{{owner}} states its licence inside text or HTML ("{{value}}"); write its identifier "{{canonical}}" instead',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of licenceUses(ds)) {
          const raw = use.normalised.parts.raw;
          if (!namesLicence(raw) || raw.exact || raw.deprecated || raw.by === 'url') continue;
          const canonical = licenceName(raw);
          const data = { owner: use.owner, value: shownValue(use.licence.raw), canonical };
          if (raw.versionless) context.report({ messageId: 'versionless', data, location: use.location });
          else if (raw.by === 'html' || raw.by === 'text') context.report({ messageId: 'embedded', data, location: use.location });
          else {
            const fix = licenceFix(ds, use, canonical);
            context.report({ messageId: 'notCanonical', data, location: use.location, ...(fix ? { fix } : {}) });
          }
        }
      },
    };
  },
});
