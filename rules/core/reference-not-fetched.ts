import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the loaders (not by hooks): a descriptor names a schema, dialect, dataset or catalogue only by URL, which odlint does not fetch. */
export const meta: RuleMeta = {
  id: 'core/reference-not-fetched',
  family: 'core',
  description:
    'A descriptor names something only by URL (a Frictionless Table Schema or CSV dialect; a dataset or catalogue a DCAT-US 3.0 catalogue lists without describing it): odlint reads descriptors offline, so it is not used.',
  rationale:
    'odlint never goes online to read a descriptor. Saying so keeps the report honest: the schema checks did not run on that ' +
    'resource (or its file was read with a detected dialect), so a clean result does not mean the data matches its schema; ' +
    'a dataset a catalogue only links to was not linted at all.',
  severity: 'info',
  presets: ['recommended'],
  messages: {
    remote: 'the {{kind}} at {{url}} is remote and not fetched (odlint reads descriptors offline): {{without}}',
  },
};

export function create(): RuleHooks {
  return {};
}
