import { defineRule, locate } from '../../src/engine/rule-api.js';
import { citesHvdRegulation, HVD_REGULATION_ELI, isHvd } from '../../src/knowledge/dcat-ap.js';

interface Options {
  /** Treat every dataset as a High-Value Dataset (the `hvd` preset sets it). */
  allDatasets: boolean;
}

/**
 * DCAT-AP HVD asks a High-Value Dataset for both an HVD category and the regulation as applicable
 * legislation: one without the other is an incomplete declaration (or, under the `hvd` preset,
 * a dataset that declares neither).
 */
export const { meta, create } = defineRule<Options>({
  meta: {
    id: 'metadata/hvd-declaration-incomplete',
    family: 'metadata',
    description: 'A High-Value Dataset lacks its HVD category (dcatap:hvdCategory) or the HVD regulation as applicable legislation.',
    rationale:
      'Implementing Regulation (EU) 2023/138 lists the high-value datasets by category; DCAT-AP HVD makes ' +
      'dcatap:hvdCategory (HVD category vocabulary) and dcatap:applicableLegislation ' +
      `(${HVD_REGULATION_ELI}) mandatory on them, so that data.europa.eu can find and monitor them.`,
    severity: 'warning',
    presets: ['recommended', 'hvd'],
    optionsSchema: {
      properties: {
        allDatasets: { type: 'boolean', description: 'Treat every dataset as a High-Value Dataset (set by the hvd preset).' },
      },
    },
    defaultOptions: { allDatasets: false },
    messages: {
      categoryMissing: 'High-Value Dataset without an HVD category (dcatap:hvdCategory)',
      legislationMissing: `High-Value Dataset without the HVD regulation as applicable legislation (${HVD_REGULATION_ELI})`,
    },
  },
  create(context) {
    return {
      dataset(ds) {
        if (!isHvd(ds, context.options.allDatasets)) return;
        if (ds.hvdCategory.length === 0) context.report({ messageId: 'categoryMissing', location: locate(ds, 'hvdCategory') });
        if (!citesHvdRegulation(ds)) context.report({ messageId: 'legislationMissing', location: locate(ds, 'applicableLegislation') });
      },
    };
  },
});
