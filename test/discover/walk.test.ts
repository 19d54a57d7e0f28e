import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkFolder, type WalkFs } from '../../src/discover/walk.js';
import { globBase } from '../../src/discover/index.js';
import { realPath } from '../../src/util/path-guard.js';

/**
 *   base/outside/secret.csv          never listed
 *   base/tree/a.json
 *   base/tree/sub/b.csv
 *   base/tree/sub/up          →  ..           (a loop back to tree)
 *   base/tree/sub/self        →  .            (a loop on itself)
 *   base/tree/alias           →  sub          (a folder reached twice)
 *   base/tree/leak.csv        →  ../outside/secret.csv
 *   base/tree/out             →  ../outside   (a folder outside)
 *   base/tree/.hidden/c.csv      skipped, like node_modules/d.csv
 */
let base: string;
let tree: string;
const opts = (allowedRoots: string[] = []) => ({ allowedRoots, isIgnored: () => false, wanted: (f: string) => /\.(csv|json)$/.test(f) });
const rel = (files: string[]) => files.map((f) => path.relative(tree, f));

beforeEach(() => {
  base = realPath(mkdtempSync(path.join(tmpdir(), 'odlint-walk-')))!;
  tree = path.join(base, 'tree');
  for (const d of ['outside', 'tree/sub', 'tree/.hidden', 'tree/node_modules']) mkdirSync(path.join(base, d), { recursive: true });
  for (const f of ['outside/secret.csv', 'tree/a.json', 'tree/sub/b.csv', 'tree/.hidden/c.csv', 'tree/node_modules/d.csv']) writeFileSync(path.join(base, f), 'x\n');
  symlinkSync('..', path.join(tree, 'sub', 'up'));
  symlinkSync('.', path.join(tree, 'sub', 'self'));
  symlinkSync('sub', path.join(tree, 'alias'));
  symlinkSync('../outside/secret.csv', path.join(tree, 'leak.csv'));
  symlinkSync('../outside', path.join(tree, 'out'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('walkFolder', () => {
  it('lists each real file once, ends link loops, and reports links that leave the folder', () => {
    const { files, problems } = walkFolder(tree, opts());
    expect(rel(files)).toEqual(['a.json', 'sub/b.csv']);
    expect(problems).toEqual([
      { kind: 'outside', path: path.join(tree, 'leak.csv') },
      { kind: 'outside', path: path.join(tree, 'out') },
    ]);
  });

  it('follows links into an allowed root, still once per real folder', () => {
    const { files, problems } = walkFolder(tree, opts([path.join(base, 'outside')]));
    expect(rel(files)).toEqual(['a.json', 'leak.csv', 'out/secret.csv', 'sub/b.csv']);
    expect(problems).toEqual([]);
  });

  it('ends a loop through an allowed root that contains the walked folder', () => {
    symlinkSync('..', path.join(tree, 'parent'));
    const { files } = walkFolder(tree, opts([base]));
    // base is entered once through tree/parent; tree and outside (already walked) are not entered again.
    expect(rel(files)).toEqual(['a.json', 'leak.csv', 'out/secret.csv', 'sub/b.csv']);
  });

  it('reports a dangling link and a FIFO with a linted name, never opening them', () => {
    symlinkSync('gone.csv', path.join(tree, 'dangling.csv'));
    execFileSync('mkfifo', [path.join(tree, 'pipe.csv')]);
    symlinkSync('gone.txt', path.join(tree, 'dangling.txt'));
    const { problems } = walkFolder(tree, opts());
    expect(problems).toContainEqual({ kind: 'unreadable', path: path.join(tree, 'dangling.csv'), code: 'dangling symlink' });
    expect(problems).toContainEqual({ kind: 'unreadable', path: path.join(tree, 'pipe.csv'), code: 'not a regular file' });
    expect(problems.some((p) => p.path.endsWith('dangling.txt'))).toBe(false);
  });

  it('reports a folder it cannot list with the error code and goes on (injected EACCES: root ignores modes)', () => {
    const fs: WalkFs = {
      readdir: (dir) => {
        if (dir === path.join(tree, 'sub')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' });
        return readdirSync(dir, { withFileTypes: true });
      },
      stat: (f) => statSync(f),
      realpath: realPath,
    };
    const { files, problems } = walkFolder(tree, opts(), fs);
    expect(rel(files)).toEqual(['a.json']);
    expect(problems).toContainEqual({ kind: 'unreadable', path: path.join(tree, 'sub'), code: 'EACCES', folder: true });
  });

  it('lists ignored files (the caller counts them) but reports nothing about ignored paths', () => {
    const ignored = (f: string) => f === path.join(tree, 'sub') || f.startsWith(path.join(tree, 'sub') + path.sep) || f === path.join(tree, 'leak.csv');
    const fs: WalkFs = {
      readdir: (dir) => {
        if (dir === path.join(tree, 'sub')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return readdirSync(dir, { withFileTypes: true });
      },
      stat: (f) => statSync(f),
      realpath: realPath,
    };
    const { files, problems } = walkFolder(tree, { ...opts(), isIgnored: ignored, wanted: (f) => !ignored(f) && /\.(csv|json)$/.test(f) }, fs);
    expect(rel(files)).toEqual(['a.json']);
    expect(problems).toEqual([{ kind: 'outside', path: path.join(tree, 'out') }]);
    expect(rel(walkFolder(tree, { ...opts(), isIgnored: ignored }).files)).toEqual(['a.json', 'sub/b.csv']);
  });
});

describe('globBase', () => {
  it('is the fixed folder a pattern starts from', () => {
    expect(globBase('data/*.csv')).toBe('data');
    expect(globBase('a/b/**/x.json')).toBe('a/b');
    expect(globBase('*.json')).toBe('.');
    expect(globBase('/srv/data/*.csv')).toBe('/srv/data');
    expect(globBase('/*.csv')).toBe('/');
    expect(globBase('../{a,b}/x.csv')).toBe('..');
  });
});
