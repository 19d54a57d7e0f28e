import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Formatter } from './types.js';

export type { Formatter, FormatContext, FormatSession, OpenContext } from './types.js';
export { buildReport } from './build-report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
const NOT_FORMATTERS = new Set(['index', 'types', 'build-report']);

/** Names of the available formats: every module in this folder that is not infrastructure. */
export function formatNames(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
    .map((f) => path.basename(f, ext))
    .filter((n) => !NOT_FORMATTERS.has(n) && !n.startsWith('_'))
    .sort();
}

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  if (!formatNames().includes(name)) return undefined;
  const mod = (await import(pathToFileURL(path.join(here, name + ext)).href)) as { default: Formatter };
  return mod.default;
}
