import path from 'node:path';

export type LocalRef = { kind: 'local'; path: string } | { kind: 'remote' } | { kind: 'outside' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a data path written in a descriptor. URLs are remote; relative paths resolve
 * against the descriptor's folder and must stay inside it (a descriptor must not make odlint
 * read `../../etc/passwd`); absolute paths are refused for the same reason.
 */
export function resolveDataRef(dir: string, ref: string): LocalRef {
  const trimmed = ref.trim();
  if (SCHEME.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed)) {
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
