import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a descriptor is in a format odlint recognises but cannot load yet. */
export const meta: RuleMeta = {
  id: 'core/unsupported-format',
  family: 'core',
  description: 'A descriptor is in a format odlint recognises but cannot load yet.',
  rationale: 'Better to say a file was not checked than to pass it silently.',
  severity: 'info',
  presets: ['recommended'],
  messages: {
    unsupported: '{{format}} descriptors are not supported yet: the file was not checked',
  },
};

export function create(): RuleHooks {
  return {};
}
