/** data.public.lu's HVD conventions, as options of the rules that read them (GUIDE §6). */
import type { Dataset } from '../model/index.js';
import { plainWords } from './priority-lists.js';

export interface HvdThemeOptions {
  /** Tags that declare a dataset HVD (data.public.lu: "hvd"). */
  hvdTags?: string[];
  /** SPDX ids of the accepted licences (CC0-1.0, CC-BY-4.0). */
  licences?: string[];
}

/** Declared HVD by the portal's tag. */
export function declaredHvd(ds: Dataset, options: HvdThemeOptions): boolean {
  const tags = new Set((options.hvdTags ?? []).map(plainWords));
  return ds.keywords.some((k) => tags.has(plainWords(k)));
}

/** Every licence of the dataset (its own and its distributions') is an accepted one; a dataset without any is not. */
export function hvdLicenceOk(ds: Dataset, options: HvdThemeOptions): boolean {
  const accepted = new Set(options.licences ?? []);
  const licences = [ds.licence, ...ds.distributions.map((d) => d.licence)].filter((l) => l !== undefined);
  return licences.length > 0 && licences.every((l) => l.spdx !== undefined && accepted.has(l.spdx));
}

/** The options both HVD-theme rules take (JSON Schema and defaults). */
export const HVD_THEME_OPTIONS = {
  optionsSchema: {
    type: 'object',
    properties: { hvdTags: { type: 'array', items: { type: 'string' } }, licences: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
  defaultOptions: { hvdTags: ['hvd'], licences: ['CC0-1.0', 'CC-BY-4.0'] },
};
