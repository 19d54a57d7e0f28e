import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a folder or file found among the inputs cannot be read. */
export const meta: RuleMeta = {
  id: 'core/unreadable',
  family: 'core',
  description: 'A folder or file among the inputs cannot be read (permissions, a dangling symlink, a FIFO or device).',
  rationale: 'A folder odlint cannot list hides every descriptor in it: a run that skipped it would report "0 problems" and pass the gate without checking anything.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    unreadable: 'cannot read "{{path}}" ({{code}}): not linted',
  },
};

export function create(): RuleHooks {
  return {};
}
