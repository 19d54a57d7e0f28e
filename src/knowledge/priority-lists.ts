/**
 * Priority lists of national programmes (schemas/priority-datasets.yaml): the French common
 * base of local data (SCDL) and Luxembourg's six high-value themes — which item or theme a
 * dataset belongs to, from its declared schemas, title, keywords and HVD categories.
 */
import type { Dataset } from '../model/index.js';
import { readDataFile } from '../util/data-file.js';

export interface PriorityItem {
  id: string;
  title: string;
  /** schema.data.gouv.fr ids (`scdl/budget`) that publish the item. */
  schemas: string[];
  /** Words of titles and keywords, lower case, no accents, words separated by one space. */
  words: string[];
}

export interface HvdTheme {
  id: string;
  title: string;
  /** data.public.lu tags of the theme (udata slugs, English and French). */
  tags: string[];
  /** The EU HVD category (http://data.europa.eu/bna/...). */
  hvdCategory: string;
}

const lists = readDataFile('schemas/priority-datasets.yaml') as { france: PriorityItem[]; luxembourg: HvdTheme[] };
export const FRANCE_PRIORITY: readonly PriorityItem[] = lists.france;
export const LUXEMBOURG_HVD_THEMES: readonly HvdTheme[] = lists.luxembourg;

/** Lower case, no accents, every run of other characters one space: "Délibérations du CM" → "deliberations du cm". */
export function plainWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const containsPhrase = (text: string, phrase: string) => ` ${text} `.includes(` ${phrase} `);

export type MatchedBy = 'schema' | 'title' | 'keywords';
export const MATCH_RANK: Record<MatchedBy, number> = { schema: 3, title: 2, keywords: 1 };

/**
 * The priority items a dataset stands for, each with how it was recognised: by a schema its
 * distributions declare or match (the strongest), else by its title, else by its keywords.
 */
export function priorityMatches(ds: Dataset, schemaIds: readonly string[], items: readonly PriorityItem[] = FRANCE_PRIORITY): Map<string, MatchedBy> {
  const out = new Map<string, MatchedBy>();
  const schemas = new Set(schemaIds.map((s) => s.toLowerCase()));
  const title = plainWords(Object.values(ds.title ?? {}).join(' '));
  const keywords = ds.keywords.map(plainWords);
  for (const item of items) {
    if (item.schemas.some((s) => schemas.has(s))) out.set(item.id, 'schema');
    else if (item.words.some((w) => containsPhrase(title, w))) out.set(item.id, 'title');
    else if (item.words.some((w) => keywords.some((k) => containsPhrase(k, w)))) out.set(item.id, 'keywords');
  }
  return out;
}

/** The schema ids a dataset's distributions declare: udata `schema.name`, or the one odlint recognised (SCDL). */
export function declaredSchemaIds(ds: Dataset): string[] {
  const ids: string[] = [];
  for (const d of ds.distributions) {
    const s = d.extras.schema as { name?: unknown } | undefined;
    if (s && typeof s === 'object' && typeof s.name === 'string') ids.push(s.name);
    if (d.nationalSchema) ids.push(d.nationalSchema.id);
  }
  return ids;
}

/** The high-value themes a dataset is in: by its HVD categories or by the portal's theme tags. */
export function hvdThemes(ds: Dataset, themes: readonly HvdTheme[] = LUXEMBOURG_HVD_THEMES): HvdTheme[] {
  const tags = new Set(ds.keywords.map(plainWords));
  return themes.filter((t) => ds.hvdCategory.includes(t.hvdCategory) || t.tags.some((tag) => tags.has(plainWords(tag))));
}
