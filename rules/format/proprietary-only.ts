import { defineRule, locate } from '../../src/engine/rule-api.js';
import { effectiveFormat, formatLabel, type FormatInfo } from '../../src/knowledge/formats.js';

/** Only data and documents are judged: pages, services, images and archives say little about openness of the data. */
const JUDGED = new Set(['data', 'document']);

export const { meta, create } = defineRule({
  meta: {
    id: 'format/proprietary-only',
    family: 'format',
    description: 'Every distribution of the dataset is in a proprietary format (XLSX, XLS, DOC, SHP...): no open alternative.',
    rationale:
      'Proprietary formats tie re-users to one vendor’s software and may not be readable in the long run. Offer at least one open format (CSV, ODS, GeoJSON...). ' +
      'MQA interoperability: "non-proprietary" (20 points); udata quality: "open formats" (closed: pdf, doc, docx, xls, xlsx); EU Open Data Directive art. 5.',
    severity: 'warning',
    presets: ['recommended'],
    messages: {
      proprietaryOnly: 'all distributions are in proprietary formats ({{formats}}); add an open alternative such as CSV or ODS',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const formats = ds.distributions.map((d) => effectiveFormat(d)?.format).filter((f): f is FormatInfo => !!f && JUDGED.has(f.kind));
        if (formats.length === 0 || formats.some((f) => f.open)) return;
        const names = [...new Set(formats.map(formatLabel))].join(', ');
        context.report({ messageId: 'proprietaryOnly', data: { formats: names }, location: locate(ds, 'distributions') });
      },
    };
  },
});
