/**
 * The fast tokenizer (src/readers/csv-tokenizer.ts) must read every file exactly as csv-parse
 * does: each input is read twice — the default way and with csv-parse alone — in chunks of many
 * sizes (characters and quotes cut between chunks), and everything the sink receives must match:
 * table, rows with their row and line numbers, summary facts, or the error. The tokenizer is read
 * twice: handing out the cells, and handing out only its record (`TableSink.wantsCells` false),
 * whose cells (`cell(i)`, cut on demand) and facts (`width`, `blank()`, `hash53()`...) must be
 * what csv-parse's cells are.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { readCsv, type CsvParser } from '../../src/readers/csv.js';
import { CsvTokenizer } from '../../src/readers/csv-tokenizer.js';
import { prng } from '../helpers/prng.js';
import { DEFAULT_LIMITS, isBlankRow, type Limits, type RowContext, type TableDialect } from '../../src/model/index.js';
import { hash53 } from '../../src/engine/hash-set.js';
import { csvFixtureFiles } from '../helpers/csv-fixture-tables.js';
import { memorySource } from '../helpers/memory-source.js';

interface Options {
  name?: string;
  dialect?: TableDialect;
  limits?: Partial<Limits>;
}

/** Bit i set when cell i has a character outside ASCII. */
// eslint-disable-next-line no-control-regex
const outsideAscii = (cells: string[]) => cells.reduce((mask, c, i) => (/[^\x00-\x7f]/.test(c) ? mask | (1 << i) : mask), 0);

/** `lazy`: the sink wants no cells arrays (`TableSink.wantsCells`): the rows are read from `ctx.record`. */
async function read(bytes: Buffer, chunk: number, parser: CsvParser, o: Options = {}, lazy = false) {
  const out: unknown[] = [];
  const sink = {
    table: (t: unknown) => out.push(['table', structuredClone(t)]),
    wantsCells: () => !lazy,
    row: (given: string[], ctx: RowContext) => {
      const record = ctx.record;
      let cells = given;
      if (record) {
        // The record's cells, cut one by one, are the cells handed out (none when not wanted).
        const cut = Array.from({ length: record.width }, (_, i) => record.cell(i));
        if (lazy && given.length) out.push(['cells cut though not wanted', given]);
        else if (!lazy && JSON.stringify(cut) !== JSON.stringify(given)) out.push(['wrong cell(i)', cut, given]);
        cells = cut;
        if (record.blank() !== isBlankRow(cells)) out.push(['wrong blank()', cells]);
      }
      // What the tokenizer tells of the cells outside ASCII must hold for every record it reads (csv-parse tells nothing).
      const told = record?.nonAscii();
      if (told !== undefined && told !== outsideAscii(cells)) out.push(['wrong nonAscii', told, outsideAscii(cells)]);
      // Asked again for the same record (two rules may ask), it tells the same.
      if (record && record.nonAscii() !== told) out.push(['nonAscii asked again', told, cells]);
      // So must its hash of the record, read from its copy of the text (data/duplicate-rows).
      if (record && record.hash53() !== hash53(cells)) out.push(['wrong hash53', cells]);
      // And the cells its copy of the text holds (quoted values undoubled in it) must be the cells.
      if (record) {
        const { units, starts, ends, known, text } = record.units();
        for (let p = 0; p < known; p++) {
          if (starts[p]! >= 0 && String.fromCharCode(...units.subarray(starts[p], ends[p])) !== cells[p]) out.push(['wrong units()', p, cells]);
          // The text offered with them has the same cells at the same places.
          if (text !== undefined && starts[p]! >= 0 && text.slice(starts[p], ends[p]) !== cells[p]) out.push(['wrong units().text', p, cells]);
        }
      }
      out.push([cells, ctx.row, ctx.line]);
    },
    end: (s: unknown) => out.push(['end', s]),
  };
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  try {
    await readCsv(memorySource(bytes, chunk), o.name ?? 'x.csv', sink, { file: 'x.csv', rows: true, limits, ...(o.dialect ? { dialect: o.dialect } : {}) }, parser);
  } catch (err) {
    out.push(['error', (err as Error).constructor.name, (err as Error).message, JSON.stringify(err)]);
  }
  return out;
}

const CHUNKS = [1, 2, 3, 5, 8, 13, 64, 256 * 1024];

async function expectSame(input: Buffer | string, o: Options = {}, chunks = CHUNKS): Promise<void> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  for (const chunk of chunks) {
    // The same chunks for both: where a pass stops after an oversized record depends on them.
    const expected = await read(bytes, chunk, 'csv-parse', o);
    expect(await read(bytes, chunk, 'auto', o), `chunks of ${chunk} bytes: ${JSON.stringify(bytes.toString().slice(0, 80))}`).toEqual(expected);
    expect(await read(bytes, chunk, 'auto', o, true), `no cells wanted, chunks of ${chunk} bytes: ${JSON.stringify(bytes.toString().slice(0, 80))}`).toEqual(expected);
  }
}

const CASES = [
  '',
  'a',
  'a,b\n1,2',
  'a,b\n1,2\n',
  'a,b\n1,2\n\n',
  'a,b\n\n1,2\n\n\n3,4\n',
  'a,b\r\n1,2\r\n3,4\r\n',
  'a,b\r\n1,2\r\n3,4',
  'a,b\r1,2\r3,4\r',
  'a,b\n1,2\r\n',
  'a,b\r\n1,2\n',
  'a,b\r\n1,2\n3,4\r\n',
  'a,b\n1,x\ry\n2,z\n',
  'a,b\n"1,5","x ""y"" z"\n"",""\n',
  'a,b\n"two\nlines",x\n"three\r\nlines\r\n",y\n',
  'a,b\r\n1,"x\ry"\r\n"2\r\n\r\n",z\r\n3,w\r\n',
  'a,b\n1,"unclosed\n2,3\n',
  'a,b\n1,"unclosed',
  'a,b\n1,""',
  'a,b\n1,"x"""',
  'a,b\n1,"x""',
  'a,b\n1,"a"b\n2,3\n',
  'a,b\n1,"a" ,c\n2,3\n',
  'a,b\n1,ab"c\n2," x"\n3,"y"\n',
  'a,b\n1,\n,\n,,\n',
  'a,b\n1,',
  'a,b\n"1",',
  'a,b\n"1"',
  'a;b;c\n1;2,5;"x;y"\n',
  'a\tb\n1\t"2\t3"\n',
  'nom,prénom\nZoé,Hélène\n😀,"é\né"\n',
  '"a","b"\n"1","2"\n',
  '\n\na,b\n1,2\n',
  ',,\n,,\n',
  'a,b\n1,2\n"',
  'a,b\n1,2\n"\n',
  'a,b\n1,2\r',
  'a,b\n1,2\r\r',
];

describe('the fast CSV tokenizer reads as csv-parse does', () => {
  it('on edge cases, in chunks of every size', async () => {
    for (const c of CASES) await expectSame(c);
  });

  it('with a BOM, in windows-1252, with invalid UTF-8 after the first 64 KiB', async () => {
    await expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n"é",2\n')]));
    await expectSame(iconv.encode('commune;prénom\nIxelles;"Hélène\n"\nUccle;Chloé\n', 'windows-1252'));
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},valeur ${i},"note, ${i}"\n`).join('');
    await expectSame(Buffer.concat([Buffer.from('id,name,note\n' + rows), Buffer.from([0x31, 0x2c, 0xe9, 0x2c, 0x22, 0xff, 0x22, 0x0a]), Buffer.from(rows)]), {}, [64, 4096, 256 * 1024]);
  });

  it('with declared dialects (other quote, escape character, initial spaces, comments)', async () => {
    await expectSame("a,b\n'x, y',1\n'it''s',2\n", { dialect: { quoteChar: "'" } });
    await expectSame('a,b\n"x\\"y",1\n', { dialect: { escapeChar: '\\' } });
    await expectSame('a,b\n"x""y",1\n', { dialect: { doubleQuote: false } });
    await expectSame('a, b\n1, "x, y"\n', { dialect: { skipInitialSpace: true } });
    await expectSame('# note\na,b\n1,2\n#x,y\n3,4\n', { dialect: { commentChar: '#' } });
    await expectSame('a|b\n1|"2|3"\n', { dialect: { delimiter: '|' } });
  });

  it('at the record size and cell limits', async () => {
    const long = `a,b\n1,"${'x'.repeat(300)}\n2,3\n`;
    await expectSame(long, { limits: { recordChars: 100 } });
    await expectSame(`a,b\n1,${'y'.repeat(50)}\n2,3\n`, { limits: { recordChars: 100 } });
    await expectSame(`a,b\n1,${'z'.repeat(40)}\n2,3\n`, { limits: { recordChars: 100 } });
    await expectSame(`a,b\n1,2\n${','.repeat(30)}\n`, { limits: { cellsPerRow: 20 } });
  });

  it('on random text made of delimiters, quotes, line breaks and multi-byte characters', async () => {
    const rand = prng(7);
    const text = (alphabet: string[], len: number) => Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const common = ['a', 'b', ',', ',', '"', '"', ' ', 'é', '😀', ';'];
    // One kind of line break (the tokenizer reads these), then all kinds (csv-parse reads them).
    for (const breaks of [['\n'], ['\r\n'], ['\r'], ['\n', '\r\n', '\r']]) {
      const alphabet = [...common, ...breaks, ...breaks];
      for (let k = 0; k < 80; k++) await expectSame(`h1,h2,h3${breaks[0]}${text(alphabet, Math.floor(rand() * 60))}`, {}, [1, 3, 7, 256 * 1024]);
    }
    // Beyond the 64 KiB sample, where the record delimiter is already chosen: any text.
    const all = [...common, '\n', '\r\n', '\r'];
    for (const rd of ['\n', '\r\n', '\r']) {
      const clean = Array.from({ length: 3000 }, (_, i) => `${i},"é ${i}",x`).join(rd) + rd;
      for (let k = 0; k < 10; k++) await expectSame(`h1,h2,h3${rd}${clean}${text(all, 80)}`, {}, [4096, 256 * 1024]);
      // csv-parse from a record in the middle of a big chunk on: the rest of the chunk goes to it too.
      await expectSame(`h1,h2,h3${rd}${clean}1,"a"b,c${rd}${clean}`, {}, [256 * 1024]);
    }
  }, 120_000);

  it('on Latin-1 text copied as bytes: ASCII pieces, then accents cut at piece and chunk ends, then characters from U+0100 on, then accents again', async () => {
    const PIECE = 48 * 1024;
    const rows = (n: number, cell: (i: number) => string) => Array.from({ length: n }, (_, i) => `${i},${cell(i)},x\n`).join('');
    const head = 'id,name,note\n' + rows(6000, (i) => `name ${i}`);
    // Accents quoted and unquoted, doubled quotes, an accent ending a record.
    let latin = '';
    for (let k = 0; latin.length < 4 * PIECE; k++) latin += rows(300, (i) => (i % 3 ? `Zoé ${k}` : `"é,""è"" ${i}"`)) + `${k},x,ÿ\n`;
    const wide = rows(2000, (i) => (i % 7 ? `Œuvre € ${i}` : `"😀 ${i}"`));
    // Longer than the pieces decoded without trying Latin-1 after one with wider characters (16).
    const again = rows(45000, (i) => `crèche ${i}`);
    const text = Buffer.from(head + latin + wide + again);
    expect(text.length - Buffer.byteLength(head + latin + wide)).toBeGreaterThan(18 * PIECE);
    let cut = 0;
    for (const shift of [0, 2]) {
      const bytes = Buffer.concat([Buffer.from('h'.repeat(shift)), text]);
      // Characters cut at the end of a 48 KiB piece of a 256 KiB chunk.
      for (let c = 0; c < bytes.length; c += 256 * 1024) for (let p = c + PIECE; p < Math.min(c + 256 * 1024, bytes.length); p += PIECE) if (bytes[p - 1]! >= 0xc0) cut++;
      await expectSame(bytes, {}, [256 * 1024, PIECE + 1]);
    }
    expect(cut).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('on every CSV and TSV fixture', async () => {
    const files = csvFixtureFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) await expectSame(readFileSync(f), { name: f }, [4096, 256 * 1024]);
  }, 120_000);
});

describe('what the tokenizer tells rules of a row\'s characters', () => {
  async function flags(text: string) {
    const rows: { ascii?: boolean; bmp?: boolean }[] = [];
    const sink = { table: () => {}, row: (_: string[], ctx: { ascii?: boolean; bmp?: boolean }) => rows.push({ ascii: ctx.ascii, bmp: ctx.bmp }), end: () => {} };
    await readCsv(memorySource(Buffer.from(text), 1 << 20), 'x.csv', sink, { file: 'x.csv', rows: true });
    return rows;
  }
  const table = (last: string) => 'id,name\n' + Array.from({ length: 60 }, (_, i) => `${i},n${i}\n`).join('') + last;

  it('marks rows ASCII, or free of surrogate pairs, when their whole chunk is; the rows held for the header decision are not marked', async () => {
    const ascii = await flags(table('60,x\n'));
    expect(ascii.slice(0, 49).every((r) => r.ascii === false && r.bmp === false)).toBe(true);
    expect(ascii.slice(49).every((r) => r.ascii === true && r.bmp === true)).toBe(true);
    const latin = await flags(table('60,Zoé\n'));
    expect(latin.at(-1)).toEqual({ ascii: false, bmp: true });
    const emoji = await flags(table('60,😀\n'));
    expect(emoji.at(-1)).toEqual({ ascii: false, bmp: false });
  });
});

describe('which cells of a record are outside ASCII (RowContext.record)', () => {
  /** For each row: what the reader tells, and what the cells hold. */
  async function masks(text: string, chunk: number, dialect?: TableDialect) {
    const rows: { told: number | undefined; cells: string[] }[] = [];
    const sink = { table: () => {}, row: (cells: string[], ctx: RowContext) => rows.push({ told: ctx.record?.nonAscii(), cells }), end: () => {} };
    await readCsv(memorySource(Buffer.from(text), chunk), 'x.csv', sink, { file: 'x.csv', rows: true, ...(dialect ? { dialect } : {}) });
    return rows;
  }
  const wide = Array.from({ length: 32 }, (_, i) => `c${i}`).join(',');
  // A quoted line break of the file's own kind (a mixed sample goes to csv-parse, which tells nothing).
  const body = (br = '\n') => ['école,"crèche, parc",1,"dit ""été""",', 'a,b,c,d,e', `"x${br}y é",ü,,"",z`, 'ñ,ñ,ñ,ñ,ñ', '1,"2",3,😀,"😀"', 'plain,"quoted",text,only,ascii'];
  const table = (rows: string[], br = '\n', filler = 60) => ['h1,h2,h3,h4,h5', ...Array.from({ length: filler }, (_, i) => `${i},b,c,d,e`), ...rows].join(br) + br;

  it('tells, for every row the tokenizer reads, exactly the cells that hold such characters, in any chunking and line ending', async () => {
    let told = 0;
    // A CRLF file of less than 64 KiB ending in CRLF samples as mixed line endings: csv-parse's, which tells nothing.
    const cases = [
      { br: '\n', filler: 60, chunks: [1, 3, 64, 1 << 20] },
      { br: '\r\n', filler: 8000, chunks: [5, 4096, 1 << 20] },
    ];
    for (const { br, filler, chunks } of cases) {
      for (const chunk of chunks) {
        for (const r of await masks(table(body(br), br, filler), chunk)) {
          if (r.told === undefined) continue;
          told++;
          expect(r.told, JSON.stringify(r.cells)).toBe(outsideAscii(r.cells));
        }
      }
    }
    // Rows held for the header decision are not told; the rest are.
    expect(told).toBe(4 * (60 - 49 + body().length) + 3 * (8000 - 49 + body().length));
  });

  it('tells the same from where the Latin-1 decoding noted them: accents at every place of a cell, records cut across pieces, pieces with characters from U+0100 on', async () => {
    const random = prng(5);
    const rand = (n: number) => Math.floor(random() * n);
    const accents = ['é', 'ÿ', '\u0080', '\u00a0', 'Ü'];
    const wider = ['€', '😀', 'Œ'];
    // A cell: an accent first, last, alone, quoted (with a doubled quote, a line break), after a long run of ASCII; or ASCII.
    const cell = (k: number, other: boolean): string => {
      const a = other && rand(3) === 0 ? wider[rand(wider.length)]! : accents[rand(accents.length)]!;
      switch (rand(9)) {
        case 0: return `${a}abc`;
        case 1: return `abc${a}`;
        case 2: return a;
        case 3: return `"x${a}""y"""`;
        case 4: return `"${a}\n${k}"`;
        case 5: return `"q${a}"`;
        case 6: return 'x'.repeat(rand(3000)) + a;
        case 7: return '';
        default: return `plain ${k}`;
      }
    };
    const PIECE = 48 * 1024;
    const record = (k: number, other: boolean) => Array.from({ length: 6 }, () => (rand(3) ? `v${k}` : cell(k, other))).join(',') + '\n';
    let text = 'a,b,c,d,e,f\n';
    // Latin-1 pieces, then pieces mixing in wider characters (decoded otherwise), then Latin-1 again (after the 16 pieces not tried).
    for (let k = 0; text.length < 6 * PIECE; k++) text += record(k, false);
    for (let k = 0; text.length < 9 * PIECE; k++) text += record(k, true);
    for (let k = 0; text.length < 30 * PIECE; k++) text += record(k, false);
    let told = 0;
    for (const chunk of [PIECE - 1, 256 * 1024, 1 << 22]) {
      for (const r of await masks(text, chunk)) {
        if (r.told === undefined) continue;
        told++;
        if (r.told !== outsideAscii(r.cells)) expect(r.told, JSON.stringify(r.cells)).toBe(outsideAscii(r.cells));
      }
    }
    expect(told).toBeGreaterThan(10000);
  });

  it('hashes every record it reads as hash53 hashes its cells, quoted values, wide records and pairs outside the BMP included', async () => {
    const hashes = async (text: string, chunk: number, dialect?: TableDialect) => {
      const rows: { told: number | undefined; cells: string[] }[] = [];
      const sink = { table: () => {}, row: (cells: string[], ctx: RowContext) => rows.push({ told: ctx.record?.hash53(), cells: [...cells] }), end: () => {} };
      await readCsv(memorySource(Buffer.from(text), chunk), 'x.csv', sink, { file: 'x.csv', rows: true, ...(dialect ? { dialect } : {}) });
      return rows;
    };
    const wideRows = [wide, Array.from({ length: 33 }, (_, i) => (i % 3 ? `v${i}é` : `"q,${i}"`)).join(',')];
    let told = 0;
    for (const { br, filler, chunks } of [
      { br: '\n', filler: 60, chunks: [1, 3, 64, 1 << 20] },
      { br: '\r\n', filler: 8000, chunks: [5, 4096, 1 << 20] },
    ]) {
      for (const chunk of chunks) {
        for (const r of await hashes(table([...body(br), ...wideRows, 'ab,c,,"",', 'a,bc,"","",'], br, filler), chunk)) {
          if (r.told === undefined) continue;
          told++;
          expect(r.told, JSON.stringify(r.cells)).toBe(hash53(r.cells));
        }
      }
    }
    expect(told).toBeGreaterThan(20_000);
    // A delimiter outside ASCII: the same hashes.
    for (const r of await hashes('h1§h2\n' + Array.from({ length: 60 }, (_, i) => `${i}§é"${i}"`).join('\n') + '\n"a§b"§c\n', 7, { delimiter: '§' })) {
      if (r.told !== undefined) expect(r.told).toBe(hash53(r.cells));
    }
  });

  it('does not tell for records of more than 31 cells, nor for a delimiter outside ASCII', async () => {
    const rows = await masks(table([wide.replace('c3', 'ç3')]), 1 << 20);
    expect(rows.at(-1)!.cells).toHaveLength(32);
    expect(rows.at(-1)!.told).toBeUndefined();
    const pipes = await masks(table(body()).replaceAll(',', '¦'), 1 << 20, { delimiter: '¦' });
    expect(pipes.at(-1)!.cells).toEqual(['plain', 'quoted', 'text', 'only', 'ascii']);
    expect(pipes.every((r) => r.told === undefined)).toBe(true);
  });
});

describe('CsvTokenizer.for', () => {
  it('leaves multi-character delimiters and quotes, and line breaks as delimiters, to csv-parse', () => {
    const make = (delimiter: string, quote = '"', recordDelimiter = '\n') => CsvTokenizer.for({ delimiter, quote, recordDelimiter, maxRecordBytes: 1000 }, () => {});
    expect(make(',')).toBeDefined();
    expect(make('\t', "'", '\r\n')).toBeDefined();
    expect(make('::')).toBeUndefined();
    expect(make(',', '""')).toBeUndefined();
    expect(make('\n')).toBeUndefined();
    expect(make(',', '"', '\n\r')).toBeUndefined();
  });
});
