import { defineRule } from '../../src/engine/rule-api.js';
import { compatibleFormats, formatById, formatFromPath, formatLabel } from '../../src/knowledge/formats.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'format/extension-content-mismatch',
    family: 'format',
    description: 'A data file’s extension says one format and its bytes another (an .csv that is an Excel workbook, a .json that is an HTML page).',
    rationale:
      'Operating systems and tools open files by extension: a renamed spreadsheet or a saved error page breaks every download. ' +
      'csvlint: `wrong_content_type` / `excel`; Frictionless: `format-error`.',
    severity: 'error',
    presets: ['recommended'],
    // csvlint reports a binary file served as CSV as `invalid_encoding` (features/validation_errors.feature).
    equivalents: { frictionless: { '*': ['format-error'] }, csvlint: { '*': ['wrong_content_type', 'invalid_encoding'] } },
    messages: {
      mismatch: 'the file is named .{{extension}} but contains {{content}}',
      binary: 'the file is named .{{extension}} but contains binary data of an unknown kind',
    },
  },
  create(context) {
    return {
      // `end`, not `distribution`: data files linted without a descriptor get this check too.
      end(ds) {
        for (const dist of ds.distributions) {
          const content = dist.localContent?.format;
          const byName = formatFromPath(dist.localPath);
          if (!content || !byName || content === 'empty' || content === 'txt') continue;
          const extension = dist.localPath!.split('.').pop()!.toLowerCase();
          const location = { file: dist.localPath! };
          if (content === 'binary') {
            // Only a text format's extension contradicts unknown binary content.
            if (compatibleFormats(byName.id, 'txt')) context.report({ messageId: 'binary', data: { extension }, location });
            continue;
          }
          if (compatibleFormats(content, byName.id)) continue;
          const info = formatById(content);
          context.report({ messageId: 'mismatch', data: { extension, content: info ? formatLabel(info) : content }, location });
        }
      },
    };
  },
});
