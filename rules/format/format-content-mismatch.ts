import { defineRule, locate } from '../../src/engine/rule-api.js';
import { compatibleFormats, formatById, formatLabel } from '../../src/knowledge/formats.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'format/format-content-mismatch',
    family: 'format',
    description: 'The declared format of a distribution differs from what its file contains (e.g. "CSV" for an Excel workbook).',
    rationale:
      'Tools pick a reader from the declared format and fail; catalogues list the data under the wrong format. ' +
      'Frictionless: `format-error` / `encoding-error`; csvlint: `wrong_content_type`; ckanext-qa: "Content of file appeared to be format X".',
    severity: 'error',
    presets: ['recommended'],
    messages: {
      mismatch: 'the format is declared as "{{declared}}" but the file contains {{content}}',
      binary: 'the format is declared as "{{declared}}" but the file is binary data of an unknown kind',
    },
  },
  create(context) {
    return {
      distribution(dist) {
        const content = dist.localContent?.format;
        const declaredId = dist.formatId;
        if (!content || !declaredId || content === 'empty' || content === 'txt') return;
        const declared = dist.format ?? dist.mediaType ?? declaredId;
        const location = locate(dist, dist.format ? 'format' : 'mediaType');
        if (content === 'binary') {
          // Only a text format makes unknown binary content a contradiction (a shapefile may be binary).
          if (compatibleFormats(declaredId, 'txt')) context.report({ messageId: 'binary', data: { declared }, location });
          return;
        }
        if (compatibleFormats(content, declaredId)) return;
        // A ZIP declared as what it holds ("CSV" with Frictionless `compression: zip`, "zip+csv"):
        // that is what users get after unpacking.
        const held = dist.localContent?.archive?.formats;
        if (held && Object.keys(held).some((f) => compatibleFormats(f, declaredId))) return;
        const info = formatById(content);
        context.report({ messageId: 'mismatch', data: { declared, content: info ? formatLabel(info) : content }, location });
      },
    };
  },
});
