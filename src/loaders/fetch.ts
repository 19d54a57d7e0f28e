/** Fetching a descriptor given as a URL (only with --online). */
import { DEFAULT_LIMITS, LimitExceeded } from '../model/index.js';
import { decodeDescriptor } from './decode.js';

const TIMEOUT_MS = 30_000;

export type Fetched = { text: string } | { error: string } | { limit: LimitExceeded };

/**
 * GETs a descriptor over HTTP(S), with a timeout; never throws. A body larger than
 * `maxBytes` (limits.descriptorBytes, as for files) is not read further.
 */
export async function fetchDescriptor(url: string, maxBytes = DEFAULT_LIMITS.descriptorBytes): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(url, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/json, application/ld+json, text/turtle, application/rdf+xml, application/yaml;q=0.9, */*;q=0.5' },
      redirect: 'follow',
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return { error: `${(e as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (cause ?? (e as Error).message)}` };
  }
  if (!res.ok) return { error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) {
      // The size it announced, else what was read before stopping (a lower bound).
      const found = Number(res.headers.get('content-length')) || `${size}+`;
      return { limit: new LimitExceeded('descriptorBytes', maxBytes, {}, { found }) };
    }
    chunks.push(chunk);
  }
  return { text: decodeDescriptor(Buffer.concat(chunks)) };
}
