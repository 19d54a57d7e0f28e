import { defineRule } from '../../src/engine/rule-api.js';
import { columnDocs, isVocabulary } from '../../src/knowledge/documentation.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/concept-links-missing',
    family: 'documentation',
    description: 'Documented columns are not linked to the concepts they stand for (Table Schema rdfType, CSVW propertyUrl, dct:conformsTo to a vocabulary).',
    rationale:
      'A column called "gemeente" may hold a name, a CBS code or a BAG identifier: a link to a defined concept (a term of a ' +
      'vocabulary, a begrippenkader) says which. The Dutch data-communities programme asks which concepts the data use. ' +
      'Frictionless Table Schema `rdfType`; W3C CSVW `propertyUrl`; DCAT-AP 3 dct:conformsTo.',
    severity: 'info',
    presets: ['netherlands'],
    messages: {
      none: 'distribution {{index}}: none of its {{total}} documented columns links to a concept (rdfType, propertyUrl) and no vocabulary is named in conformsTo',
    },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        const docs = columnDocs(dist, ds);
        if (!docs?.columns?.length || docs.columns.some((c) => c.concept)) return;
        if ([...(dist.conformsTo ?? []), ...ds.conformsTo].some(isVocabulary)) return;
        context.report({ messageId: 'none', data: { index: ds.distributions.indexOf(dist) + 1, total: docs.columns.length }, location: docs.location });
      },
    };
  },
});
