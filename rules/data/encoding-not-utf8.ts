import { defineRule } from '../../src/engine/rule-api.js';
import { csvSummaryFacts } from '../../src/model/index.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/encoding-not-utf8',
    family: 'data',
    description: 'A text data file is not encoded in UTF-8, or contains bytes that are not valid UTF-8.',
    rationale:
      'Readers guess legacy encodings wrongly and names turn into mojibake ("HÃ©lÃ¨ne"). RFC 4180 and W3C CSV on the Web expect UTF-8. ' +
      'csvlint: `encoding` / `invalid_encoding`; Frictionless: `encoding-error`.',
    severity: 'warning',
    presets: ['recommended'],
    equivalents: { frictionless: { invalidBytes: ['encoding-error'] }, csvlint: { notUtf8: ['encoding', 'invalid_encoding'], invalidBytes: ['invalid_encoding'] } },
    needsRows: true,
    messages: {
      notUtf8: 'the file is encoded in {{encoding}}, not UTF-8',
      invalidBytes: 'bytes at offset {{offset}} (line {{line}}) are not valid UTF-8: the file mixes encodings',
    },
  },
  create(context) {
    return {
      table(table) {
        if (table.encoding && table.encoding !== 'UTF-8') {
          context.report({ messageId: 'notUtf8', data: { encoding: table.encoding }, location: { file: table.path } });
        }
      },
      endTable(table, summary) {
        const bad = csvSummaryFacts(summary)?.invalidUtf8;
        if (bad) context.report({ messageId: 'invalidBytes', data: { offset: bad.byteOffset, line: bad.line }, location: { file: table.path, line: bad.line } });
      },
    };
  },
});
