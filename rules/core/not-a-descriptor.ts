import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a file given to odlint is not a dataset descriptor of any supported format. */
export const meta: RuleMeta = {
  id: 'core/not-a-descriptor',
  family: 'core',
  description: 'A file given to odlint is not a dataset descriptor of any supported format.',
  rationale: 'odlint reads CKAN, udata, Frictionless and odlint descriptors; anything else would be silently skipped, so a file named explicitly is reported.',
  severity: 'warning',
  presets: ['recommended'],
  messages: {
    notADescriptor: 'not a dataset descriptor: {{reason}}',
    noDatasets: 'the {{format}} document holds no dataset',
  },
};

export function create(): RuleHooks {
  return {};
}
