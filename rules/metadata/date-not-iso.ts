import { defineRule, locate } from '../../src/engine/rule-api.js';
import type { Located } from '../../src/model/index.js';
import { isIsoDate, present } from '../../src/knowledge/dcat-ap.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'metadata/date-not-iso',
    family: 'metadata',
    description: 'A publication, modification or coverage date is not written in ISO 8601 (YYYY-MM-DD).',
    rationale:
      'Dates like "06/05/2009" are ambiguous (6 May or June 5?) and cannot be sorted or filtered. DCAT-AP 3 types ' +
      'dct:issued, dct:modified and the dcat:startDate / dcat:endDate of dct:temporal as xsd:date or xsd:dateTime ' +
      '(ISO 8601); MQA checks them in "DCAT-AP compliance" (30 points) and the contextuality dates (5 points each).',
    severity: 'warning',
    presets: ['recommended', 'dcat-ap', 'mqa'],
    messages: { notIso: '{{owner}} {{property}} "{{value}}" is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)' },
  },
  create(context) {
    const check = (entity: Located, owner: string, property: string, value: string | undefined, at = property) => {
      if (present(value) && !isIsoDate(value!)) context.report({ messageId: 'notIso', data: { owner, property, value: value! }, location: locate(entity, at) });
    };
    return {
      dataset(ds) {
        // odlint's dataset.yaml schema already rejects them (core/invalid-descriptor).
        if (ds.source.format === 'odlint') return;
        check(ds, 'the dataset', 'issued', ds.issued);
        check(ds, 'the dataset', 'modified', ds.modified);
        check(ds, 'the dataset', 'temporal start', ds.temporal?.start, 'temporal.start');
        check(ds, 'the dataset', 'temporal end', ds.temporal?.end, 'temporal.end');
      },
      distribution(dist, ds) {
        if (ds.source.format === 'odlint') return;
        const owner = `distribution ${ds.distributions.indexOf(dist) + 1}`;
        check(dist, owner, 'issued', dist.issued);
        check(dist, owner, 'modified', dist.modified);
      },
    };
  },
});
