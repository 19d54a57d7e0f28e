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
  if (isUrl(dir)) return trimmed.toLowerCase().startsWith('file:') ? { kind: 'outside' } : { kind: 'remote' };
  if (isUrl(trimmed)) {
    if (trimmed.toLowerCase().startsWith('file:')) return { kind: 'outside' };
    return { kind: 'remote' };
  }
  if (path.isAbsolute(trimmed)) return { kind: 'outside' };
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    /* keep the raw form: not every relative path is URI-encoded */
  }
  const resolved = path.resolve(dir, decoded);
  const rel = path.relative(dir, resolved);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'outside' };
  return { kind: 'local', path: resolved };
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
