/**
 * `hash53` is its definition (below, written out over the joined text): cyrb53's steps over the
 * UTF-16 units of `cells.join(',')` two a step, the odd last unit marked, then the number of cells
 * and their lengths. The reader's path (`hash53Units`: a record's unquoted cells read from its copy
 * of the text, runs of them one comma apart read as one span; quoted cells and cells past the 31st
 * from their strings) must give the same number on generated records (laid out as the tokenizer
 * copies them: test/helpers/record-units.ts) and on every CSV fixture.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { hash53, hash53Units } from '../../src/util/hash53.js';
import { readCsv } from '../../src/readers/csv.js';
import type { RowContext } from '../../src/model/index.js';
import { csvFixtureFiles } from '../helpers/csv-fixture-tables.js';
import { memorySource } from '../helpers/memory-source.js';
import { pick, recordUnits } from '../helpers/record-units.js';
import { prng } from '../helpers/prng.js';

/** The definition: the joined text's units two a step, then the cells' number and lengths. */
function definition(cells: readonly string[]): number {
  const text = cells.join(',');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const step = (ch: number) => {
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  };
  let i = 0;
  for (; i + 1 < text.length; i += 2) step(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  step(i < text.length ? text.charCodeAt(i) | 0x1f0000 : 0x1f);
  let lengths = 0x9e3779b9 ^ cells.length;
  for (const c of cells) lengths = Math.imul(lengths ^ c.length, 2654435761);
  step(lengths);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const PIECES = ['', 'a', 'ab', 'abc', ',', 'a,b', '"', 'é', 'ü,', '😀', '\ud83d', '\0', '\x1f', ' ', '12345', 'x'.repeat(40)];

function cellOf(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) s += pick(rand, PIECES);
  return s;
}

describe('hash53', () => {
  it('is its definition over the joined text, for generated rows', () => {
    const rand = prng(5301);
    for (let k = 0; k < 3000; k++) {
      const cells = Array.from({ length: Math.floor(rand() * 40) }, () => cellOf(rand));
      expect(hash53(cells), JSON.stringify(cells)).toBe(definition(cells));
    }
  });

  it('tells apart rows whose cells join to the same text (a comma moved between cells, an empty cell added)', () => {
    const rows = [[], [''], ['', ''], [','], ['a,b', 'c'], ['a', 'b,c'], ['a', 'b', 'c'], ['a,b,c'], ['a,', 'b', 'c'], ['a', '', 'b', 'c'], ['ab', 'c'], ['a', 'bc']];
    expect(new Set(rows.map(hash53)).size).toBe(rows.length);
  });

  it('gives the same number from a record laid out as the tokenizer copies it, quoted cells and wide records included', () => {
    const rand = prng(5302);
    for (let k = 0; k < 4000; k++) {
      const cells = Array.from({ length: 1 + Math.floor(rand() * (rand() < 0.1 ? 40 : 12)) }, () => cellOf(rand));
      const quotedAt = cells.map((c) => c.includes(',') || c.includes('"') || rand() < 0.2);
      // Commas between the cells: runs of unquoted cells read as spans; any other delimiter: cell by cell.
      for (const [delimiter, commas] of [
        [44, true],
        [44, false],
        [59, false],
        [9, false],
      ] as const) {
        const quoted = (p: number) => (delimiter === 44 ? quotedAt[p]! : quotedAt[p]! && rand() < 0.5);
        const r = recordUnits(cells, quoted, rand, delimiter);
        expect(hash53Units(cells, r.units, r.starts, r.ends, r.known, commas), `${JSON.stringify(cells)} ${delimiter} ${commas}`).toBe(definition(cells));
      }
    }
  });

  it('gives the definition for every record the CSV reader reads from the fixtures, in small and large chunks', async () => {
    const files = csvFixtureFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    let told = 0;
    for (const file of files) {
      for (const chunk of [7, 64 * 1024]) {
        const wrong: string[][] = [];
        const sink = {
          table: () => {},
          row: (cells: string[], ctx: RowContext) => {
            if (!ctx.record) return;
            told++;
            if (ctx.record.hash53() !== definition(cells)) wrong.push([...cells]);
          },
          end: () => {},
        };
        try {
          await readCsv(memorySource(readFileSync(file), chunk), file, sink, { file, rows: true });
        } catch {
          // Files the reader refuses: their records before that were checked.
        }
        expect(wrong, file).toEqual([]);
      }
    }
    expect(told).toBeGreaterThan(1000);
  });
});
