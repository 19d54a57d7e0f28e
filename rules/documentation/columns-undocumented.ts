import { defineRule } from '../../src/engine/rule-api.js';
import { columnDocs, isTabular } from '../../src/knowledge/documentation.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/columns-undocumented',
    family: 'documentation',
    description: 'A tabular distribution has no column documentation (no Table Schema, CSVW, data dictionary, schema it conforms to, or portal data dictionary).',
    rationale:
      'Without a description of its columns a table cannot be understood without asking its publisher: which columns, ' +
      'which units, which codes. The Dutch data-communities programme found it the most common gap ("which columns do ' +
      'the data contain?"). DCAT-AP 3 dct:conformsTo; Frictionless Table Schema; W3C CSVW; CKAN DataStore data dictionary; udata schema.',
    severity: 'warning',
    presets: ['netherlands'],
    messages: {
      undocumented: 'distribution {{index}} is a table, but nothing documents its columns: add a Table Schema, CSVW metadata, a data dictionary or dct:conformsTo to the schema it follows',
    },
  },
  create(context) {
    return {
      distribution(dist, ds) {
        if (!isTabular(dist) || columnDocs(dist, ds)) return;
        context.report({ messageId: 'undocumented', data: { index: ds.distributions.indexOf(dist) + 1 }, location: dist.at });
      },
    };
  },
});
