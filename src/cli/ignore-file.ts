import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { UsageError } from './io.js';

/** The ignore file odlint reads from the working directory, in .gitignore syntax. */
export const IGNORE_FILE = '.odlintignore';

/**
 * What `.odlintignore` (in the working directory) and `--ignore-pattern` ignore, with gitignore
 * semantics (the `ignore` package, as ESLint's): patterns are relative to the working directory,
 * `!` negates, `dir/` ignores a folder's files. Paths outside the working directory are never
 * ignored by these (the config's `ignore` globs still apply). Undefined when there is nothing.
 */
export function ignoreMatcher(cwd: string, patterns: string[]): ((absPath: string) => boolean) | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(cwd, IGNORE_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`cannot read ${IGNORE_FILE}: ${(e as Error).message}`);
  }
  if (text === undefined && patterns.length === 0) return undefined;
  const ig = ignore().add(text ?? '').add(patterns);
  return (absPath) => {
    const rel = path.relative(cwd, absPath).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    return ig.ignores(rel);
  };
}
