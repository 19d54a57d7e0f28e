import { defineRule } from '../../src/engine/rule-api.js';
import { columnAt, datasetGender, quotedColumns, sexesOf, type TableGender } from '../../src/knowledge/gender/index.js';
import { observeData } from './_shared.js';

type Sex = 'male' | 'female';
const WORD: Record<Sex, string> = { male: 'men/boys', female: 'women/girls' };
const other = (s: Sex): Sex => (s === 'male' ? 'female' : 'male');

/** The sexes present in a table: in its sex columns' values and its women/men measure columns. */
function sexesIn(t: TableGender): Set<Sex> {
  const out = sexesOf(t.sexColumns.flatMap((c) => c.values.flatMap((v) => (v.category ? [v.category] : []))));
  if (t.sexColumnGroup?.male.length) out.add('male');
  if (t.sexColumnGroup?.female.length) out.add('female');
  return out;
}

/**
 * Data that cover one sex only. Checked over the whole dataset, so that a dataset split into a
 * file for women and a file for men is fine.
 */
export const { meta, create } = defineRule({
  meta: {
    id: 'gender/single-sex-only',
    family: 'gender',
    description: 'The sex dimension of the data holds one sex only.',
    rationale:
      'Sex-disaggregated data present women and men separately (UNESCO 2003; Brussels ordinance of 29 March 2012 on gender ' +
      'mainstreaming); gender statistics compare them (UNSTATS, Developing Gender Statistics: A Practical Tool, 2010). A sex ' +
      'column that only ever says "F" is either a deliberate one-sex population (say so in the description) or a filter ' +
      'applied by mistake.',
    severity: 'info',
    presets: ['recommended'],
    needsRows: true,
    messages: {
      oneSex: 'column "{{column}}" only holds values for {{sex}} ({{values}}): the data cover one sex only',
      oneSided: 'columns {{columns}} are about {{sex}} and no column is about {{other}}: the data cover one sex only',
    },
  },
  create(context) {
    return observeData(context, {
      end(ds) {
        const tables = datasetGender(ds)?.tables ?? [];
        const all = new Set(tables.flatMap((t) => [...sexesIn(t)]));
        if (all.size !== 1) return;
        const sex = [...all][0]!;
        for (const t of tables) {
          for (const c of t.sexColumns) {
            const values = c.values.filter((v) => v.category === sex).map((v) => `"${v.value}"`);
            if (values.length) context.report({ messageId: 'oneSex', data: { column: c.column, sex: WORD[sex], values: values.join(', ') }, location: columnAt(t, c.column) });
          }
          const side = t.sexColumnGroup?.[sex] ?? [];
          if (side.length && !t.sexColumns.length) {
            context.report({
              messageId: 'oneSided',
              data: { columns: quotedColumns(side), sex: WORD[sex], other: WORD[other(sex)] },
              location: columnAt(t, side[0]!),
            });
          }
        }
      },
    });
  },
});
