import type { RuleMeta, RuleHooks } from '../../src/engine/rule-api.js';

/** Reported by the udata loader (not by hooks): a dataset links to its resources instead of including them (API v2). */
export const meta: RuleMeta = {
  id: 'core/distributions-not-included',
  family: 'core',
  description: 'A dataset links to its distributions instead of including them, so they were not checked.',
  rationale:
    'udata API v2 answers give `resources: {rel, href, total}`, a link to a separate page of resources. odlint reads ' +
    'descriptors offline and does not follow it, so the distributions are unknown — not absent: the distribution rules ' +
    '(no distribution, formats, licences of files) and the scores that need distributions (MQA accessibility, udata, ' +
    'five stars) leave the dataset alone instead of reporting "no distribution". Lint the API v1 answer or an export ' +
    'that includes the resources to have them checked.',
  severity: 'info',
  presets: ['recommended'],
  messages: {
    linked: '{{count}} are not included in this descriptor, only linked ({{href}}): distributions were not checked',
  },
};

export function create(): RuleHooks {
  return {};
}
