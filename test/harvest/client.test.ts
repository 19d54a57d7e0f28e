import { describe, it, expect } from 'vitest';
import { retryAfterMs, userAgentOf } from '../../src/harvest/client.js';

describe('the harvest client', () => {
  it('reads Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('Fri, 04 Dec 2026 23:00:00 GMT');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 23:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 22:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('says who asks in its User-Agent', () => {
    expect(userAgentOf('1.2.3')).toBe('odlint/1.2.3 (+https://www.npmjs.com/package/odlint)');
  });
});

describe('snapshot lines', () => {
  it('are read whole across chunks, multi-byte characters and CRLF included', async () => {
    const { readLines } = await import('../../src/harvest/snapshot.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'odlint-lines-')), 'x.jsonl');
    const lines = ['{"a":"é€"}', 'x'.repeat(50), '', '{"b":"Straße"}'];
    writeFileSync(file, lines.slice(0, 3).join('\n') + '\r\n' + lines[3]);
    const got: string[] = [];
    const offsets: number[] = [];
    for await (const { bytes, at } of readLines(file, 7)) {
      got.push(bytes.toString('utf8'));
      offsets.push(at.offset);
    }
    expect(got).toEqual(lines);
    // Where each line starts, in bytes (é and € are 2 and 3 bytes, CRLF is 2), to read it again.
    expect(offsets).toEqual([0, 14, 65, 67]);
  });
});
