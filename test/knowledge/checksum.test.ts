import { describe, it, expect } from 'vitest';
import { parseChecksum } from '../../src/knowledge/checksum.js';

describe('parseChecksum', () => {
  it('reads algorithm:hex and bare hex by its length', () => {
    expect(parseChecksum('sha256:' + 'A'.repeat(64))).toEqual({ ok: true, algorithm: 'sha256', hex: 'a'.repeat(64) });
    expect(parseChecksum('d41d8cd98f00b204e9800998ecf8427e')).toEqual({ ok: true, algorithm: 'md5', hex: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(parseChecksum('f'.repeat(40))).toMatchObject({ ok: true, algorithm: 'sha1' });
    expect(parseChecksum('SHA-512:' + '0'.repeat(128))).toMatchObject({ ok: true, algorithm: 'sha512' });
  });
  it('says why it cannot read the others', () => {
    expect(parseChecksum('crc32:1234abcd')).toEqual({ ok: false, reason: 'the algorithm "crc32" is not one of md5, sha1, sha256, sha512' });
    expect(parseChecksum('md5:abc')).toEqual({ ok: false, reason: 'a md5 digest has 32 hexadecimal digits, not 3' });
    expect(parseChecksum('abc')).toMatchObject({ ok: false });
    expect(parseChecksum('not a hash')).toMatchObject({ ok: false });
  });
});
