import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { TableInfo } from '../model/index.js';
import { countBoms, detectEncoding } from './encoding.js';
import { DataFileError, type Reader, type TableSink, type ReadOptions } from './types.js';

const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter that splits the sample's lines most consistently: for each candidate, the
 * number of fields per line (quotes respected) should be the same and greater than one.
 */
export function sniffDelimiter(sample: string, fallback = ','): string {
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 50);
  if (lines.length > 1) lines.pop(); // the last line of a sample may be cut
  let best = fallback;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
    const score = modeCount * 1000 + mode; // consistency first, then number of fields
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Streaming CSV/TSV reader: one pass, constant memory, rows handed to the sink as they come. */
export const csvReader: Reader = {
  name: 'csv',
  extensions: ['.csv', '.tsv', '.tab'],
  async read(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
    const head = await readHead(file);
    const bomCount = countBoms(head);
    const encoding = detectEncoding(head.subarray(bomCount * 3));
    const sample = iconv.decode(head.subarray(bomCount * 3), encoding);
    const ext = path.extname(file).toLowerCase();
    const delimiter = ext === '.tsv' || ext === '.tab' ? '\t' : sniffDelimiter(sample);

    const info: TableInfo = {
      path: file,
      file: options.file,
      reader: 'csv',
      encoding,
      bomCount,
      delimiter,
      header: [],
      headerRow: 0,
      facts: {},
    };

    const source = createReadStream(file, { start: bomCount * 3, highWaterMark: 256 * 1024 });
    const decoded = encoding === 'UTF-8' ? source : source.pipe(iconv.decodeStream(encoding));
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      bom: false,
    });

    let rows = 0;
    let prevEndLine = 0;
    let started = false;
    const done = new Promise<void>((resolve, reject) => {
      parser.on('readable', () => {
        let rec: { record: string[]; info: { lines: number } } | null;
        while ((rec = parser.read() as typeof rec) !== null) {
          rows++;
          const line = prevEndLine + 1;
          prevEndLine = rec.info.lines;
          if (!started) {
            started = true;
            info.header = rec.record;
            info.headerRow = 1;
            sink.table(info);
            if (!options.rows) {
              source.destroy();
              resolve();
              return;
            }
            continue;
          }
          sink.row(rec.record, { row: rows, line, table: info });
        }
      });
      parser.on('error', (err: Error & { code?: string; lines?: number }) => {
        reject(new DataFileError(`cannot parse as CSV: ${err.message.replace(/^Invalid \w+: /, '')}`, { line: err.lines }));
      });
      parser.on('end', resolve);
      source.on('error', (err) => reject(new DataFileError(`cannot read: ${err.message}`)));
    });
    decoded.pipe(parser);
    await done;
    if (!started) sink.table(info); // empty file: rules still see the (empty) table
    sink.end({ rows, bytes: head.length < SAMPLE_BYTES ? head.length : source.bytesRead + bomCount * 3, facts: {} });
  },
};
