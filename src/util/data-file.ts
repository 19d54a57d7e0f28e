import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';
import { yaml } from './yaml.js';

/**
 * Reads one of odlint's YAML data files (`schemas/*.yaml`, `presets/*.yaml`) by its path in the
 * package. `npm run build` compiles each to JSON in `dist/data/` (scripts/compile-data.mjs) so a
 * run never loads the YAML parser for its own knowledge; when the YAML source is newer than its
 * JSON (someone editing it under vitest) the source is read, so a stale copy is never used.
 */
export function readDataFile(relative: string, root = packageRoot()): unknown {
  const source = path.join(root, relative);
  const compiled = path.join(root, 'dist', 'data', relative.replace(/\.ya?ml$/, '.json'));
  const built = statSync(compiled, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= statSync(source).mtimeMs) return JSON.parse(readFileSync(compiled, 'utf8'));
  // `yaml` is only loaded on this path: it costs nothing when the JSON is fresh.
  return yaml().parse(readFileSync(source, 'utf8'));
}
