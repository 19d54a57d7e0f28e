import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the loaders (not by hooks): a Table Schema or CSV dialect that a resource names cannot be used. */
export const meta: RuleMeta = {
  id: 'core/reference-unreadable',
  family: 'core',
  description: 'A Table Schema or CSV dialect that a resource names by path is missing, not JSON/YAML, or not a schema/dialect.',
  rationale:
    'Without its schema, none of the type, constraint and header checks can run, and the data file looks clean when it is not; ' +
    'without its dialect the file is read with guessed settings. Frictionless reports the same as `schema-error` / `dialect-error`.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    missing: 'the {{kind}} file "{{path}}" cannot be read ({{reason}}): {{without}}',
    syntax: 'the {{kind}} file "{{path}}" is not valid JSON or YAML: {{message}}; {{without}}',
    invalid: 'the {{kind}} {{where}} is not usable: {{reason}}; {{without}}',
  },
};

export function create(): RuleHooks {
  return {};
}
