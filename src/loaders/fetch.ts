/** Fetching a descriptor given as a URL (only with --online). */

/** Descriptors larger than this are refused: a catalogue dump that size wants a file. */
export const MAX_DESCRIPTOR_BYTES = 100 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export type Fetched = { text: string } | { error: string };

/** GETs a descriptor over HTTP(S), with a timeout and a size cap; never throws. */
export async function fetchDescriptor(url: string): Promise<Fetched> {
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
    if (size > MAX_DESCRIPTOR_BYTES) return { error: `larger than ${MAX_DESCRIPTOR_BYTES / 1024 / 1024} MiB` };
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
