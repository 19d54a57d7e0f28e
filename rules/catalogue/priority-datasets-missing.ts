import { defineRule } from '../../src/engine/rule-api.js';
import { FRANCE_PRIORITY, MATCH_RANK, declaredSchemaIds, priorityMatches, type MatchedBy } from '../../src/knowledge/priority-lists.js';

interface Options {
  /** The items the catalogue must cover (ids of schemas/priority-datasets.yaml `france`); all by default. */
  items?: string[];
}

/** Per item: how the best dataset matched it, and how many datasets did. Merges by max and sum. */
type Summary = Record<string, { by: MatchedBy; datasets: number }>;

export const { meta, create, catalogue } = defineRule<Options, Summary>({
  meta: {
    id: 'catalogue/priority-datasets-missing',
    family: 'catalogue',
    description: 'The catalogue lacks datasets of the French common base of local data (SCDL): budget, deliberations, subsidies, procurement...',
    rationale:
      'French local authorities are asked to open a common base of local data (Socle Commun des Données Locales, ' +
      'OpenDataFrance; Loi pour une République numérique, 2016) and to publish it following the national schemas of ' +
      'schema.data.gouv.fr. A catalogue summary shows which items are there (matched by declared or detected schema, ' +
      'then by title or keywords) and which are missing.',
    severity: 'warning',
    presets: ['france'],
    optionsSchema: {
      type: 'object',
      properties: { items: { type: 'array', items: { enum: FRANCE_PRIORITY.map((i) => i.id) }, uniqueItems: true } },
      additionalProperties: false,
    },
    messages: {
      missing: 'no dataset of the catalogue is "{{title}}" (SCDL {{id}}: looked for schemas {{schemas}} and the words {{words}})',
      coverage: 'the catalogue covers {{found}} of {{total}} priority datasets of the SCDL: {{list}}',
    },
  },
  create(context) {
    return {
      // `end`: after the data files, whose headers may have matched a schema.
      end(ds) {
        const summary: Summary = {};
        for (const [id, by] of priorityMatches(ds, declaredSchemaIds(ds))) summary[id] = { by, datasets: 1 };
        context.contribute(summary);
      },
    };
  },
  catalogue: {
    merge(a, b) {
      const out: Summary = { ...a };
      for (const [id, m] of Object.entries(b)) {
        const seen = out[id];
        out[id] = seen ? { by: MATCH_RANK[m.by] > MATCH_RANK[seen.by] ? m.by : seen.by, datasets: seen.datasets + m.datasets } : m;
      }
      return out;
    },
    report(summary, context) {
      const wanted = context.options.items ?? FRANCE_PRIORITY.map((i) => i.id);
      const items = FRANCE_PRIORITY.filter((i) => wanted.includes(i.id));
      const list = items.map((i) => (summary[i.id] ? `${i.id} ✓ (${summary[i.id]!.datasets}, by ${summary[i.id]!.by})` : `${i.id} ✗`)).join(', ');
      const found = items.filter((i) => summary[i.id]).length;
      context.report({ messageId: 'coverage', data: { found, total: items.length, list }, location: context.location, severity: 'info' });
      for (const item of items) {
        if (summary[item.id]) continue;
        const schemas = item.schemas.length ? item.schemas.join(', ') : 'none';
        context.report({ messageId: 'missing', data: { id: item.id, title: item.title, schemas, words: item.words.map((w) => `"${w}"`).join(', ') }, location: context.location });
      }
    },
  },
});
