import { defineRule, locate } from '../../src/engine/rule-api.js';
import { knownFrequency, present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/frequency-not-vocabulary',
    family: 'metadata',
    description: 'The update frequency is not a value of a known frequency vocabulary.',
    rationale:
      'A free-text frequency ("when needed", "tous les ans") cannot be filtered on or compared. DCAT-AP 3 ' +
      'dct:accrualPeriodicity takes a value of the EU frequency vocabulary ' +
      '(http://publications.europa.eu/resource/authority/frequency/ANNUAL...); udata accepts its own frequency ids; ' +
      'DCAT-US an ISO 8601 repeating duration (R/P1Y).',
    severity: 'info',
    presets: ['dcat-ap', 'france', 'luxembourg'],
    messages: {
      unknown: 'the update frequency "{{value}}" is not from the EU frequency vocabulary (e.g. http://publications.europa.eu/resource/authority/frequency/ANNUAL)',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const value = ds.frequency;
        if (present(value) && !knownFrequency(value!)) context.report({ messageId: 'unknown', data: { value: value! }, location: locate(ds, 'frequency') });
      },
    };
  },
});
