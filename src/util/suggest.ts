import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a mistyped value, or undefined when nothing is close enough to be a
 * plausible typo (at most a third of the input's characters differ).
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}
