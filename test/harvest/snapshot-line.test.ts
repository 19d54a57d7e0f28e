import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageLine } from '../../src/harvest/snapshot-line.js';
import { jsonStringOf } from '../../src/harvest/snapshot.js';
import { ROOT } from '../helpers/lint.js';

// A snapshot's page line is read from its bytes: the body back as the bytes it stands for, the
// other fields parsed. It must agree with JSON.parse of the whole line on every line it accepts,
// and leave every other line to JSON.parse.

/** What JSON.parse says of a line: its fields but the body, and the body's UTF-8 bytes. */
function parsed(line: Buffer): { fields: Record<string, unknown>; body: Buffer } {
  const { body, ...fields } = JSON.parse(line.toString('utf8')) as { body: string };
  return { fields: { ...fields, body: '' }, body: Buffer.from(body, 'utf8') };
}

const head = '{"page":3,"url":"https://portal.example/api/3/action/package_search?start=3000","fetchedAt":"2026-12-05T07:00:00.000Z","announced":9000,"next":"x","contentType":"application/json","datasets":2,"part":{"a":[1,{"b":"}"}]}}';
/** A line as the snapshot writer writes it: the body's bytes escaped. */
const lineOf = (bytes: Buffer) => Buffer.concat([Buffer.from(`${head.slice(0, -1)},"body":`), jsonStringOf(bytes)!, Buffer.from('}')]);

describe('snapshot page lines read from their bytes', () => {
  const ckan = path.join(ROOT, 'fixtures', 'corpus', 'ckan');
  const corpusPage = readFileSync(path.join(ckan, readdirSync(ckan).filter((f) => f.endsWith('.json')).sort()[0]!));

  it('give back the bytes written, for real pages and for every kind of escape', () => {
    const bodies = [
      corpusPage,
      Buffer.from('{"title":"Qualité de l’air — 2024 🌍","q":"say \\"hi\\"","tab":"\t","nl":"a\nb","ctl":"\u0001\u001f","sep":"\u2028"}'),
      Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // a UTF-8 byte order mark
      Buffer.from([0x22, 0xc3, 0x28, 0xe2, 0x82, 0x5c, 0x22]), // bytes that are not UTF-8 stay as they are
      Buffer.alloc(0),
    ];
    for (const [i, bytes] of bodies.entries()) {
      const line = lineOf(bytes);
      const got = pageLine(line);
      expect(got?.body.equals(bytes), `body ${i}`).toBe(true);
      expect(got?.fields).toEqual(JSON.parse(`${head.slice(0, -1)},"body":""}`));
      // Its own buffer: it can move to a worker.
      expect(got?.body.byteOffset).toBe(0);
      expect(got?.body.buffer.byteLength).toBe(bytes.length);
    }
  });

  it('agree with JSON.parse on lines written by JSON.stringify, \\u escapes and surrogate pairs included', () => {
    const texts = ['plain', 'é€🌍 and \u0000\u007f', '\u00e9\ud83c\udf0d'];
    for (const text of texts) {
      for (const line of [Buffer.from(JSON.stringify({ page: 1, url: 'u', body: text })), Buffer.from(`{"page":1,"url":"u","body":${JSON.stringify(text).replace(/[^\x20-\x7e]/gu, (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''))}}`)]) {
        const want = parsed(line);
        const got = pageLine(line);
        expect(got?.body.toString('utf8')).toBe(want.body.toString('utf8'));
        expect(got?.fields).toEqual(want.fields);
      }
    }
    // Escapes everywhere: in the key, \/ and the short ones; the last of two bodies counts.
    const odd = Buffer.from('{ "page" : 1 , "url":"u", "bo\\u0064y" : "first", "body":"a\\/b\\b\\f\\n\\r\\t\\"\\\\" }');
    expect(pageLine(odd)?.body.toString('utf8')).toBe('a/b\b\f\n\r\t"\\');
  });

  it('leave to JSON.parse what has no UTF-8 (a lone surrogate) or is not a page line', () => {
    for (const line of ['{"page":1,"body":"\\ud800"}', '{"page":1,"body":"\\udc00x"}', '{"page":1}', '{"page":1,"body":3}', '[1]', '{"page":1,"body":"a"} x', '{"page":1,"body":"a",}', '{"page":01,"body":"a"}']) {
      expect(pageLine(Buffer.from(line))).toBeUndefined();
    }
  });

  it('accept nothing JSON.parse refuses: every cut and every one-byte deletion of a line', () => {
    // (A deletion inside a character leaves bytes that are not UTF-8: kept as they are, they decode as JSON.parse reads them.)
    const line = lineOf(Buffer.from('{"t":"é\\"q\\"€\u0001🌍"}'));
    const variants: Buffer[] = [];
    for (let i = 0; i < line.length; i++) {
      variants.push(line.subarray(0, i));
      variants.push(Buffer.concat([line.subarray(0, i), line.subarray(i + 1)]));
    }
    for (const v of variants) {
      const got = pageLine(v);
      if (!got) continue;
      const want = parsed(v);
      expect(got.body.toString('utf8')).toBe(want.body.toString('utf8'));
      expect(got.fields).toEqual(want.fields);
    }
  });
});
