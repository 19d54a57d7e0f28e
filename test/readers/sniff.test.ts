import { describe, it, expect } from 'vitest';
import { sniffBytes, sniffText } from '../../src/readers/sniff.js';
import { LineEndingCounter } from '../../src/readers/line-endings.js';
import { JsonSyntaxChecker, JsonSyntaxError } from '../../src/readers/json-syntax.js';
import { Utf8Checker } from '../../src/readers/encoding.js';

describe('sniffText', () => {
  it.each([
    ['{"type": "FeatureCollection", "features": []}', 'geojson'],
    ['[{"a": 1}]', 'json'],
    ['{"@context": "https://schema.org", "name": "x"}', 'jsonld'],
    ['<!DOCTYPE html><html><body>404</body></html>', 'html'],
    ['<div>oops</div>', 'html'],
    ['<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', 'rdf'],
    ['<?xml version="1.0"?><kml xmlns="x"/>', 'kml'],
    ['<?xml version="1.0"?><root/>', 'xml'],
    ['@prefix dcat: <http://www.w3.org/ns/dcat#> .', 'turtle'],
    ['id;name\n1;a\n2;b\n3;c\n', 'csv'],
    ['id\tname\n1\ta\n2\tb\n', 'tsv'],
    ['Hello, world.\nThis is prose, with commas, here and there.\nAnd more text.\nEnd\n', 'txt'],
    ['', 'empty'],
  ])('%s → %s', (text, format) => {
    expect(sniffText(text)).toBe(format);
  });
});

describe('sniffBytes', () => {
  it('recognises binaries by signature and text by shape', async () => {
    expect(await sniffBytes(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toMatchObject({ format: 'pdf', binary: true, by: 'magic' });
    expect(await sniffBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toMatchObject({ format: 'png', by: 'magic' });
    expect(await sniffBytes(Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]))).toEqual({ format: 'binary', binary: true, by: 'heuristic' });
    expect(await sniffBytes(Buffer.from('\ufeff\ufeffa;b\n1;2\n3;4\n'))).toMatchObject({ format: 'csv', binary: false });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n3,4\n', 'utf16le')]);
    expect(await sniffBytes(utf16)).toMatchObject({ format: 'csv', binary: false });
  });
});

describe('LineEndingCounter', () => {
  it('counts a CRLF split between two chunks once', () => {
    const c = new LineEndingCounter();
    c.scan(Buffer.from('a\r'));
    c.scan(Buffer.from('\nb\rc\n'));
    expect(c.finish()).toEqual({ crlf: 1, lf: 1, cr: 1, firstLine: { crlf: 1, cr: 2, lf: 3 } });
  });
});

describe('Utf8Checker', () => {
  it('accepts a character split between chunks and finds the first bad byte', () => {
    const e = Buffer.from('é');
    const c = new Utf8Checker();
    expect(c.check(Buffer.concat([Buffer.from('ab'), e.subarray(0, 1)]))).toBe(-1);
    expect(c.check(Buffer.concat([e.subarray(1), Buffer.from('cd'), Buffer.from([0xff]), Buffer.from('x')]))).toBe(3);
    expect(c.firstInvalid).toBe(6);
  });
});

describe('JsonSyntaxChecker', () => {
  const check = (...chunks: string[]) => {
    const c = new JsonSyntaxChecker();
    for (const chunk of chunks) c.write(chunk);
    c.end();
    return c.topLevel;
  };
  const error = (text: string) => {
    try {
      check(text);
    } catch (e) {
      return e instanceof JsonSyntaxError ? [e.line, e.column, e.message] : e;
    }
    return undefined;
  };
  it('accepts valid JSON split anywhere', () => {
    expect(check('{"a": [1, 2.5e3, -0, "x\\u00e9\\n"], "b"', ': {"c": true, "d": null}}')).toBe('object');
    expect(check('[]')).toBe('array');
    expect(check(' "s" ')).toBe('scalar');
  });
  it('reports the first error with its line and column', () => {
    expect(error('{"a": 1,}')).toEqual([1, 9, 'unexpected "}"']);
    expect(error('{\n"a": 01}')).toEqual([2, 6, 'invalid value "01"']);
    expect(error('{"a": "line\nbreak"}')).toEqual([2, 0, 'control character inside a string (unescaped line break?)']);
    expect(error('[1, 2')).toEqual([1, 5, 'unexpected end of the file: a container is not closed']);
    expect(error('{} {}')).toEqual([1, 4, 'unexpected "{"']);
    expect(error('{"a": NaN}')).toEqual([1, 7, 'invalid value "NaN"']);
  });
});
