import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the engine itself (not by hooks): a descriptor file does not parse (JSON, YAML, Turtle, N-Triples, RDF/XML, JSON-LD), or cannot be read; in RDF, also each statement or element the parser read around. */
export const meta: RuleMeta = {
  id: 'core/parse-error',
  family: 'core',
  description: 'A descriptor file does not parse (JSON, YAML, Turtle, N-Triples, RDF/XML, JSON-LD), or cannot be read.',
  rationale: 'Nothing in a file that does not parse can be published or harvested; the position tells where to look.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    syntax: '{{message}}',
    skipped: '{{message}}: this part was not read, the rest of the file was',
    unreadable: 'cannot read the file: {{message}}',
  },
};

export function create(): RuleHooks {
  return {};
}
