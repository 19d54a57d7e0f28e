import { defineRule } from '../../src/engine/rule-api.js';
import { datasetGender, declaredFor, DEFAULT_FLAG_OPTIONS, FLAG_OPTIONS_SCHEMA, type FlagOptions } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

/** "Sex-disaggregated" declared yes, yet no data file read has a sex column or women/men columns. */
export const { meta, create } = defineRule<FlagOptions>({
  meta: {
    id: 'gender/sex-disaggregated-without-sex-dimension',
    family: 'gender',
    description: 'The dataset declares sex-disaggregated data, but no data file has a sex column or separate columns for women and men.',
    rationale:
      'Sex-disaggregated data are "data collected and presented separately on women and men" (UNESCO, Gender Mainstreaming ' +
      'Implementation Framework, 2003), the definition used by the Brussels-Capital Region for its ordinance of 29 March ' +
      '2012 on gender mainstreaming. A dataset declared so whose files show no sex dimension inflates the share reported ' +
      'for the catalogue, or its sex column uses codes no reuser can recognise.',
    severity: 'warning',
    presets: ['recommended'],
    needsRows: true,
    optionsSchema: { properties: { ...FLAG_OPTIONS_SCHEMA } },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS },
    messages: {
      noSexDimension:
        'the dataset declares sex-disaggregated data, but none of the {{tables}} data file(s) read has a sex column (sex, sexe, geslacht, Geschlecht...) or separate columns for women and men',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        if (ds.source.format === 'data-file') return;
        const sd = declaredFor(ds, context.options).sexDisaggregated;
        const tables = datasetGender(ds)?.tables ?? [];
        if (sd.state !== 'declared' || !sd.value || tables.length === 0 || tables.some((t) => t.sexDimension)) return;
        context.report({ messageId: 'noSexDimension', data: { tables: tables.length }, location: sd.location });
      },
    });
  },
});
