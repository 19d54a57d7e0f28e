import { defineRule, locate } from '../../src/engine/rule-api.js';
import {
  datasetGender,
  declaredFor,
  DEFAULT_FLAG_OPTIONS,
  firstEvidence,
  FLAG_OPTIONS_SCHEMA,
  personEvidence,
  type FlagOptions,
} from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/**
 * "Data concerning individuals" declared no (or not declared) while the data files count or
 * describe people; and "sex-disaggregated" declared yes while "concerning individuals" is no.
 */
export const { meta, create } = defineRule<FlagOptions>({
  meta: {
    id: 'gender/concerns-individuals-inconsistent',
    family: 'gender',
    description: 'The "data concerning individuals" flag is no or missing, but the data count or describe people.',
    rationale:
      'Brussels-Capital Region ordinance of 29 March 2012 on gender mainstreaming: datasets concerning individuals ' +
      '(natural persons, whether or not the data are personal) are those that should be sex-disaggregated. A dataset ' +
      'counting pupils, inhabitants or patients that says it does not concern individuals escapes the measure.',
    severity: 'warning',
    presets: ['brussels'],
    needsRows: true,
    optionsSchema: { properties: { ...FLAG_OPTIONS_SCHEMA } },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS },
    messages: {
      declaredFalse: 'the dataset declares that its data do not concern individuals, but in {{file}} {{evidence}}',
      undeclared: 'the dataset does not declare that its data concern individuals, but in {{file}} {{evidence}}: declare "concernsIndividuals" yes',
      sexWithoutIndividuals: 'the dataset declares sex-disaggregated data but data not concerning individuals: sex-disaggregated data always concern individuals',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        if (ds.source.format === 'data-file') return;
        const { concernsIndividuals: ci, sexDisaggregated: sd } = declaredFor(ds, context.options);
        if (ci.state === 'declared' && !ci.value && sd.state === 'declared' && sd.value) {
          context.report({ messageId: 'sexWithoutIndividuals', location: ci.location });
          return;
        }
        if (ci.state === 'invalid' || (ci.state === 'declared' && ci.value)) return;
        const evidence = firstEvidence(datasetGender(ds)?.tables ?? [], personEvidence);
        if (!evidence) return;
        const data = { evidence: evidence.text, file: evidence.file };
        if (ci.state === 'declared') context.report({ messageId: 'declaredFalse', data, location: ci.location });
        else context.report({ messageId: 'undeclared', data, location: locate(ds, 'flags.concernsIndividuals') });
      },
    });
  },
});
