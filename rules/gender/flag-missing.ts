import { defineRule, locate } from '../../src/engine/rule-api.js';
import { declaredFor, DEFAULT_FLAG_OPTIONS, FLAG_LABELS, FLAG_NAMES, FLAG_OPTIONS_SCHEMA, type FlagName, type FlagOptions } from '../../src/knowledge/gender/index.js';

interface Options extends FlagOptions {
  required: FlagName[];
}

/**
 * A portal that applies gender mainstreaming (Brussels: ordinance of 29 March 2012) describes
 * every dataset with its characteristics; a dataset that leaves one out cannot be counted.
 */
export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'gender/flag-missing',
    family: 'gender',
    description: 'A gender-mainstreaming characteristic the portal requires (concerns individuals, sex-disaggregated) is not declared.',
    rationale:
      'Brussels-Capital Region ordinance of 29 March 2012 on gender mainstreaming: the regional open data portal describes ' +
      'each dataset as "data concerning individuals" or not and, if so, as "sex-disaggregated data" (UNESCO 2003: data ' +
      'collected and presented separately for women and men) or not. Without these, the share of sex-disaggregated data ' +
      'cannot be measured.',
    severity: 'error',
    presets: ['brussels'],
    optionsSchema: {
      properties: {
        ...FLAG_OPTIONS_SCHEMA,
        required: {
          type: 'array',
          uniqueItems: true,
          items: { enum: [...FLAG_NAMES] },
          description: 'Flags every dataset must declare. sexDisaggregated and genderStatistics are not required when concernsIndividuals is declared false.',
        },
      },
    },
    defaultOptions: { ...DEFAULT_FLAG_OPTIONS, required: ['concernsIndividuals', 'sexDisaggregated'] },
    messages: {
      missing: 'the dataset does not declare whether it holds {{label}} ("{{flag}}"), which this portal requires',
      invalid: '"{{field}}" is "{{value}}", neither yes nor no: whether the dataset holds {{label}} ("{{flag}}") is unknown',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const declared = declaredFor(ds, context.options);
        const individuals = declared.concernsIndividuals;
        const notAboutPeople = individuals.state === 'declared' && !individuals.value;
        for (const flag of context.options.required) {
          if (flag !== 'concernsIndividuals' && notAboutPeople) continue;
          const d = declared[flag];
          const data = { flag, label: FLAG_LABELS[flag] };
          if (d.state === 'missing') context.report({ messageId: 'missing', data, location: locate(ds, `flags.${flag}`) });
          else if (d.state === 'invalid') context.report({ messageId: 'invalid', data: { ...data, field: d.field, value: d.raw }, location: d.location });
        }
      },
    };
  },
});
