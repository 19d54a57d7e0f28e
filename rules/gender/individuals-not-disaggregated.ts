import { defineRule } from '../../src/engine/rule-api.js';
import { datasetGender, declaredFor, DEFAULT_FLAG_OPTIONS, firstEvidence, FLAG_OPTIONS_SCHEMA, personEvidence, type FlagOptions } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/**
 * Data that count or describe people, with no sex dimension: the case gender mainstreaming asks
 * publishers to reconsider. Information only: not every count of people can be split by sex.
 */
export const { meta, create } = defineRule<FlagOptions>({
  meta: {
    id: 'gender/individuals-not-disaggregated',
    family: 'gender',
    description: 'The data count or describe people but are not disaggregated by sex.',
    rationale:
      'Brussels-Capital Region ordinance of 29 March 2012 on gender mainstreaming: statistics the administrations produce ' +
      'about persons are to be broken down by sex where relevant, so that policies can be assessed for women and men ' +
      '(sex-disaggregated data: UNESCO 2003; gender statistics: UNSTATS). Counts of pupils, inhabitants or patients ' +
      'without a sex dimension hide any difference between women and men.',
    severity: 'info',
    presets: ['brussels'],
    needsRows: true,
    optionsSchema: { properties: { ...FLAG_OPTIONS_SCHEMA } },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS },
    messages: {
      notDisaggregated: '{{evidence}}, but the data are not disaggregated by sex',
      declaredIndividuals: 'the dataset declares data concerning individuals, but none of the {{tables}} data file(s) read is disaggregated by sex',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        const tables = datasetGender(ds)?.tables ?? [];
        if (tables.length === 0 || tables.some((t) => t.sexDimension || t.sexColumnGroup)) return;
        const evidence = firstEvidence(tables, personEvidence);
        if (ds.source.format !== 'data-file') {
          const { concernsIndividuals: ci, sexDisaggregated: sd } = declaredFor(ds, context.options);
          // Declared "not about people" or "sex-disaggregated": the consistency rules speak.
          if ((ci.state === 'declared' && !ci.value) || (sd.state === 'declared' && sd.value)) return;
          if (!evidence && ci.state === 'declared') {
            context.report({ messageId: 'declaredIndividuals', data: { tables: tables.length }, location: ci.location });
            return;
          }
        }
        if (evidence) context.report({ messageId: 'notDisaggregated', data: { evidence: evidence.text }, location: evidence.location });
      },
    });
  },
});
