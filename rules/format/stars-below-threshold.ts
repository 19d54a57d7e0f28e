import { defineRule, locate } from '../../src/engine/rule-api.js';
import { effectiveFormat, formatLabel } from '../../src/knowledge/formats.js';

interface Options {
  minStars: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'format/stars-below-threshold',
    family: 'format',
    description: 'The dataset’s best distribution scores fewer 5-star open-data stars (ckanext-qa) than required.',
    rationale:
      'Tim Berners-Lee’s 5-star scheme as scored by CKAN’s ckanext-qa: 1 open licence, 2 machine-readable (XLS), 3 open format (CSV), 4–5 RDF / linked data; ' +
      'a non-open licence scores 0. Off by default (format/format-not-machine-readable and format/proprietary-only report the causes); portals scoring stars can enable it.',
    severity: 'warning',
    presets: [],
    optionsSchema: { properties: { minStars: { type: 'integer', minimum: 1, maximum: 5, description: 'Stars the best distribution must reach (default 3: an open, machine-readable format).' } } },
    defaultOptions: { minStars: 3 },
    messages: {
      below: 'the best distribution scores {{stars}} star(s) ({{format}}), {{minStars}} required',
      licence: 'the dataset scores 0 stars: its licence is not open ({{minStars}} required)',
    },
  },
  create(context) {
    const { minStars } = context.options;
    return {
      dataset(ds) {
        const scored = ds.distributions.map((d) => effectiveFormat(d)?.format).filter((f) => f?.stars !== undefined);
        if (scored.length === 0) return; // nothing ckanext-qa would score
        if (ds.licence?.openness === 'not-open') {
          context.report({ messageId: 'licence', data: { minStars }, location: locate(ds, 'licence') });
          return;
        }
        const best = scored.reduce((a, b) => (b!.stars! > a!.stars! ? b : a))!;
        if (best.stars! < minStars) context.report({ messageId: 'below', data: { stars: best.stars!, format: formatLabel(best), minStars }, location: locate(ds, 'distributions') });
      },
    };
  },
});
