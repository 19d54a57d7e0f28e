import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTree, type Node } from 'jsonc-parser';
import { lineIndex, parseJson, stringEnd } from '../../src/loaders/parse.js';
import { escapePointerToken, pointer, pointerTokens } from '../../src/model/index.js';
import { FIXTURES } from '../helpers/lint.js';

/** Every pointer of a JSON value, containers and leaves. */
function pointers(value: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, pointer(at, i))));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pointers(v, pointer(at, k)));
  return out;
}

/** Where jsonc-parser's tree puts a pointer: the key of a property (its last occurrence, as JSON.parse keeps), the value of an item. */
function treePosition(tree: Node, toPos: (offset: number) => { line: number; column: number }, ptr: string): { line: number; column: number } | undefined {
  let node: Node | undefined = tree;
  for (const token of ptr.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (node?.type === 'object') node = node.children!.filter((p) => p.children![0]!.value === token).at(-1)?.children![1];
    else if (node?.type === 'array' && /^\d+$/.test(token)) node = node.children![Number(token)];
    else node = undefined;
  }
  if (!node) return undefined;
  const at = node.parent?.type === 'property' ? node.parent : node;
  return toPos(at.offset);
}

const corpus = (dir: string) => readdirSync(path.join(FIXTURES, 'corpus', dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(FIXTURES, 'corpus', dir, f));

describe('JSON positions without a parse tree', () => {
  it('every pointer of the CKAN and udata corpus files resolves where jsonc-parser’s tree puts it', () => {
    let checked = 0;
    for (const file of [...corpus('ckan'), ...corpus('udata')]) {
      const text = readFileSync(file, 'utf8');
      const { data, position } = parseJson(text);
      const tree = parseTree(text)!;
      const toPos = lineIndex(text);
      // The 1 MB udata page: every 10th pointer is enough (each costs a tree walk here).
      const all = pointers(data);
      for (const ptr of text.length > 300_000 ? all.filter((_, i) => i % 10 === 0) : all) {
        expect(position(ptr), `${path.basename(file)} ${ptr}`).toEqual(treePosition(tree, toPos, ptr));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('escaped, numeric and repeated keys, nested lists, and pointers that lead nowhere', () => {
    const text = '{\n  "a\\u0062": {"x y": {"c": [1, {"0": "zero", "k": [[], [true, null]]}]}},\n  "b/c": {"~": "t"}\n}';
    const lines = text.split('\n');
    const at = (line: number, needle: string) => ({ line, column: lines[line - 1]!.indexOf(needle) + 1 });
    const { position } = parseJson(text);
    expect(position('/ab')).toEqual(at(2, '"a\\u0062"')); // the key as written, escaped
    expect(position('/ab/x y/c/1/0')).toEqual(at(2, '"0"'));
    expect(position('/ab/x y/c/1/k/1/1')).toEqual(at(2, 'null'));
    expect(position('/b~1c/~0')).toEqual(at(3, '"~"'));
    expect(position('/ab/x y/c/1/1')).toBeUndefined(); // an object has no index
    // Below the anchored levels (three pointer tokens), the text is scanned.
    const deep = '{"a":{"b":{"c":{"x y": [1, {"0": "zero", "k": [[], [true, null]]}], "dup": 1, "dup": [3]}}}}';
    const nested = parseJson(deep).position;
    const one = (needle: string, last = 0) => ({ line: 1, column: (last ? deep.lastIndexOf(needle) : deep.indexOf(needle)) + 1 });
    expect(nested('/a/b/c/x y/1/0')).toEqual(one('"0"'));
    expect(nested('/a/b/c/x y/1/k/1/1')).toEqual(one('null'));
    expect(nested('/a/b/c/dup/0')).toEqual(one('3'));
    expect(nested('/a/b/c/dup')).toEqual(one('"dup"', 1));
    expect(nested('/a/b/c/x y/2')).toBeUndefined();
    expect(nested('/a/b/c/x y/1/k/0/0')).toBeUndefined();
    expect(nested('/a/b/c/missing')).toBeUndefined();
    expect(nested('/a/b/c/x y/-')).toBeUndefined();
  });

  it('resolves the same in any order: the scan of the last package is reused, never mixed up with another', () => {
    const file = path.join(FIXTURES, 'corpus', 'ckan', readdirSync(path.join(FIXTURES, 'corpus', 'ckan')).find((f) => f.includes('package_search'))!);
    const text = readFileSync(file, 'utf8');
    const { data } = parseJson(text);
    const all = pointers(data);
    const inOrder = parseJson(text).position;
    const expected = all.map((p) => inOrder(p));
    // A fixed shuffle (every 7th pointer, wrapping round): consecutive pointers fall in different packages.
    const order = all.map((_, i) => (i * 7) % all.length);
    expect(new Set(order).size).toBe(all.length);
    const shuffled = parseJson(text).position;
    for (const i of order) expect(shuffled(all[i]!), all[i]).toEqual(expected[i]);
    expect(expected.filter((p) => p !== undefined).length).toBe(all.length);
  });

  it('escaped keys at the anchored levels and below, and quotes after backslashes', () => {
    const text = '{"r": {"a/b": {"~x": {"k\\\\": 1, "q\\"": {"z": 2}, "t": "\\\\", "u": "\\\\\\"\\\\"}}}}';
    const { data, position } = parseJson(text);
    expect(data).toEqual({ r: { 'a/b': { '~x': { 'k\\': 1, 'q"': { z: 2 }, t: '\\', u: '\\"\\' } } } });
    const col = (needle: string) => ({ line: 1, column: text.indexOf(needle) + 1 });
    expect(position('/r/a~1b/~0x')).toEqual(col('"~x"'));
    expect(position('/r/a~1b/~0x/k\\')).toEqual(col('"k\\\\"'));
    expect(position('/r/a~1b/~0x/q"/z')).toEqual(col('"z"'));
    expect(position('/r/a~1b/~0x/u')).toEqual(col('"u"'));
  });
});

describe('string ends and pointer tokens', () => {
  it('a quote ends a string unless an odd number of backslashes escapes it', () => {
    expect(stringEnd('"abc" x', 0)).toBe(5);
    expect(stringEnd('"a\\"b" x', 0)).toBe(6); // "a\"b" : the escaped quote is skipped
    expect(stringEnd('"a\\\\" x', 0)).toBe(5); // "a\\" : two backslashes, then the end
    expect(stringEnd('"a\\\\\\"b" x', 0)).toBe(8);
    expect(stringEnd('"open', 0)).toBe(5); // not closed: the text's end
    expect(stringEnd('x "y" z', 2)).toBe(5);
  });

  it('escapes only the keys that need it, and splits pointers back into the same tokens', () => {
    expect(escapePointerToken('plain')).toBe('plain');
    expect(escapePointerToken(3)).toBe('3');
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(escapePointerToken('~1')).toBe('~01');
    expect(pointer('/result', 'resources', 0, 'a/b')).toBe('/result/resources/0/a~1b');
    expect(pointer('')).toBe('');
    for (const tokens of [['a', 'b'], ['a/b', '~', '~1', ''], ['0', 'x y']]) expect(pointerTokens(pointer('', ...tokens))).toEqual(tokens);
    expect(pointerTokens('')).toEqual([]);
  });
});
