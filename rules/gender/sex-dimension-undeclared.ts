import { defineRule, locate } from '../../src/engine/rule-api.js';
import { datasetGender, declaredFor, DEFAULT_FLAG_OPTIONS, firstEvidence, FLAG_OPTIONS_SCHEMA, sexEvidence, type FlagOptions } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/**
 * A data file has a sex dimension but the dataset does not declare sex-disaggregated data (or
 * declares no). For a data file linted without a descriptor, the detection itself is reported
 * as information.
 */
export const { meta, create } = defineRule<FlagOptions>({
  meta: {
    id: 'gender/sex-dimension-undeclared',
    family: 'gender',
    description: 'A data file has a sex dimension, but the dataset does not declare sex-disaggregated data.',
    rationale:
      'Brussels-Capital Region ordinance of 29 March 2012 on gender mainstreaming: the portal marks datasets holding ' +
      'sex-disaggregated data (UNESCO 2003: collected and presented separately for women and men) so that they can be ' +
      'found and counted. A sex-disaggregated dataset that does not say so is missed by users looking for gender data ' +
      'and lowers the share the region reports.',
    severity: 'warning',
    presets: ['brussels'],
    needsRows: true,
    optionsSchema: { properties: { ...FLAG_OPTIONS_SCHEMA } },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS },
    messages: {
      declaredFalse: 'the dataset declares that its data are not sex-disaggregated, but {{file}} has {{evidence}}',
      undeclared: '{{file}} has {{evidence}}, but the dataset does not declare sex-disaggregated data: declare "sexDisaggregated" yes',
      detected: 'the data are sex-disaggregated: {{evidence}}',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        const tables = datasetGender(ds)?.tables ?? [];
        if (ds.source.format === 'data-file') {
          for (const t of tables) {
            const e = sexEvidence(t);
            if (e) context.report({ messageId: 'detected', data: { evidence: e.text }, location: e.location, severity: 'info' });
          }
          return;
        }
        const sd = declaredFor(ds, context.options).sexDisaggregated;
        if (sd.state === 'invalid' || (sd.state === 'declared' && sd.value)) return;
        const evidence = firstEvidence(tables, sexEvidence);
        if (!evidence) return;
        const data = { evidence: evidence.text, file: evidence.file };
        if (sd.state === 'declared') context.report({ messageId: 'declaredFalse', data, location: sd.location });
        else context.report({ messageId: 'undeclared', data, location: locate(ds, 'flags.sexDisaggregated') });
      },
    });
  },
});
