import { defineRule, locate } from '../../src/engine/rule-api.js';
import { effectiveFormat, formatById, formatLabel, type FormatInfo } from '../../src/knowledge/formats.js';
import type { Distribution } from '../../src/model/index.js';

interface Options {
  /** Report non-machine-readable distributions even when the dataset also has machine-readable ones. */
  evenWithAlternative: boolean;
}

/** Pages, documents and images are not data; archives are judged by what they hold (when a local file says), services not at all. */
const JUDGED = new Set(['data', 'document', 'page', 'image']);

interface Judged {
  dist: Distribution;
  machineReadable: boolean;
  messageId: 'notMachineReadable' | 'webPage' | 'archive';
  data: Record<string, string>;
}

const HOW = { content: ' (by its content)', declared: '', extension: ' (by its extension)' } as const;

/** A distribution's verdict, or undefined when its format is unknown or not judged. */
function judge(dist: Distribution): Judged | undefined {
  const f = effectiveFormat(dist);
  if (!f) return undefined;
  if (f.format.kind === 'archive') {
    const held = Object.keys(dist.localContent?.archive?.formats ?? {})
      .map(formatById)
      .filter((x): x is FormatInfo => !!x && JUDGED.has(x.kind));
    if (!held.length) return undefined;
    return { dist, machineReadable: held.some((x) => x.machineReadable), messageId: 'archive', data: { format: formatLabel(f.format), held: held.map(formatLabel).join(', ') } };
  }
  if (!JUDGED.has(f.format.kind)) return undefined;
  return { dist, machineReadable: f.format.machineReadable, messageId: f.format.kind === 'page' ? 'webPage' : 'notMachineReadable', data: { format: formatLabel(f.format), how: HOW[f.from] } };
}

/**
 * `judge(dist)?.machineReadable` without the verdict's object and message data: every
 * distribution of a catalogue is judged, and most datasets have nothing to report.
 */
function machineReadable(dist: Distribution): boolean | undefined {
  const f = effectiveFormat(dist);
  if (!f) return undefined;
  if (f.format.kind === 'archive') return judge(dist)?.machineReadable;
  return JUDGED.has(f.format.kind) ? f.format.machineReadable : undefined;
}

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
      archive: 'the distribution is a {{format}} archive of {{held}} files, which programs cannot read as data; put the data in it as CSV, JSON or another structured format',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        let judged = 0;
        let bad = 0;
        for (const dist of ds.distributions) {
          const readable = machineReadable(dist);
          if (readable === undefined) continue;
          judged++;
          if (!readable) bad++;
        }
        if (bad === 0 || (!context.options.evenWithAlternative && bad < judged)) return;
        for (const dist of ds.distributions) {
          const j = judge(dist);
          if (j && !j.machineReadable) context.report({ messageId: j.messageId, data: j.data, location: locate(j.dist, 'format') });
        }
      },
    };
  },
});
