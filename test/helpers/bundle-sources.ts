import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './lint.js';

let meta: Record<string, string[]> | undefined;

/**
 * The modules a traced run (test/helpers/import-trace.mjs) loaded, as paths from the package root
 * (`dist/src/loaders/index.js`, `node_modules/n3/src/N3Parser.js`): the build bundles dist/
 * (scripts/bundle.mjs), so each file it imported stands for the modules the bundle put in it, which
 * dist/bundle-meta.json lists; a file outside the bundle (a package left out of it) is itself.
 */
export function loadedModules(urls: string[]): string[] {
  meta ??= JSON.parse(readFileSync(path.join(ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as Record<string, string[]>;
  const modules = new Set<string>();
  for (const url of urls) {
    if (!url.startsWith('file:')) continue;
    const file = path.relative(ROOT, fileURLToPath(url)).split(path.sep).join('/');
    for (const m of meta[file] ?? [file]) modules.add(m);
  }
  return [...modules];
}
