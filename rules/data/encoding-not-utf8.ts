import { defineRule } from '../../src/engine/rule-api.js';
import { csvSummaryFacts, type Distribution } from '../../src/model/index.js';

/** The encoding a descriptor declares for the file (Frictionless `encoding`), when it says UTF-8. */
function declaredUtf8(dist: Distribution): string | undefined {
  const declared = dist.extras.encoding;
  return typeof declared === 'string' && /^utf-?8(-sig)?$/i.test(declared.trim()) ? declared : undefined;
}

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
    equivalents: {
      frictionless: { invalidBytes: ['encoding-error'], declaredUtf8: ['encoding-error'] },
      csvlint: { notUtf8: ['encoding', 'invalid_encoding'], invalidBytes: ['invalid_encoding'], declaredUtf8: ['invalid_encoding'] },
    },
    needsRows: true,
    messages: {
      notUtf8: 'the file is encoded in {{encoding}}, not UTF-8',
      invalidBytes: 'bytes at offset {{offset}} (line {{line}}) are not valid UTF-8: the file mixes encodings',
      declaredUtf8: 'the descriptor declares the encoding "{{declared}}" but the file is encoded in {{encoding}}',
    },
  },
  create(context) {
    return {
      table(table, dist) {
        if (!table.encoding || table.encoding === 'UTF-8') return;
        const declared = declaredUtf8(dist);
        // Declared UTF-8: every reader that trusts the descriptor fails to decode the file.
        if (declared) context.report({ messageId: 'declaredUtf8', data: { declared, encoding: table.encoding }, location: { file: table.path }, severity: 'error' });
        else context.report({ messageId: 'notUtf8', data: { encoding: table.encoding }, location: { file: table.path } });
      },
      endTable(table, summary) {
        const bad = csvSummaryFacts(summary)?.invalidUtf8;
        if (bad) context.report({ messageId: 'invalidBytes', data: { offset: bad.byteOffset, line: bad.line }, location: { file: table.path, line: bad.line } });
      },
    };
  },
});
