import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the harvester (not by hooks): a portal page that could not be had, or a harvest that went wrong as a whole (docs/harvest.md). */
export const meta: RuleMeta = {
  id: 'core/harvest-error',
  family: 'core',
  description: 'A page of a portal could not be harvested (after its retries), or the harvest itself went wrong (a paging loop, a count that does not match).',
  rationale:
    'A report of half a portal must say so: ckanext-harvest, udata harvesters and piveau record every page they could not get. ' +
    'The datasets of a failed page are not linted; the finding names the page (its URL is the location) and the answer it got.',
  severity: 'error',
  presets: ['recommended'],
  messages: {
    http: 'the page could not be harvested: {{error}} after {{attempts}} attempt(s); its datasets are not linted',
    network: 'the page could not be harvested: {{error}} after {{attempts}} attempt(s); its datasets are not linted',
    notData: 'the page is not {{expected}} but {{got}}: its datasets are not linted',
    apiError: 'the portal API answered with an error: {{error}}; the datasets of this page are not linted',
    loop: 'the paging loops ({{why}}): the harvest stopped here',
    countMismatch: 'the portal announced {{announced}} datasets but its pages held {{harvested}}',
    gaveUp: 'the harvest gave up after {{failures}} pages in a row failed: the portal seems down',
    badSnapshot: 'the snapshot is damaged: {{why}}',
  },
};

export function create(): RuleHooks {
  return {};
}
