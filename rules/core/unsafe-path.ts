import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a data path in a descriptor, or a symlink found while walking a folder, leads outside the folder it belongs to. */
export const meta: RuleMeta = {
  id: 'core/unsafe-path',
  family: 'core',
  description: 'A data path in a descriptor, a symlink found in a linted folder, or an archive entry leads outside its folder.',
  rationale: 'odlint never reads files outside the folder of the descriptor that references them (no `../`, absolute paths or symlinks leading out), so a descriptor cannot make it read arbitrary files — and print their first line in a report; portals reject such paths too.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    outside: 'data path "{{path}}" points outside the descriptor folder: not read',
    linkOutside: 'data path "{{path}}" is a symlink leading outside the descriptor folder: not read (see --allow-root)',
    walkLinkOutside: '"{{path}}" is a symlink leading outside the linted folder: not read (see --allow-root)',
    entryOutside: 'archive entry "{{path}}" leads outside the archive (an absolute path or a ".." segment): not read; unpacking it would write outside the target folder',
    entryLink: 'archive entry "{{path}}" is a symbolic link: not read; unpacking it would create a link to anywhere',
  },
};

export function create(): RuleHooks {
  return {};
}
