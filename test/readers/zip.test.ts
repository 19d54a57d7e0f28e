/** The ZIP reader on the fixtures of fixtures/archives/: entries as tables, refused entries as problems, limits. */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { readZip } from '../../src/readers/zip.js';
import { resolveLimits, LimitExceeded, type Limits } from '../../src/model/index.js';
import { DataFileError, UnsafeEntry } from '../../src/readers/index.js';
import { unsafeEntryName } from '../../src/readers/zip-entries.js';
import { FIXTURES } from '../helpers/lint.js';

const dir = path.join(FIXTURES, 'archives');

async function read(name: string, limits: Partial<Limits> = {}, rows = true) {
  const file = path.join(dir, name);
  const tables: { path: string; file: string; header: string[]; rows: number; lines: number[] }[] = [];
  const problems: { kind: string; id: string; file: string }[] = [];
  await readZip(
    file,
    {
      table: (t) => tables.push({ path: path.relative(dir, t.path), file: t.file, header: t.header, rows: 0, lines: [] }),
      row: (_cells, ctx) => {
        tables.at(-1)!.rows++;
        tables.at(-1)!.lines.push(ctx.line);
      },
      end: () => {},
      problem: (err, at) => {
        const id = err instanceof LimitExceeded ? err.limit : err instanceof UnsafeEntry ? `${err.kind}:${err.entry}` : err.message;
        problems.push({ kind: err.constructor.name, id, file: path.relative(dir, at) });
      },
    },
    { file: `shown/${name}`, rows, limits: resolveLimits(limits) },
  );
  return { tables, problems };
}

describe('readZip', () => {
  it('reads every tabular entry as a table named archive!/entry, skipping documents and folders', async () => {
    const { tables, problems } = await read('tables.zip');
    expect(problems).toEqual([]);
    expect(tables).toEqual([
      { path: 'tables.zip!/data/people.csv', file: 'shown/tables.zip!/data/people.csv', header: ['id', 'name', 'email', 'commune'], rows: 3, lines: [2, 3, 4] },
      { path: 'tables.zip!/data/births.csv', file: 'shown/tables.zip!/data/births.csv', header: ['commune', 'year', 'births'], rows: 2, lines: [2, 3] },
    ]);
  });

  it('stops after the header when no rule wants rows', async () => {
    const { tables } = await read('tables.zip', {}, false);
    expect(tables.map((t) => [t.path, t.rows])).toEqual([['tables.zip!/data/people.csv', 0], ['tables.zip!/data/births.csv', 0]]);
  });

  it('refuses entries whose names lead out and symbolic links, and reads the rest', async () => {
    const { tables, problems } = await read('escape.zip');
    expect(problems).toEqual([
      { kind: 'UnsafeEntry', id: 'escapes:../../evil.csv', file: 'escape.zip' },
      { kind: 'UnsafeEntry', id: 'escapes:/tmp/absolute.csv', file: 'escape.zip' },
      { kind: 'UnsafeEntry', id: 'link:link.csv', file: 'escape.zip' },
    ]);
    expect(tables.map((t) => t.path)).toEqual(['escape.zip!/safe.csv']);
  });

  it('skips an entry compressed like a zip bomb and reads the next one', async () => {
    const { tables, problems } = await read('bomb-ratio.zip');
    expect(problems).toEqual([{ kind: 'LimitExceeded', id: 'archiveRatio', file: 'bomb-ratio.zip!/zeros.csv' }]);
    expect(tables.map((t) => t.path)).toEqual(['bomb-ratio.zip!/ok.csv']);
  });

  it('stops an entry that inflates beyond the size its header declares', async () => {
    const { tables, problems } = await read('bomb-lying-size.zip');
    expect(problems).toEqual([{ kind: 'DataFileError', id: 'archive entry "big.csv" decompresses to more than the 100 bytes its header declares (how zip bombs slip past size checks): not read', file: 'bomb-lying-size.zip!/big.csv' }]);
    expect(tables).toEqual([]);
  });

  it('counts actual bytes against limits.archiveBytes and stops the archive there', async () => {
    const { tables, problems } = await read('tables.zip', { archiveBytes: 100 });
    expect(problems).toEqual([{ kind: 'LimitExceeded', id: 'archiveBytes', file: 'tables.zip!/data/people.csv' }]);
    expect(tables).toEqual([]);
  });

  it('reads no entry of an archive with more than limits.archiveEntries', async () => {
    await expect(read('many-entries.zip', { archiveEntries: 10 })).rejects.toMatchObject({ limit: 'archiveEntries', data: { max: 10, found: 12 } });
    expect((await read('many-entries.zip')).tables).toHaveLength(12);
  });

  it('opens a nested archive, down to limits.archiveDepth', async () => {
    expect((await read('nested.zip')).tables.map((t) => t.path)).toEqual(['nested.zip!/inner.zip!/people.csv']);
    expect((await read('nested.zip', { archiveDepth: 1 })).problems).toEqual([{ kind: 'LimitExceeded', id: 'archiveDepth', file: 'nested.zip!/inner.zip' }]);
    expect(await read('deep.zip')).toEqual({ tables: [], problems: [{ kind: 'LimitExceeded', id: 'archiveDepth', file: 'deep.zip!/level2.zip!/level3.zip' }] });
  });

  it('reports an encrypted entry as unreadable', async () => {
    expect((await read('encrypted.zip')).problems).toEqual([{ kind: 'DataFileError', id: 'the archive entry is encrypted: not read', file: 'encrypted.zip!/secret.csv' }]);
  });

  it('throws a DataFileError for a damaged archive', async () => {
    await expect(read('truncated.zip')).rejects.toBeInstanceOf(DataFileError);
  });
});

describe('unsafeEntryName', () => {
  it('knows absolute paths, drives, parent segments and NUL', () => {
    expect(['a/b.csv', 'a/..b/c.csv', 'a..csv'].map(unsafeEntryName)).toEqual([undefined, undefined, undefined]);
    expect(['/etc/x', 'C:/x', 'c:x', 'a/../../x', '..', 'a\0b'].map(unsafeEntryName)).toEqual(['an absolute path', 'a drive letter', 'a drive letter', 'a ".." segment', 'a ".." segment', 'a NUL character']);
  });
});
