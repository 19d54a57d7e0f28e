import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a descriptor violates its format’s JSON Schema. */
export const meta: RuleMeta = {
  id: 'core/invalid-descriptor',
  family: 'core',
  description: 'A descriptor violates its format’s JSON Schema.',
  rationale: 'Values in the wrong place or of the wrong type are lost on upload; the JSON pointer says which.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    schemaViolation: 'invalid descriptor: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
