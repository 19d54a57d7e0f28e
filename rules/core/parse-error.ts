import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a descriptor file is not valid JSON or YAML, or cannot be read. */
export const meta: RuleMeta = {
  id: 'core/parse-error',
  family: 'core',
  description: 'A descriptor file is not valid JSON or YAML, or cannot be read.',
  rationale: 'Nothing in a file that does not parse can be published or harvested; the position tells where to look.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    syntax: '{{message}}',
    unreadable: 'cannot read the file: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
