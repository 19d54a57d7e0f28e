import { statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'glob';
import { DESCRIPTOR_EXTENSIONS } from '../loaders/index.js';
import { readerFor } from '../readers/index.js';
import { InputError } from '../model/index.js';

export interface Discovered {
  /** Candidate descriptor files (absolute), in a stable order. */
  descriptors: string[];
  /** Data files found (absolute); those no descriptor references are linted on their own. */
  dataFiles: string[];
  /** Files named explicitly on the command line (an unknown format is reported for these only). */
  explicit: Set<string>;
  /** Descriptors given as http(s) URLs (fetched only with --online). */
  urls: string[];
}

export { InputError } from '../model/index.js';

/**
 * Expands inputs (files, folders, globs, http(s) URLs of descriptors) into descriptor and data files. Folders are walked
 * recursively; hidden folders, node_modules and ignored paths are skipped.
 */
export async function discover(inputs: string[], cwd: string, isIgnored: (abs: string) => boolean): Promise<Discovered> {
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
      const files = await glob('**/*', { cwd: abs, nodir: true, dot: false, absolute: true, ignore: ['**/node_modules/**'] });
      for (const f of files.sort()) classify(f, false);
    } else {
      const files = await glob(input.split(path.sep).join('/'), { cwd, nodir: true, absolute: true, ignore: ['**/node_modules/**'] });
      if (files.length === 0) throw new InputError(`no files match "${input}"`);
      for (const f of files.sort()) classify(f, false);
    }
  }
  return { descriptors: [...descriptors], dataFiles: [...dataFiles], explicit, urls };
}
