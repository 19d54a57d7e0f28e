import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { isWithin, realPath } from '../util/path-guard.js';

/** Something a folder walk could not or would not enter; reported, never skipped silently. */
export type WalkProblem =
  | { kind: 'unreadable'; path: string; code: string; folder?: true }
  | { kind: 'outside'; path: string };

export interface WalkOptions {
  /** Real folders a symlink may lead into besides the walked folder (`--allow-root`). */
  allowedRoots: readonly string[];
  /** Paths the config ignores: walked and returned like others (the caller counts them), never a problem. */
  isIgnored: (abs: string) => boolean;
  /** Whether a file would be linted (not ignored, a linted extension): only then is a special file (FIFO, device) or a link leading out worth a problem. */
  wanted: (abs: string) => boolean;
}

/** The file-system calls a walk makes; tests inject failures (root ignores folder permissions). */
export interface WalkFs {
  readdir: (dir: string) => Dirent[];
  stat: (file: string) => Stats;
  realpath: (file: string) => string | undefined;
}

const REAL_FS: WalkFs = { readdir: (dir) => readdirSync(dir, { withFileTypes: true }), stat: (f) => statSync(f), realpath: realPath };

/**
 * Lists the regular files below `root`, sorted, skipping hidden entries and node_modules (as
 * glob's `**` did). Symlinks are followed only when their real path stays inside the walked
 * folder or an allowed root; a symlinked folder is entered once (after the real folders, so files
 * keep their real paths), which also ends link loops. Folders that cannot be listed, links that
 * lead outside and special files with a linted extension become problems.
 */
export function walkFolder(root: string, options: WalkOptions, fs: WalkFs = REAL_FS): { files: string[]; problems: WalkProblem[] } {
  const files: string[] = [];
  const problems: WalkProblem[] = [];
  const realRoot = fs.realpath(root) ?? root;
  const roots = [realRoot, ...options.allowedRoots.map((r) => fs.realpath(r)).filter((r): r is string => r !== undefined)];
  const visited = new Set<string>();
  const linkedFolders: string[] = [];

  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = fs.readdir(dir);
    } catch (e) {
      if (!options.isIgnored(dir)) problems.push({ kind: 'unreadable', path: dir, code: (e as NodeJS.ErrnoException).code ?? String(e), folder: true });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        enter(abs);
      } else if (entry.isFile()) {
        files.push(abs);
      } else if (entry.isSymbolicLink()) {
        link(abs);
      } else if (options.wanted(abs)) {
        problems.push({ kind: 'unreadable', path: abs, code: 'not a regular file' });
      }
    }
  };

  /** Each real folder is walked once: a link back to an ancestor (a loop) ends here. */
  const enter = (dir: string) => {
    const real = fs.realpath(dir) ?? dir;
    if (visited.has(real)) return;
    visited.add(real);
    walk(dir);
  };

  const link = (abs: string) => {
    const real = fs.realpath(abs);
    let stat: Stats | undefined;
    try {
      stat = real === undefined ? undefined : fs.stat(real);
    } catch {
      stat = undefined;
    }
    if (real === undefined || stat === undefined) {
      // A dangling link has nothing to read; one with a linted name is reported like a missing file would be.
      if (options.wanted(abs)) problems.push({ kind: 'unreadable', path: abs, code: 'dangling symlink' });
      return;
    }
    if (!roots.some((r) => isWithin(r, real))) {
      if ((stat.isDirectory() && !options.isIgnored(abs)) || options.wanted(abs)) problems.push({ kind: 'outside', path: abs });
      return;
    }
    if (stat.isDirectory()) linkedFolders.push(abs);
    else if (stat.isFile()) files.push(abs);
    else if (options.wanted(abs)) problems.push({ kind: 'unreadable', path: abs, code: 'not a regular file' });
  };

  enter(root);
  // Linked folders last, so a folder reached both directly and through a link keeps its real path.
  for (let i = 0; i < linkedFolders.length; i++) enter(linkedFolders[i]!);
  return { files: files.sort(), problems };
}
