import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The yaml library (~30 ms to load), required when a YAML text is first parsed: a run over JSON
 * descriptors and data files, with odlint's own data compiled to JSON, never loads it.
 */
export function yaml(): typeof Yaml {
  library ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return library;
}
