import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The odlint package folder (the one with package.json), found by walking up from this module:
 * the same code runs from `src/` under vitest and from `dist/src/` once built.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('odlint package.json not found');
    dir = parent;
  }
  root = dir;
  return dir;
}
