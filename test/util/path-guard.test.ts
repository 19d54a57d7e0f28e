import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWithin, locateReal, realPath } from '../../src/util/path-guard.js';

/**
 * The path guard on real symlinks: a path that stays inside its folder as written can still
 * lead out of it; only the real path (realpath) tells.
 *   base/secret.env            the file that must never be read
 *   base/ds/data/ok.csv        a real data file
 *   base/ds/data/leak.csv   →  ../../secret.env
 *   base/ds/data/alias.csv  →  ok.csv
 *   base/ds/linked          →  ../shared   (a folder outside ds)
 */
let base: string;
let ds: string;
beforeEach(() => {
  base = realPath(mkdtempSync(path.join(tmpdir(), 'odlint-guard-')))!;
  ds = path.join(base, 'ds');
  mkdirSync(path.join(ds, 'data'), { recursive: true });
  mkdirSync(path.join(base, 'shared'));
  writeFileSync(path.join(base, 'secret.env'), 'DB_PASSWORD=hunter2-secret\n');
  writeFileSync(path.join(base, 'shared', 'codes.csv'), 'a\n1\n');
  writeFileSync(path.join(ds, 'data', 'ok.csv'), 'a\n1\n');
  symlinkSync('../../secret.env', path.join(ds, 'data', 'leak.csv'));
  symlinkSync('ok.csv', path.join(ds, 'data', 'alias.csv'));
  symlinkSync('../shared', path.join(ds, 'linked'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('locateReal', () => {
  it('accepts real files and symlinks that stay inside the folder', () => {
    expect(locateReal(path.join(ds, 'data', 'ok.csv'), [ds])).toBe('inside');
    expect(locateReal(path.join(ds, 'data', 'alias.csv'), [ds])).toBe('inside');
  });

  it('refuses a symlink, or a path through a symlinked folder, whose real path leaves it', () => {
    expect(locateReal(path.join(ds, 'data', 'leak.csv'), [ds])).toBe('outside');
    expect(locateReal(path.join(ds, 'linked', 'codes.csv'), [ds])).toBe('outside');
  });

  it('accepts them when their real folder is an allowed root', () => {
    expect(locateReal(path.join(ds, 'linked', 'codes.csv'), [ds, path.join(base, 'shared')])).toBe('inside');
    expect(locateReal(path.join(ds, 'data', 'leak.csv'), [ds, path.join(base, 'shared')])).toBe('outside');
  });

  it('compares real paths on both sides: a root reached through a symlink still contains its files', () => {
    symlinkSync(ds, path.join(base, 'ds-link'));
    expect(locateReal(path.join(base, 'ds-link', 'data', 'ok.csv'), [path.join(base, 'ds-link')])).toBe('inside');
    expect(locateReal(path.join(ds, 'data', 'ok.csv'), [path.join(base, 'ds-link')])).toBe('inside');
  });

  it('says missing for a file that does not exist or a dangling link (nothing to open)', () => {
    symlinkSync('nowhere.csv', path.join(ds, 'data', 'dangling.csv'));
    expect(locateReal(path.join(ds, 'data', 'none.csv'), [ds])).toBe('missing');
    expect(locateReal(path.join(ds, 'data', 'dangling.csv'), [ds])).toBe('missing');
  });
});

describe('isWithin', () => {
  it('is true for the folder itself and below it, false for siblings sharing a prefix', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b/c/d.csv')).toBe(true);
    expect(isWithin('/a/b', '/a/bc/d.csv')).toBe(false);
    expect(isWithin('/a/b', '/a/b/../c')).toBe(false);
    expect(isWithin('/a/b', '/a/b/..data/x')).toBe(true);
    expect(isWithin('/', '/etc/passwd')).toBe(true);
  });
});
