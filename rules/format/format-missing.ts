import { defineRule, locate } from '../../src/engine/rule-api.js';
import { formatFromPath } from '../../src/knowledge/formats.js';

interface Options {
  allowExtension: boolean;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'format/format-missing',
    family: 'format',
    description: 'A distribution states neither a format nor a media type.',
    rationale:
      'Users (and harvesters) cannot tell what they will download, and catalogues cannot filter by format. ' +
      'MQA interoperability: "format availability" (20 points) and "media type availability" (10 points); DCAT-AP recommends dct:format and dcat:mediaType. ' +
      'Frictionless: `format` / `mediatype` resource properties.',
    severity: 'warning',
    presets: ['recommended'],
    optionsSchema: {
      properties: {
        allowExtension: {
          type: 'boolean',
          description: 'Accept a file extension that names a known format (Frictionless infers the format from the path); false to require dct:format or dcat:mediaType as MQA does.',
        },
      },
    },
    defaultOptions: { allowExtension: true },
    messages: {
      missing: 'the distribution has no format and no media type',
    },
  },
  create(context) {
    return {
      distribution(dist) {
        if (dist.format?.trim() || dist.mediaType?.trim()) return;
        if (context.options.allowExtension && (formatFromPath(dist.localRef) ?? formatFromPath(dist.downloadURL) ?? formatFromPath(dist.accessURL))) return;
        context.report({ messageId: 'missing', location: locate(dist, 'format') });
      },
    };
  },
});
