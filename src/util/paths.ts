import path from 'node:path';
import { isHttpUrl } from './http-url.js';

/** The last path displayed: a report asks for its file's path once per dataset and per finding. */
let last = { cwd: '', abs: '', shown: '' };

/** A path as reports show it: relative to the working directory, with `/` separators. */
export function displayPath(cwd: string, abs: string): string {
  if (abs === last.abs && cwd === last.cwd) return last.shown;
  const shown = relativeDisplay(cwd, abs);
  last = { cwd, abs, shown };
  return shown;
}

function relativeDisplay(cwd: string, abs: string): string {
  if (isHttpUrl(abs)) return abs; // a descriptor fetched with --online keeps its URL
  const rel = path.relative(cwd, abs);
  return (rel === '' ? abs : rel).split(path.sep).join('/');
}
