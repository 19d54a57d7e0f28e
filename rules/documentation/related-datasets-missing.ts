import { defineRule } from '../../src/engine/rule-api.js';
import { registerOfColumn, relatesToOtherDatasets } from '../../src/knowledge/documentation.js';

export const { meta, create } = defineRule({
  meta: {
    id: 'documentation/related-datasets-missing',
    family: 'documentation',
    description: 'The data use identifiers from another register (KvK, BAG, SIREN, NIS codes...) but the dataset names no related dataset.',
    rationale:
      'A column of KvK numbers or municipality codes joins the data to a register; saying which (dct:relation, dct:source, ' +
      'a Table Schema foreign key) lets reusers link the sources and trust the codes. The Dutch data-communities programme ' +
      'asks how the data relate to other sources. DCAT-AP 3 dct:relation, dct:source; Frictionless foreignKeys.',
    severity: 'info',
    presets: ['netherlands'],
    messages: {
      unrelated: '{{columns}} hold identifiers of {{registers}}, but the dataset names no related dataset (dct:relation, dct:source or a foreign key)',
    },
  },
  create(context) {
    // Columns (documented in a schema, or in the data files' headers) holding register identifiers.
    const found = new Map<string, string>();
    const note = (name: string) => {
      const register = registerOfColumn(name);
      if (register && !found.has(name)) found.set(name, register);
    };
    return {
      distribution(dist) {
        for (const f of dist.schema?.fields ?? []) note(String(f.name ?? ''));
      },
      table(table) {
        for (const name of table.header) note(name);
      },
      end(ds) {
        if (ds.source.format === 'data-file' || found.size === 0 || relatesToOtherDatasets(ds)) return;
        const columns = [...found.keys()].slice(0, 5);
        const registers = [...new Set(found.values())];
        context.report({
          messageId: 'unrelated',
          data: { columns: `${columns.length === 1 ? 'column' : 'columns'} ${columns.map((c) => `"${c}"`).join(', ')}`, registers: registers.join(' and ') },
          location: ds.at,
        });
      },
    };
  },
});
