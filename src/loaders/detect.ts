import type { Loader, ParsedDocument } from './types.js';
import { isObject } from './build.js';

/**
 * Format detection as one scored decision. Each JSON/YAML loader weighs the evidence for its
 * format — the characteristic keys it finds (`Evidence`), minus the keys of other formats — into
 * a confidence; the most confident loader wins. Loaders declare their characteristic keys
 * (`Loader.keys`) so the decision can be tested by taking each key away in turn
 * (test/loaders/detect.test.ts): the expected format must still win, and no two formats may tie.
 */

/**
 * One characteristic of a format and what it weighs. The path names a key: `notes` (on the
 * object), `organization.is_organization` (on the object under `organization`),
 * `resources[].url_type` (on some item of the list `resources`). A `|` joins alternatives that
 * count once: `resources[].package_id|url_type`.
 */
export type Evidence = readonly [path: string, weight: number];

/** True when the object has the key path (see `Evidence`). */
export function hasPath(obj: Record<string, unknown>, path: string): boolean {
  const dot = path.indexOf('.');
  if (dot < 0) return path.split('|').some((k) => Object.prototype.hasOwnProperty.call(obj, k));
  const head = path.slice(0, dot);
  const rest = path.slice(dot + 1);
  if (head.endsWith('[]')) {
    const list = obj[head.slice(0, -2)];
    return Array.isArray(list) && list.some((item) => isObject(item) && hasPath(item, rest));
  }
  const child = obj[head];
  return isObject(child) && hasPath(child, rest);
}

/** The summed weight of the evidence the object shows. */
export function weigh(obj: Record<string, unknown>, evidence: readonly Evidence[]): number {
  return evidence.reduce((total, [path, weight]) => total + (hasPath(obj, path) ? weight : 0), 0);
}

/** The key names of a list of evidence (last segment of each path, alternatives split). */
export function keysOf(evidence: readonly Evidence[]): string[] {
  return [...new Set(evidence.flatMap(([path]) => path.split('.').pop()!.split('|')))];
}

export interface Decision {
  /** The most confident loader (none when every loader scored 0). */
  loader?: Loader;
  score: number;
  /** Every loader's score, by format. */
  scores: Record<string, number>;
  /** Formats that share the best score with the winner (a tie is decided by registry order). */
  tiedWith: string[];
}

/** Asks every loader for its confidence and picks the highest. */
export function decide(doc: ParsedDocument, loaders: readonly Loader[]): Decision {
  const scores: Record<string, number> = {};
  let loader: Loader | undefined;
  let score = 0;
  for (const l of loaders) {
    const s = l.detect(doc);
    scores[l.format] = s;
    if (s > score) [loader, score] = [l, s];
  }
  const tiedWith = loader ? loaders.filter((l) => l !== loader && scores[l.format] === score).map((l) => l.format) : [];
  return loader ? { loader, score, scores, tiedWith } : { score, scores, tiedWith };
}
