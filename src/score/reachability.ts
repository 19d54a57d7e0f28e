import type { Dataset, Distribution } from '../model/index.js';
import { isHttpUrl } from '../util/http-url.js';

/** The outcome of requesting one URL (only with `--online`). */
export interface UrlCheck {
  ok: boolean;
  status?: number;
  error?: string;
}

/** URL → outcome; a URL absent from the map was not checked. */
export type Reachability = ReadonlyMap<string, UrlCheck>;

/** Whether a distribution URL answers: true/false, or 'not checked' when odlint was offline. */
export type Reached = boolean | 'not checked';

/**
 * Reachability of a distribution's access or download URL. An http(s) URL is reachable when it
 * answered 200–399 (redirects followed, as MQA counts) during an `--online` run; offline it is 'not checked'. A
 * relative reference to a data file beside the descriptor is reachable when the file exists:
 * odlint lints before publication, and the file is published with its descriptor.
 */
export function reached(url: string | undefined, dist: Distribution, reachability: Reachability | undefined): Reached {
  if (!url?.trim()) return false;
  // Other schemes (ftp:, s3:...) are never requested.
  if (!isHttpUrl(url)) return /^[a-z][a-z0-9+.-]*:/i.test(url) ? 'not checked' : dist.localStatus === 'present';
  const check = reachability?.get(url);
  return check ? check.ok : 'not checked';
}

/** Every distinct http(s) access/download URL of the datasets, in order. */
export function collectUrls(datasets: Dataset[]): string[] {
  const urls = new Set<string>();
  for (const ds of datasets) {
    for (const d of ds.distributions) for (const u of [d.accessURL, d.downloadURL]) if (u && isHttpUrl(u)) urls.add(u);
  }
  return [...urls];
}

export interface CheckOptions {
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/**
 * Requests each URL (HEAD, then GET when the server refuses HEAD) and records whether it
 * answered 200–399, the range data.europa.eu's MQA counts as accessible (docs/scores.md): after
 * redirects are followed a 3xx is left only when the server sends no usable Location.
 * Only called with `--online`; a failure is recorded, never thrown.
 */
export async function checkUrls(urls: string[], { timeoutMs = 10_000, concurrency = 4 }: CheckOptions = {}): Promise<Map<string, UrlCheck>> {
  const results = new Map<string, UrlCheck>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      results.set(url, await checkUrl(url, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  return results;
}

async function checkUrl(url: string, timeoutMs: number): Promise<UrlCheck> {
  try {
    let res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 405 || res.status === 501) {
      res = await fetch(url, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
    }
    return { ok: reachableStatus(res.status), status: res.status };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { ok: false, error: err.cause?.code ?? err.name };
  }
}

/** MQA accessibility: an HTTP status from 200 to 399 (data.europa.eu methodology). */
export function reachableStatus(status: number): boolean {
  return status >= 200 && status <= 399;
}
