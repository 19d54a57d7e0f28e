import { defineRule, locate } from '../../src/engine/rule-api.js';
import { formatLabel, proprietaryOnlyFormats } from '../../src/knowledge/formats.js';

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
        // Only data and documents are judged: pages, services, images and archives say little about openness of the data.
        const formats = proprietaryOnlyFormats(ds.distributions);
        if (!formats) return;
        const names = [...new Set(formats.map(formatLabel))].join(', ');
        context.report({ messageId: 'proprietaryOnly', data: { formats: names }, location: locate(ds, 'distributions') });
      },
    };
  },
});
