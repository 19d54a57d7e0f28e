/**
 * A DCAT-US `data.json` is one document, and a federal agency's holds 100,000 datasets: it is
 * harvested as it downloads, never held whole. Its `dataset` list is cut between two records into
 * parts of `--page-size` datasets (default 1,000); each part is a page whose body is the
 * document's text from where the part before ended — the parts put end to end are the document
 * as received, and a snapshot keeps them so — and it is linted with its records at their places
 * in the whole document (line, column, `/dataset/<n>`: src/loaders/index.ts `loadDocumentPart`).
 * The harvest only cuts (a scan for the records' ends, no parse): the parts' loaders parse.
 */
import { findRecords, scanRecords } from '../loaders/json-stream.js';
import type { DocumentPart } from '../loaders/index.js';
import { DEFAULT_LIMITS, type Limits } from '../model/index.js';
import type { HttpClient, Opened } from './client.js';
import type { DocumentResume } from './walk.js';
import { createHash } from 'node:crypto';
import { isRecord } from './json-page.js';
import type { HarvestOptions, HarvestRecord, HarvestStats, PageRecord } from './types.js';

/** Datasets per part. */
export const DCAT_US_PART = 1000;

/** The head of a document read to recognise it (the envelope and the list's start are in it). */
const HEAD_CHARS = 1 << 20;

/** The first characters of an opened body, decoded; the rest still to come. */
export interface BodyStart {
  opened: Opened;
  /** The decoded pieces read so far (about HEAD_CHARS characters, or the whole body). */
  texts: string[];
  /** The same, as bytes (a document that is not streamed is decoded whole, by its own charset). */
  bytes: Uint8Array[];
  decoder: TextDecoder;
  rest: AsyncIterator<Uint8Array>;
  /** The body ended within the head. */
  done: boolean;
  /** Why the body ended early (the connection dropped or went quiet). */
  error?: string;
}

/** Where a resumed download's parts start: after the part a partial snapshot ends with. */
export interface PartsFrom {
  /** The next part's page number and first dataset. */
  page: number;
  first: number;
  /** The document's place (character offset, line, column) after the last part. */
  offset: number;
  line: number;
  column: number;
  /** Bytes of the answer before its part of the body (a whole answer read again: the bytes skipped). */
  skipped: number;
}

/** A resumed download asks again for this many bytes before the cut, to check that they are the ones the snapshot holds. */
export const RESUME_OVERLAP = 4096;

/**
 * The rest of a document after the parts a partial snapshot holds. Asked from a little before
 * the cut (a Range request): the bytes that overlap must be the snapshot's. A server that sends
 * the whole document (no ranges), or whose overlap differs, is read from the start, and what
 * comes before the cut must be the snapshot's parts byte for byte (a UTF-8 BOM aside). A string
 * says why the download cannot go on (the document changed, or did not answer).
 */
export async function resumeDocument(url: string, client: HttpClient, d: DocumentResume): Promise<{ body: BodyStart; skipped: number } | string> {
  const back = Math.min(RESUME_OVERLAP, d.tail.length, d.bytes);
  let opened = await client.open(url, 'application/json', d.bytes - back);
  if (opened.ok && opened.rangeStart === d.bytes - back) {
    const it = opened.chunks[Symbol.asyncIterator]();
    const read = await takeBytes(it, back);
    if (read && Buffer.compare(read.bytes, d.tail.subarray(d.tail.length - back)) === 0) return { body: restOf(opened, it, read.left), skipped: back };
    await opened.close();
    opened = await client.open(url, 'application/json');
  } else if (opened.ok && opened.rangeStart !== undefined) {
    await opened.close();
    opened = await client.open(url, 'application/json');
  }
  if (!opened.ok) return `it did not answer again (${opened.error})`;
  // The whole document again: what comes before the cut must be what the snapshot holds.
  const it = opened.chunks[Symbol.asyncIterator]();
  const bom = await takeBytes(it, 3);
  if (!bom) return 'it is shorter than the snapshot';
  const skipBom = bom.bytes[0] === 0xef && bom.bytes[1] === 0xbb && bom.bytes[2] === 0xbf;
  const hash = createHash('sha256');
  const whole = withFirst(it, skipBom ? bom.left : [bom.bytes, ...bom.left]);
  const read = await takeBytes(whole, d.bytes, (chunk) => hash.update(chunk));
  if (!read || hash.digest('hex') !== d.digest) {
    await opened.close();
    return read ? 'it changed since the snapshot was started' : 'it is shorter than the snapshot';
  }
  return { body: restOf(opened, whole, read.left), skipped: d.bytes + (skipBom ? 3 : 0) };
}

/** The next `n` bytes of a body (each chunk seen by `see`), and what came after them in the last chunk; undefined when the body ends first. */
async function takeBytes(it: AsyncIterator<Uint8Array>, n: number, see?: (chunk: Uint8Array) => void): Promise<{ bytes: Buffer; left: Uint8Array[] } | undefined> {
  const taken: Uint8Array[] = [];
  let size = 0;
  while (size < n) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await it.next();
    } catch {
      return undefined;
    }
    if (next.done) return undefined;
    const want = Math.min(n - size, next.value.length);
    const chunk = next.value.subarray(0, want);
    see?.(chunk);
    if (!see) taken.push(chunk);
    size += want;
    if (want < next.value.length) return { bytes: Buffer.concat(taken), left: [next.value.subarray(want)] };
  }
  return { bytes: Buffer.concat(taken), left: [] };
}

/** An iterator that gives `first` before the rest of `it`. */
function withFirst(it: AsyncIterator<Uint8Array>, first: Uint8Array[]): AsyncIterator<Uint8Array> {
  const queue = [...first];
  return { next: () => (queue.length ? Promise.resolve({ done: false, value: queue.shift()! }) : it.next()) };
}

/** A resumed body, its text starting after the cut. */
function restOf(opened: Opened, it: AsyncIterator<Uint8Array>, left: Uint8Array[]): BodyStart {
  return { opened, texts: [], bytes: [], decoder: new TextDecoder('utf-8', { ignoreBOM: true }), rest: withFirst(it, left), done: false };
}

/** Reads the head of an opened body (an error there ends it: `error`). */
export async function startBody(opened: Opened): Promise<BodyStart> {
  const decoder = new TextDecoder('utf-8');
  const rest = opened.chunks[Symbol.asyncIterator]();
  const texts: string[] = [];
  const bytes: Uint8Array[] = [];
  let chars = 0;
  try {
    while (chars < HEAD_CHARS) {
      const next = await rest.next();
      if (next.done) return { opened, texts, bytes, decoder, rest, done: true };
      bytes.push(next.value);
      const text = decoder.decode(next.value, { stream: true });
      texts.push(text);
      chars += text.length;
    }
  } catch (e) {
    return { opened, texts, bytes, decoder, rest, done: true, error: (e as Error).message };
  }
  return { opened, texts, bytes, decoder, rest, done: false };
}

/** Where the records of a DCAT-US catalogue's head are: its `dataset` list and the text before it. */
export function dcatUsList(head: string): { envelope: string; path: string } | undefined {
  if (!head.replace(/^\uFEFF/, '').trimStart().startsWith('{')) return undefined;
  const found = findRecords(head);
  if (!found || found.shape.path !== '/dataset') return undefined;
  const env = found.shape.envelope;
  // POD: conformsTo the Project Open Data schema, or a dcat:Catalog (isDcatUs, with the list still empty).
  if (!isRecord(env) || !(/project-open-data|resources\.data\.gov/.test(String(env.conformsTo ?? env['@context'] ?? '')) || env['@type'] === 'dcat:Catalog')) return undefined;
  return { envelope: head.slice(0, found.start), path: found.shape.path };
}

/**
 * The parts of a DCAT-US document as it downloads, in order. A part is yielded when the record
 * after it is seen (the last one takes the document's tail); `--max-datasets` ends the last part
 * at that record and stops the download. A download cut off is a `network` failure after the
 * parts whose records all came; a list that does not scan (a missing comma) ends in a last part
 * holding the rest, whose own scan reports it where it is.
 */
export async function* documentParts(url: string, body: BodyStart, list: { envelope: string; path: string }, opts: HarvestOptions, stats: HarvestStats, limits: Limits = DEFAULT_LIMITS, from?: PartsFrom): AsyncGenerator<HarvestRecord> {
  const size = opts.pageSize ?? DCAT_US_PART;
  const max = opts.maxDatasets ?? Infinity;
  const { decoder, rest, opened } = body;
  let raw = ''; // the text read and not yet in a part
  let rawAt = from?.offset ?? 0; // its offset in the document
  let bytes = body.bytes.reduce((n, b) => n + b.length, from?.skipped ?? 0);
  let cutOff = body.error;
  const take = (chunk: Uint8Array): string => {
    bytes += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    raw += text;
    return text;
  };
  // The text as the scan asks for it (a scan that stops does not close the download: its tail is read after).
  async function* text(): AsyncGenerator<string> {
    for (const t of body.texts) {
      raw += t;
      yield t;
    }
    if (body.done) return;
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await rest.next();
      } catch (e) {
        cutOff = (e as Error).message;
        return;
      }
      if (next.done) return;
      yield take(next.value);
    }
  }
  let page = from?.page ?? 0;
  let first = from?.first ?? 0;
  let count = 0;
  let at = from ? { offset: from.offset, line: from.line, column: from.column } : { offset: 0, line: 1, column: 1 };
  let lastEnd = 0; // where the last whole record ends
  let held: PageRecord | undefined;
  const part = (end: number, datasets: number, closes: boolean): PageRecord => {
    const meta: DocumentPart = { envelope: list.envelope, path: list.path, first, ...at, end: closes };
    const record: PageRecord = { kind: 'page', page: page++, url, fetchedAt: new Date().toISOString(), contentType: opened.contentType, body: raw.slice(0, end - rawAt), datasets, part: meta };
    raw = raw.slice(end - rawAt);
    rawAt = end;
    first += datasets;
    stats.pages++;
    stats.harvested += datasets;
    return record;
  };
  const scanned = scanRecords(text(), url, from ? at : { listAt: list.envelope.length }, limits, []);
  let total = from?.first ?? 0;
  for await (const r of scanned) {
    if (held) yield held;
    held = undefined;
    count++;
    total++;
    lastEnd = r.end;
    if (count === size || total >= max) {
      held = part(r.end, count, false);
      at = { offset: r.end, line: r.endLine, column: r.endColumn };
      count = 0;
      if (total >= max) break;
    }
  }
  if (total >= max) {
    await opened.close();
    if (held) yield held;
    return;
  }
  if (cutOff === undefined && !body.done) {
    // The document's tail after its list (the scan stopped at its `]`, or at a problem).
    try {
      for (let next = await rest.next(); !next.done; next = await rest.next()) take(next.value);
    } catch (e) {
      cutOff = (e as Error).message;
    }
  }
  // Without compression, a body shorter than its Content-Length was cut off too.
  if (cutOff === undefined && opened.length && bytes < opened.length) cutOff = `${bytes} of ${opened.length} bytes came`;
  if (cutOff === undefined) raw += decoder.decode();
  if (cutOff !== undefined) {
    // The records that came whole are linted; the download's failure is the harvest's finding.
    if (held) yield held;
    if (count) yield part(lastEnd, count, false);
    stats.failedPages++;
    yield { kind: 'error', page: page++, url, fetchedAt: new Date().toISOString(), messageId: 'network', data: { error: `the answer was cut off after ${bytes} bytes (${cutOff})`, attempts: opened.attempts } };
    return;
  }
  // The last part takes the tail: the records after the last cut, or none (then the part before closes the document).
  if (held && count === 0) {
    held.body += raw;
    held.part!.end = true;
    yield held;
  } else {
    if (held) yield held;
    yield part(rawAt + raw.length, count, true);
  }
  stats.announced = total;
}
