import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './package-root.js';

const ext = path.extname(fileURLToPath(import.meta.url));
/**
 * The folder of the built-in formatters, and their modules' extension (.js built, .ts under
 * vitest): from the package root, since the build bundles this module into a shared chunk.
 */
export const REPORTERS_DIR = ext === '.ts' ? path.join(packageRoot(), 'src', 'reporters') : path.join(packageRoot(), 'dist', 'src', 'reporters');
export const MODULE_EXTENSION = ext;
const NOT_FORMATTERS = new Set(['index', 'types', 'build-report']);

/**
 * Names of the built-in formats: every module in src/reporters that is not infrastructure. Here,
 * not in src/reporters, so that `odlint --help` lists them without loading any formatter.
 */
export function formatNames(): string[] {
  return readdirSync(REPORTERS_DIR)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
    .map((f) => path.basename(f, ext))
    .filter((n) => !NOT_FORMATTERS.has(n) && !n.startsWith('_'))
    .sort();
}
