import { defineRule } from '../../src/engine/rule-api.js';
import { isHvd } from '../../src/knowledge/dcat-ap.js';
import { LUXEMBOURG_HVD_THEMES, hvdThemes } from '../../src/knowledge/priority-lists.js';
import { HVD_THEME_OPTIONS, declaredHvd, hvdLicenceOk, type HvdThemeOptions } from '../../src/knowledge/hvd-themes.js';

/** Per theme: datasets in it, of them declared HVD, of them under an accepted licence. Merges by sum. */
type Summary = Record<string, [datasets: number, declared: number, licensed: number]>;

export const { meta, create, catalogue } = defineRule<HvdThemeOptions, Summary>({
  meta: {
    id: 'catalogue/hvd-coverage',
    family: 'catalogue',
    description: 'A catalogue summary of High-Value Dataset coverage per high-value theme: datasets, declared HVD, under CC0/CC-BY-4.0.',
    rationale:
      "Luxembourg's open-data strategy names six high-value themes (Regulation (EU) 2023/138 categories) and prefers CC0; " +
      'data.public.lu marks HVD datasets with the tag "hvd" and a tag per theme. The summary shows, per theme, how much ' +
      'of what the catalogue holds is declared and licensed as the regulation asks.',
    severity: 'info',
    presets: ['luxembourg'],
    ...HVD_THEME_OPTIONS,
    messages: {
      theme: 'high-value theme "{{theme}}": {{datasets}} datasets, {{declared}} declared HVD, {{licensed}} under {{licences}}',
      empty: 'high-value theme "{{theme}}": no dataset of the catalogue is in it',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const summary: Summary = {};
        const declared = declaredHvd(ds, context.options) || isHvd(ds) ? 1 : 0;
        const licensed = hvdLicenceOk(ds, context.options) ? 1 : 0;
        for (const t of hvdThemes(ds)) summary[t.id] = [1, declared, licensed];
        context.contribute(summary);
      },
    };
  },
  catalogue: {
    merge(a, b) {
      const out: Summary = { ...a };
      for (const [id, [n, d, l]] of Object.entries(b)) {
        const [n0, d0, l0] = out[id] ?? [0, 0, 0];
        out[id] = [n0 + n, d0 + d, l0 + l];
      }
      return out;
    },
    report(summary, context) {
      const licences = (context.options.licences ?? []).join(' or ');
      for (const t of LUXEMBOURG_HVD_THEMES) {
        const counts = summary[t.id];
        if (!counts) context.report({ messageId: 'empty', data: { theme: t.title }, location: context.location });
        else context.report({ messageId: 'theme', data: { theme: t.title, datasets: counts[0], declared: counts[1], licensed: counts[2], licences }, location: context.location });
      }
    },
  },
});
