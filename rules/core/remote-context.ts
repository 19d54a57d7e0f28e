import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the DCAT-AP loader (not by hooks): a JSON-LD descriptor names a remote @context odlint has no copy of; it never fetches one. */
export const meta: RuleMeta = {
  id: 'core/remote-context',
  family: 'core',
  description: 'A JSON-LD descriptor names a remote @context that odlint has no bundled copy of (it never fetches one).',
  rationale:
    'odlint never goes online to read a descriptor, so the meaning of terms defined only in a remote context is unknown ' +
    'and their values are not checked. An inline @context (or Turtle) makes the file self-contained; harvesters that ' +
    'cannot fetch the context lose the same values.',
  severity: 'warning',
  presets: ['recommended'],
  messages: {
    notFetched:
      'remote @context "{{url}}" not fetched (odlint reads descriptors offline): only properties written with the usual DCAT-AP prefixes (dcat:, dct:, foaf:, vcard:…) were read',
  },
};

export function create(): RuleHooks {
  return {};
}
