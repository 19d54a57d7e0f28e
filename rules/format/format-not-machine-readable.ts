import { defineRule, locate } from '../../src/engine/rule-api.js';
import { effectiveFormat, formatLabel, type EffectiveFormat } from '../../src/knowledge/formats.js';
import type { Distribution } from '../../src/model/index.js';

interface Options {
  /** Report non-machine-readable distributions even when the dataset also has machine-readable ones. */
  evenWithAlternative: boolean;
}

/** Pages, documents and images are not data; archives and services are judged by what they hold. */
const JUDGED = new Set(['data', 'document', 'page', 'image']);

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'format/format-not-machine-readable',
    family: 'format',
    description: 'Data is only offered in formats a program cannot read (PDF, Word, an HTML page, an image).',
    rationale:
      'Tables in a PDF or a web page must be retyped or scraped before any reuse. ' +
      'MQA interoperability: "machine readable" (20 points, EDP machine-readable format list); ckanext-qa: 0–1 star; udata: closed formats. ' +
      'By default a PDF next to a CSV is fine (documentation); only datasets without a machine-readable alternative are reported.',
    severity: 'warning',
    presets: ['recommended'],
    optionsSchema: {
      properties: { evenWithAlternative: { type: 'boolean', description: 'Also report when another distribution of the dataset is machine-readable.' } },
    },
    defaultOptions: { evenWithAlternative: false },
    messages: {
      notMachineReadable: 'the distribution is {{format}}{{how}}, which programs cannot read as data; publish the data as CSV, JSON or another structured format',
      webPage: 'the distribution is a web page{{how}}, not a data file; link the file itself (downloadURL)',
    },
  },
  create(context) {
    const HOW = { content: ' (by its content)', declared: '', extension: ' (by its extension)' } as const;
    return {
      dataset(ds) {
        const judged = ds.distributions
          .map((dist) => [dist, effectiveFormat(dist)] as const)
          .filter((x): x is readonly [Distribution, EffectiveFormat] => !!x[1] && JUDGED.has(x[1].format.kind));
        const bad = judged.filter(([, f]) => !f.format.machineReadable);
        if (!context.options.evenWithAlternative && bad.length < judged.length) return;
        for (const [dist, f] of bad) {
          const messageId = f.format.kind === 'page' ? 'webPage' : 'notMachineReadable';
          context.report({ messageId, data: { format: formatLabel(f.format), how: HOW[f.from] }, location: locate(dist, 'format') });
        }
      },
    };
  },
});
