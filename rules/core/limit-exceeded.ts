import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a file goes beyond one of the resource limits (docs/limits.md). */
export const meta: RuleMeta = {
  id: 'core/limit-exceeded',
  family: 'core',
  description: 'A file goes beyond a resource limit (nesting depth, YAML aliases, syntax errors, size, columns, cells, time, archive entries, sizes and ratios): it is not checked further.',
  rationale:
    'Hostile or broken inputs (a billion-laughs YAML, JSON nested thousands deep, megabytes of garbage) must not crash or stall the run: ' +
    'odlint stops at a documented, configurable limit, says where, and goes on with the other inputs.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    depth: 'nested deeper than {{max}} levels (limits.depth): the file was not checked further',
    yamlAliases: 'YAML aliases expand more than {{max}} times (limits.yamlAliases): the file was not loaded',
    parseErrors: 'more than {{max}} syntax errors (limits.parseErrors), parsing gave up; the first: {{first}}',
    descriptorBytes: 'the file has {{found}} bytes, more than {{max}} (limits.descriptorBytes): it was not read',
    columns: 'the header has {{found}} columns, more than {{max}} (limits.columns): the rows were not read',
    cellsPerRow: 'a record has {{found}} cells, more than {{max}} (limits.cellsPerRow): the rest of the file was not read',
    secondsPerFile: 'the file took more than {{max}} s (limits.secondsPerFile): it was abandoned',
    archiveEntries: 'the archive has {{found}} entries, more than {{max}} (limits.archiveEntries): it was not read',
    archiveBytes: 'the archive decompresses to more than {{max}} bytes (limits.archiveBytes), reached at entry "{{entry}}": the rest was not read',
    archiveRatio: 'archive entry "{{entry}}" decompresses to {{found}} times its compressed size, more than {{max}} (limits.archiveRatio), like a zip bomb: not read',
    archiveDepth: 'archive entry "{{entry}}" is an archive nested more than {{max}} levels deep (limits.archiveDepth): not read',
  },
};

export function create(): RuleHooks {
  return {};
}
