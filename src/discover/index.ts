import { statSync } from 'node:fs';
import path from 'node:path';
import { DESCRIPTOR_EXTENSIONS } from '../loaders/index.js';
import { readerFor } from '../readers/index.js';
import { sniffFile } from '../readers/sniff.js';
import { formatById } from '../knowledge/formats.js';
import { InputError } from '../model/index.js';
import { locateReal } from '../util/path-guard.js';
import { walkFolder, type WalkProblem } from './walk.js';
import { isHttpUrl } from '../util/http-url.js';

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
  /** Files met in a folder walk or a glob that are neither descriptor nor data file, and why. */
  skipped: { file: string; reason: string }[];
  /** Files named explicitly whose content (sniffed) is no descriptor and no data odlint reads. */
  notDescriptors: { file: string; reason: string; format: string }[];
  /** The format sniffed from the content of the files named without a known extension. */
  sniffed: Map<string, string>;
  /** Folders that could not be listed, links leading out of the walked folder: never read, reported. */
  problems: WalkProblem[];
}

export interface DiscoverOptions {
  /**
   * An input (folder, glob, path) that yields no descriptor or data file is an error (exit 2), as
   * in ESLint: a CI gate must not pass because a path was wrong. `--no-error-on-unmatched-pattern`
   * turns it off.
   */
  errorOnUnmatched?: boolean;
  /** Real folders symlinks found by a walk or a glob may lead into, besides it (`--allow-root`). */
  allowedRoots?: readonly string[];
}

export { InputError } from '../model/index.js';

/** Sniffed contents that may still be a descriptor: the loaders decide (YAML sniffs as text). */
const MAYBE_DESCRIPTOR = new Set(['json', 'jsonld', 'geojson', 'turtle', 'rdf', 'xml', 'txt', 'empty']);

/**
 * Expands inputs (files, folders, globs, http(s) URLs of descriptors) into descriptor and data
 * files. Folders are walked recursively; hidden folders, node_modules and ignored paths are not
 * looked at; other files met are `skipped` with a reason. A file named explicitly without a
 * descriptor or data-file extension is sniffed: data odlint reads is linted as data, a
 * possible descriptor goes to the loaders, anything else is a `notDescriptors` entry. A file
 * found by a folder walk or a glob is read only when its real path (symlinks resolved) stays
 * inside that folder (the glob's fixed folder) or an allowed root; files named explicitly are
 * the user's choice.
 */
export async function discover(inputs: string[], cwd: string, isIgnored: (abs: string) => boolean, options: DiscoverOptions = {}): Promise<Discovered> {
  const descriptors = new Set<string>();
  const dataFiles = new Set<string>();
  const explicit = new Set<string>();
  const skipped = new Map<string, string>();
  const notDescriptors: Discovered['notDescriptors'] = [];
  const sniffed = new Map<string, string>();
  /** Adds one file; returns whether it is a descriptor or data candidate, or was ignored. */
  const classify = async (abs: string, named: boolean): Promise<'candidate' | 'skipped' | 'ignored'> => {
    if (isIgnored(abs)) return 'ignored';
    const ext = path.extname(abs).toLowerCase();
    if (named) explicit.add(abs);
    if (readerFor(abs)) dataFiles.add(abs);
    else if (DESCRIPTOR_EXTENSIONS.includes(ext) && !named) descriptors.add(abs);
    else if (DESCRIPTOR_EXTENSIONS.includes(ext)) {
      // Named explicitly: a spreadsheet or an archive renamed `.json` is said to be one, not parsed
      // (by its signature only: UTF-16/32 text has NUL bytes too, and the loaders decode it).
      const content = await sniffFile(abs).catch(() => undefined);
      if (content?.binary && content.by === 'magic') {
        sniffed.set(abs, content.format);
        notDescriptors.push({ file: abs, format: content.format, reason: sniffedReason(content.format) });
      } else descriptors.add(abs);
    } else if (!named) {
      skipped.set(abs, ext ? `no descriptor or data-file extension (${ext})` : 'no descriptor or data-file extension');
      return 'skipped';
    } else {
      const format = (await sniffFile(abs).catch(() => undefined))?.format;
      if (format) sniffed.set(abs, format);
      if (format === undefined || MAYBE_DESCRIPTOR.has(format)) descriptors.add(abs);
      else if (readerFor(abs, format)) dataFiles.add(abs);
      else notDescriptors.push({ file: abs, format, reason: sniffedReason(format) });
    }
    return 'candidate';
  };

  const problems: WalkProblem[] = [];
  const allowedRoots = options.allowedRoots ?? [];
  const wanted = (abs: string) => !isIgnored(abs) && (Boolean(readerFor(abs)) || DESCRIPTOR_EXTENSIONS.includes(path.extname(abs).toLowerCase()));
  const urls: string[] = [];
  for (const input of inputs.length ? inputs : ['.']) {
    if (isHttpUrl(input)) {
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
    let files: string[];
    const problemsBefore = problems.length;
    if (stat?.isFile()) {
      // A file named explicitly is always looked at (an ignore pattern still applies to it).
      const outcome = await classify(abs, true);
      if (outcome === 'ignored') unmatched(input, options, 'it is ignored by the configuration');
      continue;
    } else if (stat?.isDirectory()) {
      const walked = walkFolder(abs, { allowedRoots, isIgnored, wanted });
      files = walked.files;
      problems.push(...walked.problems);
    } else if (stat) {
      problems.push({ kind: 'unreadable', path: abs, code: 'not a regular file' });
      continue;
    } else {
      // glob (with path-scurry, minipass, lru-cache: ~20 ms to load) is imported for a pattern only.
      const { glob } = await import('glob');
      const pattern = input.split(path.sep).join('/');
      const roots = [path.resolve(cwd, globBase(pattern)), ...allowedRoots];
      files = [];
      for (const f of await glob(pattern, { cwd, nodir: true, absolute: true, ignore: ['**/node_modules/**'] })) {
        if (locateReal(f, roots) !== 'outside') files.push(f);
        else if (wanted(f)) problems.push({ kind: 'outside', path: f });
      }
    }
    const counts = { candidate: 0, skipped: 0, ignored: 0 };
    for (const f of files.sort()) counts[await classify(f, false)]++;
    // An input whose only content is unreadable or leads outside is reported as findings instead.
    if (counts.candidate === 0 && problems.length === problemsBefore) unmatched(input, options, emptyInputDetail(stat ? 'folder' : (await import('glob')).hasMagic(input) ? 'glob' : 'path', counts));
  }
  const skippedList = [...skipped].filter(([file]) => !descriptors.has(file) && !dataFiles.has(file)).map(([file, reason]) => ({ file, reason }));
  return { descriptors: [...descriptors], dataFiles: [...dataFiles], explicit, urls, skipped: skippedList, notDescriptors, sniffed, problems };
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

function unmatched(input: string, options: DiscoverOptions, detail: string): void {
  if (options.errorOnUnmatched === false) return;
  throw new InputError(`no descriptor or data file found in ${input} (${detail})`);
}

function emptyInputDetail(kind: 'folder' | 'glob' | 'path', counts: { skipped: number; ignored: number }): string {
  const plural = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (counts.ignored) parts.push(`${plural(counts.ignored)} ignored by the configuration`);
  if (counts.skipped) parts.push(`${plural(counts.skipped)} skipped: not descriptors, run with --verbose to list them`);
  if (parts.length) return parts.join('; ');
  return { folder: 'the folder holds no file', glob: 'no file matches', path: 'no such file or folder' }[kind];
}

/** Why a sniffed file is neither a descriptor nor data odlint reads: its format, in a few words. */
function sniffedReason(format: string): string {
  const info = formatById(format);
  const name = info?.names[0]?.toUpperCase() ?? format.toUpperCase();
  if (format === 'binary') return 'binary content of no known format';
  if (info?.kind === 'data') return `${name} data (sniffed from the content), which odlint does not read: describe it in a descriptor`;
  const what = { document: 'document', page: 'web page', archive: 'archive', image: 'image', service: 'service description', data: 'data' }[info?.kind ?? 'document'];
  return `${name} ${what} (sniffed from the content)`;
}
