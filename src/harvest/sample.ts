/**
 * Remote data samples (`--online --data`): the first `--sample-bytes` of a CSV resource, fetched
 * through the harvest client (per-host limit, retries) into a temporary file that the engine
 * reads like a local one. A sample cut in the middle of the file ends at its last whole line, so
 * that the cut is not a ragged last row.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { HttpClient } from './client.js';
import { releaseTemp, trackTemp } from '../util/temp-files.js';
import { isHttpUrl } from '../util/http-url.js';

export const DEFAULT_SAMPLE_BYTES = 10 * 1024 * 1024;

export interface Sampler {
  bytes: number;
  client: HttpClient;
}

export interface Sample {
  url: string;
  /** The temporary file holding the sample. */
  file: string;
  /** Bytes in the sample. */
  bytes: number;
  /** The file is longer than the sample. */
  cut: boolean;
  /** Removes the temporary file. */
  remove(): void;
}

/** Whether a distribution's remote file is CSV, by its format, media type or name. */
export function isRemoteCsv(url: string | undefined, format?: string, mediaType?: string): url is string {
  if (!url || !isHttpUrl(url)) return false;
  if (/csv/i.test(format ?? '') || /text\/csv/i.test(mediaType ?? '')) return true;
  try {
    return /\.csv$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Fetches the first bytes of a remote file into a temporary file named like it. */
export async function takeSample(url: string, sampler: Sampler): Promise<Sample | { error: string }> {
  const got = await sampler.client.get(url, 'text/csv, text/plain;q=0.9, */*;q=0.5', sampler.bytes);
  if (!got.ok) return { error: got.error };
  let bytes = got.bytes ?? Buffer.alloc(0);
  if (got.cut) {
    const end = bytes.lastIndexOf(10);
    if (end >= 0) bytes = bytes.subarray(0, end + 1);
  }
  // Named like the remote file (the format rules read the extension), beside nothing else.
  const base = (new URL(got.finalUrl).pathname.split('/').pop() || 'data').replace(/[^\w.-]+/g, '_').slice(-80);
  const file = path.join(os.tmpdir(), `odlint-sample-${process.pid}-${randomBytes(4).toString('hex')}-${/\.csv$/i.test(base) ? base : `${base}.csv`}`);
  trackTemp(file);
  writeFileSync(file, bytes);
  return {
    url,
    file,
    bytes: bytes.length,
    cut: Boolean(got.cut),
    remove: () => {
      rmSync(file, { force: true });
      releaseTemp(file);
    },
  };
}
