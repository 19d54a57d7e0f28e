/**
 * The harvester's HTTP client: polite (a bounded number of requests in flight per host, a
 * User-Agent that says who asks), patient (Retry-After honoured, bounded exponential backoff on
 * 429, 5xx, timeouts, resets and truncated bodies) and careful (a per-request timeout, a size
 * cap on the decoded body, so a gzip bomb stops at the cap). It never throws: a request that
 * still fails after its retries is an outcome the harvester reports (`core/harvest-error`).
 */
import { decodeDescriptor } from '../loaders/decode.js';

export interface ClientOptions {
  /** Requests in flight at once to one host (default 4). */
  perHost: number;
  /** Retries after the first attempt (default 4: five attempts). */
  retries: number;
  /** Time for one attempt, headers and body (default 30 s). */
  timeoutMs: number;
  /** First backoff; doubled after each failed attempt, with jitter (default 1 s). */
  backoffMs: number;
  /** No wait, whether Retry-After or backoff, is longer than this (default 60 s). */
  maxWaitMs: number;
  /** Largest decoded body read (default: limits.descriptorBytes). */
  maxBytes: number;
  userAgent: string;
  /** How to wait (tests count the waits). */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CLIENT: Omit<ClientOptions, 'maxBytes' | 'userAgent'> = { perHost: 4, retries: 4, timeoutMs: 30_000, backoffMs: 1_000, maxWaitMs: 60_000 };

/** Where a portal operator reads what odlint is (the package page). */
export const PROJECT_URL = 'https://www.npmjs.com/package/odlint';

/** `odlint/0.1.0 (+https://www.npmjs.com/package/odlint)`: a portal's operator can see who asks and where to look. */
export const userAgentOf = (version: string) => `odlint/${version} (+${PROJECT_URL})`;

export interface Got {
  ok: true;
  /** The body's bytes as received (asked with `prefix`: the first bytes only). */
  bytes?: Buffer;
  /** `prefix`: the answer was longer and was cut there. */
  cut?: boolean;
  url: string;
  /** The URL answered after redirects. */
  finalUrl: string;
  status: number;
  contentType: string;
  /** The body decoded (src/loaders/decode.ts); from `get`, decoded on first use only: a page that is counted from its bytes and linted elsewhere is never decoded here. */
  text: string;
  attempts: number;
}

/** A whole answer: its bytes, and its text decoded when first asked for. */
export function gotOf(meta: Omit<Got, 'ok' | 'text' | 'bytes' | 'cut'>, bytes: Buffer): Got {
  let text: string | undefined;
  return {
    ok: true,
    ...meta,
    bytes,
    get text() {
      return (text ??= decodeDescriptor(bytes));
    },
  };
}

/**
 * A page's text where it is linted: a page fetched travels as its bytes (to a worker they are
 * copied, never decoded and re-encoded) and is decoded there, once.
 */
export const pageText = (body: string | Uint8Array, escaped?: boolean): string => (typeof body === 'string' ? body : escaped ? literalText(body) : decodeDescriptor(Buffer.from(body.buffer, body.byteOffset, body.byteLength)));

/** The message of the error `literalText` throws (it must be known again after crossing from a worker thread, which keeps only an error's message). */
export const BROKEN_LITERAL = 'odlint: the body sent as its JSON string is not one';

/** Whether an error is `literalText`'s: the page's line must be read again, the slow way (src/engine/remote.ts). */
export const isBrokenLiteral = (e: unknown): boolean => e instanceof Error && e.message === BROKEN_LITERAL;

/**
 * The text of a snapshot page sent as its body's JSON string (src/harvest/snapshot-line.ts):
 * decoded and parsed natively. UTF-8 is decoded before the escapes are undone, not after: the
 * same text, since an escape is ASCII and stands for whole characters (bytes that are not
 * UTF-8 become U+FFFD either way). Throws `BROKEN_LITERAL` when it is not one JSON string.
 */
export function literalText(bytes: Uint8Array): string {
  let text: unknown;
  try {
    text = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    throw new Error(BROKEN_LITERAL);
  }
  if (typeof text !== 'string') throw new Error(BROKEN_LITERAL);
  return text;
}

export interface Failed {
  ok: false;
  url: string;
  /** The last HTTP status, when the server answered at all. */
  status?: number;
  /** Why, in a few words: `HTTP 503 Service Unavailable`, `no answer within 30 s`, `ECONNRESET`. */
  error: string;
  attempts: number;
  /** The body was larger than maxBytes (not retried). */
  tooLarge?: { max: number; found: number | string };
}

export type Fetched = Got | Failed;

/** An answer whose body is read as it comes (`HttpClient.open`). */
export interface Opened {
  ok: true;
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  attempts: number;
  /** Content-Length, when the server says it (the compressed length under gzip). */
  length?: number;
  /** Asked `from` a byte: where the answer starts (a 206 with its Content-Range); undefined when the server sent the whole. */
  rangeStart?: number;
  /** The body as it comes (decompressed); ends with an error when the connection drops or goes quiet for the timeout. */
  chunks: AsyncIterable<Uint8Array>;
  /** Stops reading (the connection and the host's slot are let go); also done when `chunks` ends. */
  close(): Promise<void>;
}


/** Statuses worth asking again: rate limits, gateway and server hiccups. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** A counting semaphore per host. */
class HostSlots {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}

  async acquire(host: string): Promise<void> {
    const n = this.active.get(host) ?? 0;
    if (n < this.limit) {
      this.active.set(host, n + 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const q = this.waiting.get(host) ?? [];
      q.push(resolve);
      this.waiting.set(host, q);
    });
  }

  release(host: string): void {
    const next = this.waiting.get(host)?.shift();
    // The slot passes straight to the next waiter.
    if (next) next();
    else this.active.set(host, (this.active.get(host) ?? 1) - 1);
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly slots: HostSlots;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made (every attempt), for the progress line and the tests. */
  requests = 0;
  /** Attempts that were retried. */
  retried = 0;

  constructor(readonly options: ClientOptions) {
    this.slots = new HostSlots(Math.max(1, options.perHost));
    this.sleep = options.sleep ?? realSleep;
  }

  /**
   * GETs a URL with the retries; `accept` says which representations are wanted. With `prefix`,
   * only the first `prefix` bytes are asked (a Range request) and read — a sample of a data
   * file: a longer answer is cut there, not an error; the bytes are returned as they came.
   */
  async get(url: string, accept = 'application/json', prefix?: number): Promise<Fetched> {
    const host = hostOf(url);
    let attempts = 0;
    for (;;) {
      attempts++;
      await this.slots.acquire(host);
      let outcome: Fetched | { retry: true; status?: number; error: string; waitMs?: number };
      try {
        outcome = await this.attempt(url, accept, attempts, prefix);
      } finally {
        this.slots.release(host);
      }
      if (!('retry' in outcome)) return outcome;
      if (attempts > this.options.retries) return { ok: false, url, ...(outcome.status ? { status: outcome.status } : {}), error: outcome.error, attempts };
      this.retried++;
      await this.sleep(this.waitBefore(attempts, outcome.waitMs));
    }
  }

  /**
   * Opens a URL and hands its body on as it comes, for a document too big to hold (a DCAT-US
   * data.json of 100,000 datasets). Retried like `get` until the answer starts; then the
   * host's slot is held until the body is read or closed, and the timeout is the longest wait
   * for the next bytes (a long download is not cut, a stalled one is).
   */
  async open(url: string, accept: string, from?: number): Promise<Opened | Failed> {
    const host = hostOf(url);
    const { timeoutMs } = this.options;
    let attempts = 0;
    for (;;) {
      attempts++;
      await this.slots.acquire(host);
      this.requests++;
      let released = false;
      const release = () => {
        if (!released) this.slots.release(host);
        released = true;
      };
      const controller = new AbortController();
      let timer = setTimeout(() => controller.abort(timeoutError()), timeoutMs);
      let retry: { status?: number; error: string; waitMs?: number };
      try {
        // From a byte (a download resumed): the bytes as stored, not compressed, so that the range is in them.
        const range: Record<string, string> = from ? { range: `bytes=${from}-`, 'accept-encoding': 'identity' } : { 'accept-encoding': 'gzip, deflate, br' };
        const res = await fetch(url, { signal: controller.signal, headers: { accept, 'user-agent': this.options.userAgent, ...range }, redirect: 'follow' });
        const status = res.status;
        const statusText = `HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`;
        if (res.ok) {
          const body = res.body;
          async function* chunks(): AsyncGenerator<Uint8Array> {
            try {
              for await (const chunk of body ?? []) {
                clearTimeout(timer);
                timer = setTimeout(() => controller.abort(timeoutError()), timeoutMs);
                yield chunk;
              }
            } catch (e) {
              throw new Error(networkError(e, timeoutMs));
            } finally {
              clearTimeout(timer);
              release();
            }
          }
          // Without compression the length is the body's: a shorter body was cut off.
          const length = res.headers.get('content-encoding') ? undefined : Number(res.headers.get('content-length')) || undefined;
          const close = async () => {
            clearTimeout(timer);
            await body?.cancel().catch(() => undefined);
            release();
          };
          const rangeStart = status === 206 ? Number(/^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1]) : NaN;
          return { ok: true, url, finalUrl: res.url || url, status, contentType: res.headers.get('content-type') ?? '', attempts, ...(length ? { length } : {}), ...(Number.isInteger(rangeStart) ? { rangeStart } : {}), chunks: chunks(), close };
        }
        clearTimeout(timer);
        await res.body?.cancel().catch(() => undefined);
        release();
        if (!RETRYABLE.has(status)) return { ok: false, url, status, error: statusText, attempts };
        retry = { status, error: statusText, waitMs: retryAfterMs(res.headers.get('retry-after')) };
      } catch (e) {
        clearTimeout(timer);
        release();
        retry = { error: networkError(e, timeoutMs) };
      }
      if (attempts > this.options.retries) return { ok: false, url, ...(retry.status ? { status: retry.status } : {}), error: retry.error, attempts };
      this.retried++;
      await this.sleep(this.waitBefore(attempts, retry.waitMs));
    }
  }

  /** The wait before the next attempt: Retry-After, or the exponential backoff with ±25 % jitter, at most maxWaitMs. */
  private waitBefore(attempts: number, retryAfterMs?: number): number {
    const backoff = this.options.backoffMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5);
    return Math.min(this.options.maxWaitMs, Math.max(retryAfterMs ?? 0, backoff));
  }

  private async attempt(url: string, accept: string, attempts: number, prefix?: number): Promise<Fetched | { retry: true; status?: number; error: string; waitMs?: number }> {
    this.requests++;
    const { timeoutMs } = this.options;
    const maxBytes = prefix ?? this.options.maxBytes;
    let res: Response;
    try {
      const range: Record<string, string> = prefix ? { range: `bytes=0-${prefix - 1}` } : {};
      res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept, 'user-agent': this.options.userAgent, 'accept-encoding': 'gzip, deflate, br', ...range }, redirect: 'follow' });
    } catch (e) {
      return { retry: true, error: networkError(e, timeoutMs) };
    }
    const status = res.status;
    const statusText = `HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`;
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      if (RETRYABLE.has(status)) return { retry: true, status, error: statusText, waitMs: retryAfterMs(res.headers.get('retry-after')) };
      return { ok: false, url, status, error: statusText, attempts };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    // A body of known length (not compressed) is copied into its own buffer as it comes: each
    // chunk can go at once, and no second copy of a 7 MB page is made to join them.
    const length = res.headers.get('content-encoding') ? 0 : Number(res.headers.get('content-length')) || 0;
    const whole = !prefix && length > 0 && length <= maxBytes ? Buffer.allocUnsafeSlow(length) : undefined;
    try {
      for await (const chunk of res.body ?? []) {
        size += chunk.length;
        if (whole) {
          if (size > length) {
            await res.body?.cancel().catch(() => undefined);
            return { retry: true, status, error: `the answer is longer than its Content-Length (${length} bytes)` };
          }
          whole.set(chunk, size - chunk.length);
          continue;
        }
        if (size > maxBytes && prefix) {
          // A sample: the bytes up to the limit are the answer.
          await res.body?.cancel().catch(() => undefined);
          chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
          const bytes = Buffer.concat(chunks);
          return { ok: true, url, finalUrl: res.url || url, status, contentType: res.headers.get('content-type') ?? '', text: '', bytes, cut: true, attempts };
        }
        if (size > maxBytes) {
          await res.body?.cancel().catch(() => undefined);
          const found = Number(res.headers.get('content-length')) || `${size}+`;
          return { ok: false, url, status, error: `the answer is larger than ${maxBytes} bytes`, attempts, tooLarge: { max: maxBytes, found } };
        }
        chunks.push(chunk);
      }
    } catch (e) {
      // The connection closed before the body was whole (a truncated answer): ask again.
      return { retry: true, status, error: `the answer was cut off after ${size} bytes (${networkError(e, timeoutMs)})` };
    }
    // Without compression, a body shorter than its Content-Length was cut off too.
    const announced = Number(res.headers.get('content-length'));
    if (!res.headers.get('content-encoding') && announced && size < announced) {
      return { retry: true, status, error: `the answer was cut off after ${size} of ${announced} bytes` };
    }
    // A server that honoured the Range says how long the whole is.
    if (prefix) {
      const whole = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
      return { ok: true, url, finalUrl: res.url || url, status, contentType: res.headers.get('content-type') ?? '', text: '', bytes: Buffer.concat(chunks), cut: status === 206 && whole > size, attempts };
    }
    const bytes = whole ?? Buffer.concat(chunks, size);
    return gotOf({ url, finalUrl: res.url || url, status, contentType: res.headers.get('content-type') ?? '', attempts }, bytes);
  }
}

const timeoutError = () => new DOMException('no answer in time', 'TimeoutError');

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function networkError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.cause?.code === 'UND_ERR_HEADERS_TIMEOUT' || err.cause?.code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs / 1000} s`;
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
