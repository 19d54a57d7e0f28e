// @ts-check
/**
 * Titles written in capitals read as shouting and defeat the portal's case-insensitive search
 * ranking of title words.
 *
 * @type {import('odlint').RuleModule}
 */
const rule = {
  meta: {
    id: 'title-all-capitals',
    family: 'example',
    description: 'The title is written entirely in capital letters.',
    rationale: 'Capitals are harder to read and look like shouting in search results.',
    severity: 'info',
    presets: ['recommended'],
    messages: { capitals: 'the title "{{title}}" is written in capitals' },
  },
  create(context) {
    return {
      dataset(ds) {
        for (const [lang, title] of Object.entries(ds.title ?? {})) {
          const letters = title.replace(/[^\p{L}]/gu, '');
          if (letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
            context.report({ messageId: 'capitals', data: { title, lang }, location: ds.locations.title ?? ds.at });
          }
        }
      },
    };
  },
};
export default rule;
