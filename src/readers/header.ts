/**
 * Where the header is. Looks at the first records of a file (already parsed) and decides which
 * are preamble (blank lines, a title, comments), whether the next one is a header or already data
 * (missing header), and why — the evidence ends up in the messages.
 */
import { isBlankRow, type PreambleRow, type TableDialect } from '../model/index.js';
import { classifyCell, BOOLEAN, DATE, DATETIME, DATE_OTHER, DECIMAL_COMMA, GROUPED_NUMBER, INTEGER, NUMBER } from './cell-type.js';

export interface BufferedRecord {
  cells: string[];
  row: number;
  line: number;
}

export interface HeaderDecision {
  status: 'present' | 'missing' | 'empty' | 'none';
  evidence: string[];
  preamble: PreambleRow[];
  /** Index in the records of the header, or -1 when there is none. */
  headerIndex: number;
  /** Index of the first data record. */
  dataStart: number;
  /** Header cells when several records form the header (joined); else the header record's cells. */
  headerCells?: string[];
}

/** Records the decision looks at (the reader buffers this many before the first row goes out). */
export const HEADER_SAMPLE = 50;
const MAX_PREAMBLE = 10;

const TYPED = new Set([INTEGER, NUMBER, DECIMAL_COMMA, GROUPED_NUMBER, BOOLEAN, DATE, DATETIME, DATE_OTHER]);
const isTyped = (s: string) => TYPED.has(classifyCell(s));
/** Years (and 4-digit codes such as postcodes) are common column names in wide statistical tables. */
const isYearLike = (s: string) => /^\d{4}$/.test(s);

function nonEmpty(cells: readonly string[]): string[] {
  return cells.map((c) => c.trim()).filter((c) => c !== '');
}

/** The most frequent number of non-empty cells among records (0 when there are none). */
function modalWidth(records: readonly BufferedRecord[]): number {
  const freq = new Map<number, number>();
  for (const r of records) {
    const n = nonEmpty(r.cells).length;
    if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
  }
  let mode = 0;
  let best = 0;
  for (const [n, f] of freq) if (f > best || (f === best && n > mode)) [mode, best] = [n, f];
  return mode;
}

/** A comment line: `#` first, narrower than the table (`#id,name,...` as wide as the rest is a header). */
function isComment(r: BufferedRecord, rest: readonly BufferedRecord[]): boolean {
  return r.cells[0]!.trimStart().startsWith('#') && r.cells.length < Math.max(2, ...rest.slice(0, 10).map((x) => x.cells.length));
}

/** A title: one lone non-empty cell above rows that have several. */
function isTitle(r: BufferedRecord, rest: readonly BufferedRecord[]): boolean {
  const cells = nonEmpty(r.cells);
  if (cells.length !== 1) return false;
  const width = modalWidth(rest.slice(0, 20));
  return width >= 3 || (width === 2 && cells[0]!.length > 20);
}

export function detectHeader(records: readonly BufferedRecord[]): HeaderDecision {
  const preamble: PreambleRow[] = [];
  let i = 0;
  for (; i < records.length && preamble.length < MAX_PREAMBLE; i++) {
    const r = records[i]!;
    const rest = records.slice(i + 1).filter((x) => !isBlankRow(x.cells));
    if (isBlankRow(r.cells)) preamble.push({ row: r.row, kind: 'blank' });
    else if (isComment(r, rest)) preamble.push({ row: r.row, kind: 'comment' });
    else if (isTitle(r, rest)) preamble.push({ row: r.row, kind: 'title' });
    else break;
  }
  if (i >= records.length) return { status: 'empty', evidence: [], preamble, headerIndex: -1, dataStart: records.length };

  const candidate = records[i]!;
  const sample = records.slice(i + 1).filter((r) => !isBlankRow(r.cells));
  const evidence = dataEvidence(candidate, sample);
  if (evidence.length > 0) return { status: 'missing', evidence, preamble, headerIndex: -1, dataStart: i };
  return { status: 'present', evidence: sample.length ? [] : ['no data rows to compare with: assumed'], preamble, headerIndex: i, dataStart: i + 1 };
}

/**
 * Reasons to think the first row is data, not names: it holds only numbers/dates, or its values
 * recur in their columns (more often than its cells look like names over typed columns).
 */
function dataEvidence(candidate: BufferedRecord, sample: readonly BufferedRecord[]): string[] {
  if (sample.length === 0) return [];
  const cells = candidate.cells.map((c) => c.trim());
  const filled = cells.filter((c) => c !== '');
  if (filled.length > 0 && filled.every(isTyped) && !filled.every(isYearLike)) {
    return ['the first row holds only numbers or dates'];
  }
  const repeated = sample.some((r) => r.cells.length === cells.length && r.cells.every((c, j) => c.trim() === cells[j]));
  const recurring: number[] = [];
  let nameLike = 0;
  cells.forEach((h, j) => {
    if (h === '') return;
    const values = sample.map((r) => r.cells[j]?.trim() ?? '').filter((v) => v !== '');
    if (values.length === 0) return;
    if (!repeated && values.includes(h)) recurring.push(j + 1);
    if (!isTyped(h) && values.filter(isTyped).length >= 0.8 * values.length) nameLike++;
  });
  if (recurring.length > nameLike) {
    return [`values of the first row recur in column${recurring.length > 1 ? 's' : ''} ${recurring.join(', ')}`];
  }
  return [];
}

/** Whether a dialect places the header itself (`header`, `headerRows`): then nothing is guessed. */
export function declaresHeader(dialect: TableDialect | undefined): boolean {
  return dialect?.header !== undefined || dialect?.headerRows !== undefined;
}

/**
 * The header as the dialect declares it (Frictionless semantics): `header: false` = every record
 * is data; `headerRows` = those records form the header, joined column by column with
 * `headerJoin` (a value repeated from the row above, a merged cell, is not repeated), records
 * above it are skipped; otherwise the first record is the header. Comment records are already
 * removed from `records`.
 */
export function declaredHeader(records: readonly BufferedRecord[], dialect: TableDialect): HeaderDecision {
  if (dialect.header === false) return { status: 'none', evidence: [], preamble: [], headerIndex: -1, dataStart: 0 };
  if (records.length === 0) return { status: 'empty', evidence: [], preamble: [], headerIndex: -1, dataStart: 0 };
  const rows = dialect.headerRows?.length ? dialect.headerRows : [records[0]!.row];
  const last = Math.max(...rows);
  const headerRecords = records.filter((r) => rows.includes(r.row));
  const preamble: PreambleRow[] = records.filter((r) => r.row < last && !rows.includes(r.row)).map((r) => ({ row: r.row, kind: preambleKind(r) }));
  const dataStart = records.findIndex((r) => r.row > last);
  const end = dataStart < 0 ? records.length : dataStart;
  if (headerRecords.length === 0) return { status: 'empty', evidence: [], preamble, headerIndex: -1, dataStart: end };
  const headerIndex = records.indexOf(headerRecords.at(-1)!);
  return { status: 'present', evidence: [], preamble, headerIndex, dataStart: end, headerCells: joinHeader(headerRecords, dialect.headerJoin ?? ' ') };
}

function preambleKind(r: BufferedRecord): PreambleRow['kind'] {
  if (isBlankRow(r.cells)) return 'blank';
  return r.cells[0]!.trimStart().startsWith('#') ? 'comment' : 'title';
}

/** Labels of a multi-row header, as frictionless-py joins them. */
function joinHeader(records: readonly BufferedRecord[], join: string): string[] {
  const labels: string[] = [];
  const previous = new Map<number, string>();
  for (const r of records) {
    r.cells.forEach((cell, i) => {
      // A repeated value is a merged cell; a blank one adds nothing (frictionless-py would add `join`).
      if (previous.get(i) === cell || cell.trim() === '') return;
      previous.set(i, cell);
      labels[i] = labels[i] === undefined ? cell : `${labels[i]}${join}${cell}`;
    });
  }
  return Array.from(labels, (l) => l ?? '');
}
