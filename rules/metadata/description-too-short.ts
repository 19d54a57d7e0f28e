import { defineRule, locate } from '../../src/engine/rule-api.js';
import { codePointLength } from '../../src/knowledge/code-points.js';

interface Options {
  minLength: number;
}

export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'metadata/description-too-short',
    family: 'metadata',
    description: 'The dataset description is shorter than the minimum length (udata: more than 100 characters).',
    rationale:
      'A one-line description rarely says what the data is, where it comes from and how to use it. ' +
      'udata (data.gouv.fr, data.public.lu) quality criterion: description strictly longer than 100 characters.',
    severity: 'warning',
    presets: ['recommended'],
    optionsSchema: {
      properties: {
        minLength: { type: 'integer', minimum: 1, description: 'Minimum number of characters (default 101: udata requires more than 100).' },
      },
    },
    defaultOptions: { minLength: 101 },
    messages: {
      tooShort: 'the description has {{length}} characters; at least {{minLength}} are expected',
    },
  },
  create(context) {
    const { minLength } = context.options;
    return {
      dataset(ds) {
        // Characters, not UTF-16 units: "é" or an emoji counts once.
        let longest = -1;
        for (const lang in ds.description) {
          const text = Object.hasOwn(ds.description, lang) ? ds.description[lang]!.trim() : '';
          if (text !== '') longest = Math.max(longest, codePointLength(text));
        }
        if (longest < 0) return; // metadata/description-missing reports that
        if (longest < minLength) {
          context.report({ messageId: 'tooShort', data: { length: longest, minLength }, location: locate(ds, 'description') });
        }
      },
    };
  },
});
