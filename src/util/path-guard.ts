import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The real path of `file` (every symlink resolved), or undefined when it does not exist (a
 * missing file or a dangling link: nothing to open, so nothing to guard).
 */
export function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** True when `file` is `root` itself or lies below it (both absolute, already real). */
export function isWithin(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * Where a file really is, judged after resolving symlinks: `inside` one of `roots` (folders,
 * resolved too), `outside` all of them (it must not be opened), or `missing`. A relative path
 * that stays inside its folder can still be a symlink to `/home/me/.env`: only the real path
 * tells.
 */
export function locateReal(file: string, roots: readonly string[]): 'inside' | 'outside' | 'missing' {
  const real = realPath(file);
  if (real === undefined) return 'missing';
  for (const root of roots) {
    const realRoot = realPath(root);
    if (realRoot !== undefined && isWithin(realRoot, real)) return 'inside';
  }
  return 'outside';
}
