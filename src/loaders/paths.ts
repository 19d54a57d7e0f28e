import path from 'node:path';

export type LocalRef = { kind: 'local'; path: string } | { kind: 'remote' } | { kind: 'outside' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for `https://…` and other scheme-prefixed references (not Windows drive letters). */
export function isUrl(ref: string): boolean {
  return SCHEME.test(ref) && !/^[a-z]:[\\/]/i.test(ref);
}

/**
 * Resolves a data path written in a descriptor. URLs are remote; relative paths resolve
 * against the descriptor's folder and must stay inside it (a descriptor must not make odlint
 * read `../../etc/passwd`); absolute paths are refused for the same reason. For a descriptor
 * fetched from a URL (`dir` is then that URL), every data reference is remote.
 */
export function resolveDataRef(dir: string, ref: string): LocalRef {
  const trimmed = ref.trim();
  if (isUrl(dir) || isUrl(trimmed)) return isFileUrl(trimmed) ? OUTSIDE : REMOTE;
  if (path.isAbsolute(trimmed)) return OUTSIDE;
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    /* keep the raw form: not every relative path is URI-encoded */
  }
  const resolved = path.resolve(dir, decoded);
  const rel = path.relative(dir, resolved);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return OUTSIDE;
  return { kind: 'local', path: resolved };
}

// Answers without a path are the same every time (callers read them only): one object each, not
// one per distribution of a catalogue.
const REMOTE: LocalRef = Object.freeze({ kind: 'remote' });
const OUTSIDE: LocalRef = Object.freeze({ kind: 'outside' });

/**
 * `s.toLowerCase().startsWith('file:')` without the lower-cased copy of every URL: only the ASCII
 * letters lower-case to `f`, `i`, `l` and `e` (a character whose lower case is longer, such as
 * `İ`, cannot make the prefix either).
 */
export function isFileUrl(s: string): boolean {
  return s.length >= 5 && (s.charCodeAt(0) | 0x20) === 0x66 && (s.charCodeAt(1) | 0x20) === 0x69 && (s.charCodeAt(2) | 0x20) === 0x6c && (s.charCodeAt(3) | 0x20) === 0x65 && s.charCodeAt(4) === 0x3a;
}

/** The folder data paths resolve against: the file's folder, or the URL of a fetched descriptor. */
export function descriptorDir(file: string): string {
  return isUrl(file) ? file : path.dirname(path.resolve(file));
}

/** Lower-case extension of a file path or of a URL's path (query and fragment ignored). */
export function extensionOf(file: string): string {
  if (isUrl(file)) {
    try {
      return path.posix.extname(new URL(file).pathname).toLowerCase();
    } catch {
      return '';
    }
  }
  return path.extname(file).toLowerCase();
}
