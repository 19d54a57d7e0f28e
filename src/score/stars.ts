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

/**
 * ckanext-qa `extension_variants`: `coins.data.1996.csv.zip` → `csv.zip`, `zip` (the file name
 * is the URL's last path segment before any `?`). Each resource of every dataset goes through
 * it: cut with indexes, not split into lists.
 */
function extensionVariants(url: string): string[] {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const file = path.slice(path.lastIndexOf('/') + 1);
  const last = file.lastIndexOf('.');
  if (last < 0) return [];
  const previous = last > 0 ? file.lastIndexOf('.', last - 1) : -1;
  return previous < 0 ? [file.slice(last + 1)] : [file.slice(previous + 1), file.slice(last + 1)];
}

/** The first extension variant of the URL that names a known format, with that format. */
function urlFormat(url: string): { ext: string; format: NonNullable<ReturnType<typeof formatNamed>> } | undefined {
  for (const ext of extensionVariants(url.trim())) {
    const format = formatNamed(ext);
    if (format) return { ext, format };
  }
  return undefined;
}

/** A resource's stars, and why (the reason only for the resource that gives the dataset its stars). */
function resourceScore(dist: Distribution, reachability: Reachability | undefined, why: true): { score: number; reason: string };
function resourceScore(dist: Distribution, reachability: Reachability | undefined, why: false): number;
function resourceScore(dist: Distribution, reachability: Reachability | undefined, why: boolean): number | { score: number; reason: string } {
  const url = dist.accessURL ?? dist.downloadURL ?? '';
  if (url && reached(url, dist, reachability) === false) return why ? { score: 0, reason: 'link broken' } : 0;
  const byUrl = urlFormat(url);
  if (byUrl) {
    // ckanext-qa: `if score:` — a known extension whose score is 0 or unset gets the default 1.
    const score = byUrl.format.stars || 1;
    return why ? { score, reason: `URL extension "${byUrl.ext}" (${byUrl.format.id}) scores ${score}` } : score;
  }
  const score = formatNamed(dist.format)?.stars;
  if (score !== undefined) return why ? { score, reason: `format "${dist.format}" scores ${score}` } : score;
  return why ? { score: 1, reason: 'format not understood, score 1' } : 1;
}

export function starsScore(ds: Dataset, reachability?: Reachability): StarsScore {
  if (ds.distributions.length === 0) return ds.distributionsNotIncluded ? { reason: 'resources not included in the descriptor (only linked)' } : { stars: 0, reason: 'no resource' };
  // The first resource with the most stars gives the dataset its stars and reason.
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < ds.distributions.length; i++) {
    const score = resourceScore(ds.distributions[i]!, reachability, false);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  // ckanext-qa: `if score > 0 and not package.isopen()` → 0 ("License not open").
  if (bestScore > 0 && licenceOpenness(ds.licence) !== 'open') return { stars: 0, reason: 'licence not open' };
  const { score, reason } = resourceScore(ds.distributions[best]!, reachability, true);
  return { stars: score, reason };
}
