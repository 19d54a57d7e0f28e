import { defineRule, locate } from '../../src/engine/rule-api.js';
import { notOpenBecause, reuseConditionsStated } from '../../src/knowledge/documentation.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/reuse-conditions-missing',
    family: 'documentation',
    description: 'Access to the dataset is restricted or its licence is not open, and the conditions for reuse are not described.',
    rationale:
      'Data that are not open can often still be reused — after signing an agreement, logging in, or for some purposes — ' +
      'but only if the publisher says how. The Dutch data-communities programme found that the reuse conditions of non-open ' +
      'data are rarely described; data.overheid.nl lists "beperkt" and "niet publiek" datasets with their conditions or ' +
      'grounds. DCAT-AP 3 dct:accessRights, dct:rights, odrl:hasPolicy.',
    severity: 'warning',
    presets: ['netherlands'],
    messages: {
      accessRights: 'access is restricted ({{value}}) but the conditions for reuse are not described (dct:rights, odrl:hasPolicy or a page about them)',
      licence: 'the licence "{{value}}" is not open but the conditions for reuse are not described (dct:rights, odrl:hasPolicy or a page about them)',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const why = notOpenBecause(ds);
        if (!why || reuseConditionsStated(ds)) return;
        const location = why.reason === 'accessRights' ? locate(ds, 'accessRights') : ds.licence?.openness === 'not-open' ? locate(ds, 'licence') : ds.at;
        context.report({ messageId: why.reason, data: { value: why.value }, location });
      },
    };
  },
});
