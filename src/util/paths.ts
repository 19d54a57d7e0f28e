import path from 'node:path';

/** A path as reports show it: relative to the working directory, with `/` separators. */
export function displayPath(cwd: string, abs: string): string {
  if (/^https?:\/\//i.test(abs)) return abs; // a descriptor fetched with --online keeps its URL
  const rel = path.relative(cwd, abs);
  return (rel === '' ? abs : rel).split(path.sep).join('/');
}
