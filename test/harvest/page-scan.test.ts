import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanPage, type PageScan } from '../../src/harvest/page-scan.js';
import { idsOf, isRecord } from '../../src/harvest/json-page.js';
import { CORPUS } from '../helpers/lint.js';

// The page scan must never accept what JSON.parse refuses, and where it accepts it must read
// the same count, ids and values as the parsed document (the walk's decisions rest on them).

/** What JSON.parse gives for the same questions (undefined: it does not parse). */
function parsed(bytes: Buffer, list: string, wanted: string[]): PageScan | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const at = (pointer: string): unknown => pointer.split('/').slice(1).reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), json);
  const listed = list === '' ? json : at(list);
  const values = new Map<string, unknown>();
  for (const p of wanted) {
    const v = at(p);
    if (v !== undefined) values.set(p, typeof v === 'object' && v !== null ? { container: Array.isArray(v) ? 'array' : 'object' } : v);
  }
  return { ...(Array.isArray(listed) ? { items: listed.length } : {}), ids: Array.isArray(listed) ? idsOf(listed) : [], values } as PageScan;
}

const CKAN_WANTED = ['/success', '/result', '/result/count', '/result/results', '/help'];

describe('scanPage', () => {
  it('reads the real CKAN and udata answers of the corpus as JSON.parse does', () => {
    let lists = 0;
    for (const dir of ['ckan', 'udata', 'dcat-us']) {
      for (const f of readdirSync(path.join(CORPUS, dir)).filter((x) => x.endsWith('.json'))) {
        const bytes = readFileSync(path.join(CORPUS, dir, f));
        for (const [list, wanted] of [['/result/results', CKAN_WANTED], ['/data', ['/data', '/next_page', '/total', '/page']], ['/dataset', ['/conformsTo', '/dataset']]] as const) {
          const scan = scanPage(bytes, list, wanted);
          expect(scan, `${dir}/${f}`).toEqual(parsed(bytes, list, [...wanted]));
          if (scan?.items) lists++;
        }
      }
    }
    expect(lists).toBeGreaterThanOrEqual(4);
  });

  it('reads a list that is the page, items of any kind, ids as idsOf reads them', () => {
    const text = '\uFEFF [ {"id": "a", "name": "x"}, {"name": "b"}, {"id": 7, "name": "c"}, {"id": null, "name": "d"}, {"\\u0069d": "e\\u00e9"}, {"id": 1, "name": 2}, [1], "s", 3.5e-2, true, null, {} ] ';
    const bytes = Buffer.from(text);
    const scan = scanPage(bytes, '', ['']);
    expect(scan).toEqual({ items: 12, ids: ['a', 'b', '7', 'd', 'eé'], values: new Map([['', { container: 'array' }]]) });
    expect(scan).toEqual(parsed(bytes, '', ['']));
  });

  it('keeps the last of a key given twice, as JSON.parse does', () => {
    const bytes = Buffer.from('{"result": {"count": 1, "results": [{"id": "a"}], "count": 2, "results": "none"}}');
    expect(scanPage(bytes, '/result/results', CKAN_WANTED)).toEqual(parsed(bytes, '/result/results', CKAN_WANTED));
    expect(scanPage(bytes, '/result/results', CKAN_WANTED)?.items).toBeUndefined();
  });

  it('refuses what JSON.parse refuses', () => {
    const bad = ['', ' ', '{', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', "{'a':1}", '[01]', '[1.]', '[.5]', '[1e]', '[-]', '[+1]', '[tru]', '[nul]', '["a\\x"]', '["\\u12G4"]', '["tab\there"]', '[1] [2]', '[1]x', '{"a":1}}', '[[1]', '<!doctype html><html></html>', 'NaN', '[Infinity]', '{"a":1 "b":2}'];
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(scanPage(Buffer.from(text), '', []), text).toBeUndefined();
    }
    // A page in UTF-16 (read the slow way, decoded by its byte order mark).
    expect(scanPage(Buffer.from('\uFEFF[1]', 'utf16le'), '', [])).toBeUndefined();
  });

  it('on every cut and every one-byte deletion of a real page: accepts only what parses, and then agrees', () => {
    const bytes = Buffer.from(JSON.stringify(JSON.parse(readFileSync(path.join(CORPUS, 'ckan', 'frictionless-py__dadosgovbr_package_search_rows2.json'), 'utf8'))).slice(0, 3000));
    // (The slice is itself cut: the variants below are mostly invalid, the few valid ones must agree.)
    const whole = Buffer.from(JSON.stringify({ help: 'h', success: true, result: { count: 2, results: [{ id: 'p1', name: 'n1', tags: [{ name: 't' }], x: -1.5e3 }, { name: 'n2', extras: { a: [true, false, null] } }] } }));
    let accepted = 0;
    for (const source of [bytes, whole]) {
      for (let k = 0; k <= source.length; k++) {
        for (const variant of [source.subarray(0, k), Buffer.concat([source.subarray(0, k), source.subarray(k + 1)])]) {
          const scan = scanPage(variant, '/result/results', CKAN_WANTED);
          const expected = parsed(variant, '/result/results', CKAN_WANTED);
          if (scan) {
            accepted++;
            expect(scan).toEqual(expected);
          } else if (expected) {
            // Refusing valid JSON is allowed only for an item id that is an object or a list.
            expect(variant.toString()).toMatch(/"(id|name)":[[{]/);
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(10);
  });
});
