import type { Dataset, Distribution } from '../model/index.js';
import { formatNamed } from '../knowledge/formats.js';
import { licenceOpenness } from './vocabularies.js';
import { reached, type Reachability } from './reachability.js';

/**
 * ckanext-qa's five-star openness (ckanext/qa/tasks.py `resource_score`): per resource, a
 * broken link scores 0; otherwise the format is taken from the URL extension, then from the
 * format field, else 1 star; a licence that is not open makes every score 0. The dataset gets
 * its best resource's stars. odlint does not download files, so the "sniffed content" step of
 * ckanext-qa is skipped. Formats are looked up by exact name, as ckanext-qa does through CKAN's
 * resource_formats, and scored with the knowledge base's `stars`.
 */
export interface StarsScore {
  /** Absent when the distributions were not included in the descriptor (only linked). */
  stars?: number;
  reason: string;
}

/** ckanext-qa `extension_variants`: `coins.data.1996.csv.zip` → `csv.zip`, `zip`. */
function extensionVariants(url: string): string[] {
  const file = url.split('?')[0]!.split('/').pop()!;
  const parts = file.split('.');
  return [2, 1].filter((n) => parts.length > n).map((n) => parts.slice(-n).join('.'));
}

function byUrlExtension(url: string): { score: number; reason: string } | undefined {
  for (const ext of extensionVariants(url.trim())) {
    const format = formatNamed(ext);
    if (!format) continue;
    // ckanext-qa: `if score:` — a known extension whose score is 0 or unset gets the default 1.
    const score = format.stars || 1;
    return { score, reason: `URL extension "${ext}" (${format.id}) scores ${score}` };
  }
  return undefined;
}

function byFormatField(format: string | undefined): { score: number; reason: string } | undefined {
  const score = formatNamed(format)?.stars;
  return score === undefined ? undefined : { score, reason: `format "${format}" scores ${score}` };
}

function resourceScore(dist: Distribution, reachability: Reachability | undefined): { score: number; reason: string } {
  const url = dist.accessURL ?? dist.downloadURL ?? '';
  if (url && reached(url, dist, reachability) === false) return { score: 0, reason: 'link broken' };
  return byUrlExtension(url) ?? byFormatField(dist.format) ?? { score: 1, reason: 'format not understood, score 1' };
}

export function starsScore(ds: Dataset, reachability?: Reachability): StarsScore {
  if (ds.distributions.length === 0) return ds.distributionsNotIncluded ? { reason: 'resources not included in the descriptor (only linked)' } : { stars: 0, reason: 'no resource' };
  const scored = ds.distributions.map((d) => resourceScore(d, reachability));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  // ckanext-qa: `if score > 0 and not package.isopen()` → 0 ("License not open").
  if (best.score > 0 && licenceOpenness(ds.licence) !== 'open') return { stars: 0, reason: 'licence not open' };
  return { stars: best.score, reason: best.reason };
}
