import { defineRule } from '../../src/engine/rule-api.js';
import { datasetGender, declaredFor, DEFAULT_FLAG_OPTIONS, FLAG_OPTIONS_SCHEMA, type FlagOptions } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/**
 * "Gender statistics" declared yes, while the data are declared not sex-disaggregated, or (not
 * declared either way) no data file read has a sex dimension. When sex-disaggregated is declared
 * yes without a sex dimension, gender/sex-disaggregated-without-sex-dimension reports it.
 */
export const { meta, create } = defineRule<FlagOptions>({
  meta: {
    id: 'gender/gender-statistics-without-disaggregation',
    family: 'gender',
    description: 'The dataset is declared gender statistics, but its data are not sex-disaggregated.',
    rationale:
      'Gender statistics are, first of all, "data collected and presented disaggregated by sex as a primary and overall ' +
      'classification" (UNSTATS, Gender Statistics Manual; Developing Gender Statistics: A Practical Tool, UNECE 2010), ' +
      'the definition the Brussels-Capital Region applies under its ordinance of 29 March 2012 on gender mainstreaming. ' +
      'Data that are not sex-disaggregated cannot be gender statistics.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: { ...FLAG_OPTIONS_SCHEMA } },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS },
    messages: {
      declaredNotDisaggregated: 'the dataset is declared gender statistics but also declared not sex-disaggregated; gender statistics are sex-disaggregated by definition',
      noSexDimension: 'the dataset is declared gender statistics, but none of the {{tables}} data file(s) read has a sex column or separate columns for women and men',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        if (ds.source.format === 'data-file') return;
        const { genderStatistics: gs, sexDisaggregated: sd } = declaredFor(ds, context.options);
        if (gs.state !== 'declared' || !gs.value) return;
        if (sd.state === 'declared' && !sd.value) {
          context.report({ messageId: 'declaredNotDisaggregated', location: gs.location });
          return;
        }
        const tables = datasetGender(ds)?.tables ?? [];
        if (sd.state === 'declared' || tables.length === 0 || tables.some((t) => t.sexDimension)) return;
        context.report({ messageId: 'noSexDimension', data: { tables: tables.length }, location: gs.location });
      },
    });
  },
});
