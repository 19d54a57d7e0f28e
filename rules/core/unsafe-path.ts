import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a data path in a descriptor, or a symlink found while walking a folder, leads outside the folder it belongs to. */
export const meta: RuleMeta = {
  id: 'core/unsafe-path',
  family: 'core',
  description: 'A data path in a descriptor, or a symlink found in a linted folder, leads outside its folder.',
  rationale: 'odlint never reads files outside the folder of the descriptor that references them (no `../`, absolute paths or symlinks leading out), so a descriptor cannot make it read arbitrary files — and print their first line in a report; portals reject such paths too.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    outside: 'data path "{{path}}" points outside the descriptor folder: not read',
    linkOutside: 'data path "{{path}}" is a symlink leading outside the descriptor folder: not read (see --allow-root)',
    walkLinkOutside: '"{{path}}" is a symlink leading outside the linted folder: not read (see --allow-root)',
  },
};

export function create(): RuleHooks {
  return {};
}
