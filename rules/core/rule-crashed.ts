import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a rule failed with an internal error on this dataset (the other rules still ran). */
export const meta: RuleMeta = {
  id: 'core/rule-crashed',
  family: 'core',
  description: 'A rule failed with an internal error on this dataset (the other rules still ran).',
  rationale: 'One broken rule must not hide the findings of the others; please report it.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    crashed: 'rule {{rule}} failed on this dataset: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
