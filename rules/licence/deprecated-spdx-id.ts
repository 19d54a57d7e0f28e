import { defineRule } from '../../src/engine/rule-api.js';
import { licenceFix, licenceUses } from '../../src/knowledge/licences.js';

/** A licence written with an SPDX id SPDX has deprecated (GPL-2.0, GFDL-1.3, GPL-2.0+). */
export const { meta, create } = defineRule({
  meta: {
    id: 'licence/deprecated-spdx-id',
    family: 'licence',
    description: 'The licence uses a deprecated SPDX identifier (e.g. GPL-2.0 instead of GPL-2.0-only).',
    rationale:
      'Deprecated SPDX ids are ambiguous ("GPL-2.0": only, or or-later?) and tools drop them from their lists. ' +
      'SPDX License List: deprecated identifiers; Frictionless and DCAT-AP reuse SPDX ids.',
    severity: 'warning',
    presets: ['recommended'],
    fixable: true,
    messages: {
      deprecated: '{{owner}} uses the deprecated SPDX id "{{id}}"; write "{{replacement}}"',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const use of licenceUses(ds)) {
          const raw = use.normalised.parts.raw;
          for (const { id, replacement } of raw.deprecated ?? []) {
            // The whole value can be rewritten only when it is one id or an expression odlint normalised.
            const to = raw.kind === 'expression' ? raw.spdx : replacement;
            const fix = to ? licenceFix(ds, use, to) : undefined;
            context.report({ messageId: 'deprecated', data: { owner: use.owner, id, replacement }, location: use.location, ...(fix ? { fix } : {}) });
          }
        }
      },
    };
  },
});
