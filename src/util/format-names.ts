import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
/** The folder of the built-in formatters, and their modules' extension (.js built, .ts under vitest). */
export const REPORTERS_DIR = path.join(here, '..', 'reporters');
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
