import { defineRule, locate } from '../../src/engine/rule-api.js';
import { isHvd } from '../../src/knowledge/dcat-ap.js';
import { hvdThemes } from '../../src/knowledge/priority-lists.js';
import { HVD_THEME_OPTIONS, declaredHvd, hvdLicenceOk, type HvdThemeOptions } from '../../src/knowledge/hvd-themes.js';

export const { meta, create } = defineRule<HvdThemeOptions>({
  meta: {
    id: 'metadata/hvd-theme-not-declared',
    family: 'metadata',
    description: 'A dataset in one of the six high-value themes is not declared a High-Value Dataset, or is not under CC0 or CC-BY-4.0.',
    rationale:
      "Luxembourg's open-data strategy names six high-value themes — geospatial, earth observation and environment, " +
      'meteorological, statistics, companies, mobility (Regulation (EU) 2023/138) — and prefers CC0. data.public.lu marks ' +
      'HVD datasets with the tag "hvd" beside the theme tag; the regulation asks for CC-BY-4.0 or more permissive.',
    severity: 'warning',
    presets: ['luxembourg'],
    ...HVD_THEME_OPTIONS,
    messages: {
      notDeclared: 'the dataset is in the high-value theme "{{theme}}" but is not declared a High-Value Dataset (tag "hvd", dcatap:hvdCategory or the HVD regulation)',
      licence: 'the dataset is in the high-value theme "{{theme}}" but its licence is {{licence}}, not {{licences}}',
    },
  },
  create(context) {
    return {
      dataset(ds) {
        const themes = hvdThemes(ds);
        if (!themes.length) return;
        const theme = themes.map((t) => t.title).join('", "');
        if (!declaredHvd(ds, context.options) && !isHvd(ds)) context.report({ messageId: 'notDeclared', data: { theme }, location: locate(ds, 'keywords') });
        if (!hvdLicenceOk(ds, context.options)) {
          const licence = ds.licence ? `"${ds.licence.raw}"` : 'not stated';
          context.report({ messageId: 'licence', data: { theme, licence, licences: (context.options.licences ?? []).join(' or ') }, location: locate(ds, 'licence') });
        }
      },
    };
  },
});
