import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a data path in a descriptor points outside the descriptor’s folder. */
export const meta: RuleMeta = {
  id: 'core/unsafe-path',
  family: 'core',
  description: 'A data path in a descriptor points outside the descriptor’s folder.',
  rationale: 'odlint never reads files outside the folder of the descriptor that references them (no `../` or absolute paths), so a descriptor cannot make it read arbitrary files; portals reject such paths too.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    outside: 'data path "{{path}}" points outside the descriptor folder: not read',
  },
};

export function create(): RuleHooks {
  return {};
}
