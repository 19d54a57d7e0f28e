import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a saved portal API response is an error envelope instead of data. */
export const meta: RuleMeta = {
  id: 'core/api-error',
  family: 'core',
  description: 'A saved portal API response is an error envelope instead of data.',
  rationale: 'A CKAN `{success: false}` response means the harvest or export failed: the dataset it should describe is missing.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    apiError: 'the portal API returned an error instead of a dataset: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
