import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonStringOf } from '../../src/harvest/snapshot.js';
import { decodeDescriptor } from '../../src/loaders/decode.js';
import { CORPUS } from '../helpers/lint.js';

// A page fetched is written to its snapshot line from its bytes: the line must hold what
// JSON.stringify writes for the decoded text, so that the snapshot replays to the same report.
describe('jsonStringOf', () => {
  it('writes the bytes JSON.stringify writes for the decoded text of every corpus answer', () => {
    let n = 0;
    for (const dir of ['ckan', 'udata', 'dcat-us', 'dcat-ap']) {
      for (const f of readdirSync(path.join(CORPUS, dir))) {
        const bytes = readFileSync(path.join(CORPUS, dir, f));
        expect(jsonStringOf(bytes)?.toString('utf8'), `${dir}/${f}`).toBe(JSON.stringify(decodeDescriptor(bytes)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
  });

  it('escapes quotes, backslashes and every control character; keeps a UTF-8 BOM and other text as it is', () => {
    const text = `\uFEFF{"a": "q\\"b\\\\"}${Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('')}\u007f é € 😀 \u2028`;
    expect(jsonStringOf(Buffer.from(text))!.toString('utf8')).toBe(JSON.stringify(text));
  });

  it('invalid UTF-8 reads back as the decoded text would (U+FFFD)', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xc3, 0x22, 0xe2, 0x82, 0x7d]);
    expect(JSON.parse(jsonStringOf(bytes)!.toString('utf8'))).toBe(decodeDescriptor(bytes));
  });

  it('leaves a UTF-16 or UTF-32 body to be decoded first (by its byte order mark)', () => {
    expect(jsonStringOf(Buffer.from('\uFEFF{}', 'utf16le'))).toBeUndefined();
    expect(jsonStringOf(Buffer.from([0xfe, 0xff, 0, 0x7b, 0, 0x7d]))).toBeUndefined();
    expect(jsonStringOf(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]))).toBeUndefined();
  });
});
