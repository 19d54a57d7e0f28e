import { defineRule, locate } from '../../src/engine/rule-api.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'data/file-missing',
    family: 'data',
    description: 'A data file referenced by a relative path does not exist beside the descriptor.',
    rationale: 'Upload would publish a broken link, and the data checks cannot run. Frictionless: "scheme-error"/"resource-error" on a missing path.',
    severity: 'error',
    presets: ['recommended'],
    equivalents: { frictionless: { '*': ['scheme-error'] }, csvlint: { '*': ['not_found'] } },
    messages: {
      missing: 'data file "{{path}}" does not exist',
      notAFile: 'data path "{{path}}" is not a file',
    },
  },
  create(context) {
    return {
      distribution(dist) {
        if (!dist.localPath || dist.localStatus === 'present') return;
        const messageId = dist.localStatus === 'not-a-file' ? 'notAFile' : 'missing';
        context.report({ messageId, data: { path: dist.localRef ?? dist.localPath }, location: locate(dist, 'localPath') });
      },
    };
  },
});
