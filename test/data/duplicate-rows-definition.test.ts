/**
 * `data/duplicate-rows` is its definition: a row (not blank) repeats the first earlier row with the
 * same cells, remembered in a Map of the cells joined (at most `maxRows` of them). The rule, fed by
 * the CSV reader (the tokenizer's records hashed from its copy of their text, the rows it buffers
 * before the header is known and csv-parse's rows hashed from their strings; HashSeen's Bloom
 * filter, and slots placed in batches), must report the same pairs in the same order, and say the
 * check was partial exactly when the definition stops remembering — on generated tables full of
 * duplicates and near-duplicates (a character moved to the next cell, the same value quoted or
 * not, a trailing empty cell) and on every CSV fixture.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/readers/csv.js';
import { CellsRecord } from '../../src/readers/cells-record.js';
import { DEFAULT_LIMITS, type Dataset, type Distribution, type RowContext, type TableInfo, type TableSummary } from '../../src/model/index.js';
import type { ReportDescriptor, RuleModule } from '../../src/engine/rule-api.js';
import * as duplicates from '../../rules/data/duplicate-rows.js';
import { csvFixtureFiles } from '../helpers/csv-fixture-tables.js';
import { pick } from '../helpers/record-units.js';
import { prng } from '../helpers/prng.js';
import { memorySource } from '../helpers/memory-source.js';
import { ruleHooks } from '../helpers/rule-hooks.js';

const rule = duplicates as unknown as RuleModule;

interface Outcome {
  pairs: [row: number, first: number][];
  partial: boolean;
}

/** What the rule reports on a file read in chunks of `chunk` bytes, and the rows it was given. */
async function lint(bytes: Buffer, name: string, chunk: number, maxRows: number): Promise<{ got: Outcome; rows: { cells: string[]; row: number }[] }> {
  const reports: ReportDescriptor[] = [];
  const hooks = ruleHooks(rule.meta.id, rule, { maxFindings: Number.MAX_SAFE_INTEGER, maxRows }, (d) => reports.push(d));
  const rows: { cells: string[]; row: number }[] = [];
  // The table is the whole file: the rule sizes its table from the file's size.
  const dist = { localPath: '/t.csv', localBytes: bytes.length } as unknown as Distribution;
  const ds = {} as Dataset;
  let info: TableInfo | undefined;
  let summary: TableSummary | undefined;
  const arrayRecord = new CellsRecord();
  const sink = {
    table: (t: TableInfo) => {
      info = { ...t, path: '/t.csv' };
      hooks.table?.(info, dist, ds);
    },
    // The rule reads the record (RuleMeta.readsRecord): the tokenizer cuts no cells.
    wantsCells: () => false,
    row: (given: string[], ctx: RowContext) => {
      // As in the engine: the rows handed out as arrays are read through a record of them.
      const record = ctx.record ?? arrayRecord.of(given);
      rows.push({ cells: Array.from({ length: record.width }, (_, i) => record.cell(i)), row: ctx.row });
      hooks.row?.(given, { ...ctx, table: info!, record });
    },
    end: (s: TableSummary) => {
      summary = s;
    },
  };
  await readCsv(memorySource(bytes, chunk), name, sink, { file: name, rows: true, limits: DEFAULT_LIMITS });
  hooks.rowsEnd?.(info!);
  hooks.endTable?.(info!, summary!, dist, ds);
  const pairs = reports.filter((r) => r.messageId === 'duplicate').map((r) => [r.data!.row, r.data!.first] as [number, number]);
  return { got: { pairs, partial: reports.some((r) => r.messageId === 'partial') }, rows };
}

/** The definition, over the rows the reader gave. */
function definition(rows: { cells: string[]; row: number }[], maxRows: number): Outcome {
  const first = new Map<string, number>();
  const pairs: [number, number][] = [];
  let partial = false;
  for (const { cells, row } of rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    partial ||= first.size >= maxRows;
    const key = JSON.stringify(cells);
    const earlier = first.get(key);
    if (earlier !== undefined) pairs.push([row, earlier]);
    else if (first.size < maxRows) first.set(key, row);
  }
  return { pairs, partial };
}

async function expectDefinition(bytes: Buffer, name: string, chunk: number, maxRows = 1_000_000): Promise<number> {
  const { got, rows } = await lint(bytes, name, chunk, maxRows);
  const want = definition(rows, maxRows);
  if (JSON.stringify(got) !== JSON.stringify(want)) expect({ name, chunk, maxRows, got }).toEqual({ name, chunk, maxRows, got: want });
  return want.pairs.length;
}

/** A CSV value as written: quoted when it must be, and now and then when it need not be. */
function written(value: string, delimiter: string, rand: () => number): string {
  const must = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return must || (value !== '' && rand() < 0.15) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A table with many repeated rows and near-repeats, as CSV text. */
function generated(rand: () => number): { text: string; delimiter: string } {
  const delimiter = pick(rand, [',', ';', '\t', '|']);
  const br = pick(rand, ['\n', '\r\n']);
  const width = 1 + Math.floor(rand() * (rand() < 0.1 ? 40 : 6));
  const values = ['', 'a', 'b', 'ab', 'ba', 'a b', ' ', 'é', 'ça', '😀', '1', '12', '1.5', 'x\ny', 'q"q', `a${delimiter}b`, `${delimiter}`, '\n', 'NA', 'long value '.repeat(3)];
  const rows: string[][] = [Array.from({ length: width }, (_, i) => `c${i}`)];
  const count = 20 + Math.floor(rand() * 400);
  for (let r = 0; r < count; r++) {
    const earlier = rows.length > 1 ? pick(rand, rows.slice(1)) : undefined;
    const kind = earlier ? Math.floor(rand() * 6) : 0;
    let cells: string[];
    if (kind === 0 || !earlier) {
      cells = Array.from({ length: width }, () => pick(rand, values));
    } else if (kind === 1 || kind === 2) {
      cells = [...earlier]; // a duplicate (written anew: quoted or not)
    } else if (kind === 3) {
      // A character moved to the next cell: ["ab", "c"] and ["a", "bc"].
      cells = [...earlier];
      const p = Math.floor(rand() * cells.length);
      if (p + 1 < cells.length && cells[p]!.length > 0) {
        cells[p + 1] = cells[p]!.slice(-1) + cells[p + 1]!;
        cells[p] = cells[p]!.slice(0, -1);
      }
    } else if (kind === 4) {
      // One character changed, or a trailing empty cell.
      cells = rand() < 0.5 ? earlier.map((c, i) => (i === 0 ? c + 'x' : c)) : [...earlier, ''];
    } else {
      cells = Array.from({ length: width }, () => '');
    }
    rows.push(cells);
  }
  const text = rows.map((cells) => cells.map((c) => written(c, delimiter, rand)).join(delimiter)).join(br) + (rand() < 0.5 ? br : '');
  return { text, delimiter };
}

describe('data/duplicate-rows is its definition (a Map of the rows\' cells)', () => {
  it('on generated tables of duplicates and near-duplicates, read in chunks of many sizes, with a small maxRows too', async () => {
    const rand = prng(20261206);
    let found = 0;
    for (let t = 0; t < 120; t++) {
      const { text } = generated(rand);
      const bytes = Buffer.from(text);
      const chunk = pick(rand, [7, 64, 1000, 1 << 20]);
      found += await expectDefinition(bytes, `g${t}.csv`, chunk);
      if (t % 4 === 0) await expectDefinition(bytes, `g${t}.csv`, chunk, 1 + Math.floor(rand() * 60));
    }
    expect(found).toBeGreaterThan(5_000);
  });

  it('on a table of many rows: hashes that wait for their slot, the filter filling up, the table full', async () => {
    const rand = prng(11);
    const lines = ['id,a,b'];
    for (let r = 0; r < 60_000; r++) {
      const id = rand() < 0.1 ? Math.floor(rand() * r) : r;
      lines.push(`${id},${id % 7 === 0 ? `"x,${id % 13}"` : id % 13},é${id % 3}`);
    }
    const bytes = Buffer.from(lines.join('\n') + '\n');
    expect(await expectDefinition(bytes, 'many.csv', 1 << 16)).toBeGreaterThan(1_000);
    await expectDefinition(bytes, 'many.csv', 1 << 16, 20_000);
  });

  it('on every CSV fixture', async () => {
    const files = csvFixtureFiles('fixtures');
    expect(files.length).toBeGreaterThan(50);
    let found = 0;
    for (const file of files) found += await expectDefinition(readFileSync(file), file, 1 << 20);
    expect(found).toBeGreaterThan(10);
  });
});
