import { defineRule } from '../../src/engine/rule-api.js';
import { SEVERITY_RANK } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/bom-present',
    family: 'data',
    description: 'A UTF-8 file starts with a byte-order mark (BOM), or with two.',
    rationale:
      'Many CSV parsers read a BOM as part of the first column name ("\\uFEFFid"), so lookups of that column fail; ' +
      'a double BOM (exports that add one to a file that had one) defeats even the tools that strip one. ' +
      'csvlint and Frictionless strip one BOM silently; neither reports a second.',
    severity: 'info',
    presets: ['recommended'],
    messages: {
      bom: 'the file starts with a UTF-8 byte-order mark; some tools read it as part of the first column name',
      double: 'the file starts with {{count}} UTF-8 byte-order marks; the first column name will be corrupted for most tools',
    },
  },
  create(context) {
    // A double BOM breaks far more tools than a single one: at least a warning.
    const doubleSeverity = SEVERITY_RANK[context.severity] < SEVERITY_RANK.warning ? 'warning' : undefined;
    return {
      table(table) {
        const count = table.bomCount ?? 0;
        const location = { file: table.path, line: 1 };
        if (count === 1) context.report({ messageId: 'bom', location });
        else if (count > 1) context.report({ messageId: 'double', data: { count }, location, ...(doubleSeverity ? { severity: doubleSeverity } : {}) });
      },
    };
  },
});
