import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a data file cannot be read or parsed as its format. */
export const meta: RuleMeta = {
  id: 'core/data-unreadable',
  family: 'core',
  description: 'A data file cannot be read or parsed as its format.',
  rationale: 'A file users cannot open is as good as missing.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    unreadable: 'data file cannot be read: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
