/**
 * A declared checksum (`dist.checksum`): Frictionless `hash` (`md5` hex by default, or
 * `sha256:<hex>`), CKAN `hash`, DCAT `spdx:checksum` (the loaders write `algorithm:value`).
 * A bare hex value is named by its length, as the Frictionless specification and CKAN leave it.
 */
export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

export type DeclaredChecksum = { ok: true; algorithm: DigestAlgorithm; hex: string } | { ok: false; reason: string };

const BY_LENGTH: Record<number, DigestAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
const ALIASES: Record<string, DigestAlgorithm> = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', sha512: 'sha512', 'sha-512': 'sha512' };

export function parseChecksum(value: string): DeclaredChecksum {
  const m = /^\s*(?:([a-z0-9-]+)\s*:\s*)?([0-9a-f]+)\s*$/i.exec(value);
  if (!m) return { ok: false, reason: 'not a hexadecimal digest, with an optional "algorithm:" prefix' };
  const hex = m[2]!.toLowerCase();
  const algorithm = m[1] ? ALIASES[m[1].toLowerCase()] : BY_LENGTH[hex.length];
  if (!algorithm) return { ok: false, reason: m[1] ? `the algorithm "${m[1]}" is not one of md5, sha1, sha256, sha512` : `${hex.length} hexadecimal digits are no md5, sha1, sha256 or sha512 digest` };
  const expected = Object.entries(BY_LENGTH).find(([, a]) => a === algorithm)![0];
  if (hex.length !== Number(expected)) return { ok: false, reason: `a ${algorithm} digest has ${expected} hexadecimal digits, not ${hex.length}` };
  return { ok: true, algorithm, hex };
}
