import { defineRule, locate } from '../../src/engine/rule-api.js';
import { accessRightsFromVocabulary, present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/access-rights-missing',
    family: 'metadata',
    description: 'The dataset states no access rights, or states them outside the EU access-right vocabulary.',
    rationale:
      'Access rights say whether anyone may access the data (public), or only some (restricted, non-public). ' +
      'DCAT-AP 3 dct:accessRights (recommended, EU access-right vocabulary); MQA reusability "access restrictions" ' +
      '(10 points) and "access restrictions vocabulary" (5 points).',
    severity: 'info',
    presets: ['dcat-ap', 'mqa'],
    messages: {
      missing: 'the dataset states no access rights',
      notVocabulary:
        'the access rights "{{value}}" are not from the EU access-right vocabulary (http://publications.europa.eu/resource/authority/access-right/PUBLIC, NON_PUBLIC, RESTRICTED)',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const value = ds.accessRights;
        if (!present(value)) context.report({ messageId: 'missing', location: locate(ds, 'accessRights') });
        else if (!accessRightsFromVocabulary(value)) {
          context.report({ messageId: 'notVocabulary', data: { value: value! }, location: locate(ds, 'accessRights') });
        }
      },
    };
  },
});
