import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import { definedOnly, extended } from '../../src/util/objects.js';
import { lint } from '../../src/index.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

describe('extended and definedOnly', () => {
  it('extended: the keys and values of a spread, in its order, as a new object', () => {
    const base = { kind: 'descriptor', file: 'a.json', index: 3 };
    const out = extended(base, { index: 4, allowedRoots: undefined });
    expect(out).toEqual({ ...base, index: 4, allowedRoots: undefined });
    expect(Object.keys(out)).toEqual(['kind', 'file', 'index', 'allowedRoots']);
    expect(out).not.toBe(base);
    expect(base.index).toBe(3);
  });

  it('definedOnly: drops undefined values only, keeps the order', () => {
    expect(definedOnly({ start: undefined, end: '2024' })).toEqual({ end: '2024' });
    expect(Object.keys(definedOnly({ line: 3, column: 0, pointer: '' }))).toEqual(['line', 'column', 'pointer']);
    expect(definedOnly({ a: null, b: undefined })).toEqual({ a: null });
    expect(definedOnly({})).toEqual({});
  });
});

/**
 * What the helpers are for (src/util/objects.ts): objects made per unit, dataset or finding share
 * their hidden classes. Checked with V8's own %HaveSameMap (natives syntax, allowed for the
 * functions compiled after the flag is set): past the first few objects, a literal that begins
 * with a spread and then adds keys gave each of them a class of its own on Node 20.
 */
v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** The number of hidden classes among `objects`, per list of keys. */
function classesByShape(objects: object[]): Record<string, number> {
  const seen = new Map<string, object[]>();
  for (const o of objects) {
    const shape = Object.keys(o).join(',');
    const reps = seen.get(shape) ?? [];
    if (!reps.some((r) => haveSameMap(r, o))) reps.push(o);
    seen.set(shape, reps);
  }
  return Object.fromEntries([...seen].map(([shape, reps]) => [shape, reps.length]));
}

/** One class per shape: the first few objects of a shape may have a second one, before V8's inline caches settle. */
function expectShared(part: string, objects: object[]): void {
  for (const [shape, count] of Object.entries(classesByShape(objects))) expect({ part, shape, count: Math.min(count, 2) }).toEqual({ part, shape, count });
}

describe('hidden classes of what is made per unit, dataset and finding', () => {
  it('the natives check tells a spread that adds keys from extended (on this V8) or finds both shared', () => {
    const units = Array.from({ length: 40 }, (_, i) => ({ kind: 'descriptor', file: `f${i}` }));
    expectShared('extended', units.map((u, index) => extended(u, { index })));
    // What extended replaces: counted, so the check above is known to see a difference where V8 makes one.
    const spread = classesByShape(units.map((u, index) => ({ ...u, index })))['kind,file,index']!;
    expect(spread === 1 || spread > 20).toBe(true);
  });

  it('finding locations and MQA groups of a 60-dataset catalogue report', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-maps-'));
    generateCatalogue(dir, 60, { perPage: 60 });
    const report = await lint([dir], { cwd: dir, data: false, noConfigDiscovery: true });
    expect(report.datasets).toHaveLength(60);
    const locations = report.datasets.flatMap((d) => d.findings.map((f) => f.location));
    expect(locations.length).toBeGreaterThan(150);
    expect(locations.some((l) => Object.keys(l).join(',') === 'file,pointer,line,column')).toBe(true);
    expectShared('locations', locations);
    expectShared('mqa', report.datasets.flatMap((d) => [d.score.mqa!.dimensions.interoperability.indicators, d.score.mqa!.dimensions.reusability.indicators]));
  }, 60_000);
});
