import type { Got } from './client.js';
import type { PageProblem } from './types.js';

/**
 * A JSON API answer, or the problem that it is not one (an HTML page from a proxy or a
 * maintenance screen, a body that does not parse): `notData`, with what came instead.
 */
export function jsonOf(got: Got): { json: unknown } | PageProblem {
  try {
    return { json: JSON.parse(got.text.replace(/^\uFEFF/, '')) };
  } catch {
    const html = /^\s*(<!doctype html|<html)/i.test(got.text) || /text\/html/i.test(got.contentType);
    return { messageId: 'notData', data: { expected: 'JSON', got: html ? 'an HTML page' : `${got.contentType || 'an answer'} that does not parse as JSON` } };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A URL with some query parameters set (others kept as given). */
export function withParams(url: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.href;
}

/** Ids of the objects of a list (`id`, else `name`), for loop detection. */
export const idsOf = (list: unknown[]): string[] => list.flatMap((x) => (isRecord(x) && (typeof x.id === 'string' || typeof x.name === 'string') ? [String(x.id ?? x.name)] : []));
