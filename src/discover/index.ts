import { statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'glob';
import { DESCRIPTOR_EXTENSIONS } from '../loaders/index.js';
import { readerFor } from '../readers/index.js';
import { InputError } from '../model/index.js';
import { locateReal } from '../util/path-guard.js';
import { walkFolder, type WalkProblem } from './walk.js';

export type { WalkProblem } from './walk.js';

export interface Discovered {
  /** Candidate descriptor files (absolute), in a stable order. */
  descriptors: string[];
  /** Data files found (absolute); those no descriptor references are linted on their own. */
  dataFiles: string[];
  /** Files named explicitly on the command line (an unknown format is reported for these only). */
  explicit: Set<string>;
  /** Descriptors given as http(s) URLs (fetched only with --online). */
  urls: string[];
  /** Folders that could not be listed, links leading out of the walked folder: never read, reported. */
  problems: WalkProblem[];
}

export { InputError } from '../model/index.js';

/**
 * Expands inputs (files, folders, globs, http(s) URLs of descriptors) into descriptor and data files. Folders are walked
 * recursively; hidden folders, node_modules and ignored paths are skipped. A file found by a
 * folder walk or a glob is read only when its real path (symlinks resolved) stays inside that
 * folder (the glob's fixed prefix) or one of `allowedRoots`; files named explicitly are the
 * user's choice.
 */
export async function discover(inputs: string[], cwd: string, isIgnored: (abs: string) => boolean, allowedRoots: readonly string[] = []): Promise<Discovered> {
  const descriptors = new Set<string>();
  const dataFiles = new Set<string>();
  const explicit = new Set<string>();
  const classify = (abs: string, named: boolean) => {
    if (isIgnored(abs)) return;
    const ext = path.extname(abs).toLowerCase();
    if (readerFor(abs)) dataFiles.add(abs);
    else if (DESCRIPTOR_EXTENSIONS.includes(ext) || named) descriptors.add(abs);
    if (named) explicit.add(abs);
  };

  const problems: WalkProblem[] = [];
  const wanted = (abs: string) => !isIgnored(abs) && (Boolean(readerFor(abs)) || DESCRIPTOR_EXTENSIONS.includes(path.extname(abs).toLowerCase()));
  const urls: string[] = [];
  for (const input of inputs.length ? inputs : ['.']) {
    if (/^https?:\/\//i.test(input)) {
      urls.push(input);
      continue;
    }
    const abs = path.resolve(cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      classify(abs, true);
    } else if (stat?.isDirectory()) {
      const walked = walkFolder(abs, { allowedRoots, isIgnored, wanted });
      for (const f of walked.files) classify(f, false);
      problems.push(...walked.problems);
    } else if (stat) {
      problems.push({ kind: 'unreadable', path: abs, code: 'not a regular file' });
    } else {
      const pattern = input.split(path.sep).join('/');
      const files = await glob(pattern, { cwd, nodir: true, absolute: true, ignore: ['**/node_modules/**'] });
      if (files.length === 0) throw new InputError(`no files match "${input}"`);
      const roots = [path.resolve(cwd, globBase(pattern)), ...allowedRoots];
      for (const f of files.sort()) {
        if (locateReal(f, roots) === 'outside') problems.push({ kind: 'outside', path: f });
        else classify(f, false);
      }
    }
  }
  return { descriptors: [...descriptors], dataFiles: [...dataFiles], explicit, urls, problems };
}

/** The fixed folder a glob pattern starts from (`data/*\/x.csv` → `data`), `.` when none. */
export function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const part of pattern.split('/').slice(0, -1)) {
    if (/[*?[\]{}()!+@]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}
