import { describe, it, expect } from 'vitest';
import { SyntaxProblem } from '../../src/loaders/parse.js';
import type { ParsedDocument } from '../../src/loaders/types.js';
import { ALL_LOADERS, parseFixture } from './helpers.js';

function syntaxError(rel: string): SyntaxProblem {
  try {
    parseFixture(rel);
  } catch (e) {
    if (e instanceof SyntaxProblem) return e;
    throw e;
  }
  throw new Error(`${rel} parsed without error`);
}

describe('malformed descriptors', () => {
  it('broken JSON: SyntaxProblem at the missing comma', () => {
    const e = syntaxError('malformed/broken.json');
    expect(e.message).toBe("invalid JSON: ',' expected");
    expect([e.line, e.column]).toEqual([4, 3]);
  });

  it('broken YAML: SyntaxProblem with line and column', () => {
    const e = syntaxError('malformed/broken.yaml');
    expect(e.message).toMatch(/^invalid YAML: Flow sequence/);
    expect([e.line, e.column]).toEqual([4, 1]);
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD: unknown[] = [null, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, '', ' ', 'x', '../../x', '/etc/passwd', 'file:///etc/passwd', '[1,', '{"a": [1]}', '["a"]', true, false, [], [null], [1, 'a', {}], {}, { a: null }, { __proto__: 'x' }];

/** Replaces about `rate` of the values of a JSON tree by odd ones (wrong types, nulls, paths). */
function mutate(value: unknown, rnd: () => number, rate: number): unknown {
  if (rnd() < rate) return ODD[Math.floor(rnd() * ODD.length)];
  if (Array.isArray(value)) return value.map((v) => mutate(v, rnd, rate));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutate(v, rnd, rate)]));
  }
  return value;
}

const SAMPLES = [
  'ckan/good/package.json',
  'corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap.json',
  'corpus/ckan/ckanext-dcat__ckan_full_dataset_dcat_ap_legacy.json',
  'corpus/ckan/ckanext-canada__obd_sample.json',
  'corpus/ckan/frictionless-py__localckan_package_show_with_organization.json',
  'udata/good/dataset.json',
  'frictionless/good/datapackage.json',
  'frictionless/bad/datapackage.yaml',
  'corpus/frictionless/fd-examples__text-file/datapackage.json',
  'odlint/good/dataset.yaml',
  'odlint/multi/catalogue.dataset.yaml',
  'corpus/dcat-us/pod__catalog-sample-extended.json',
  'corpus/dcat-us/pod__examples__catalog-sample.json',
];

describe('loaders never throw on odd input', () => {
  const shapes: unknown[] = [null, 42, 'text', true, [], [null, 1, 'a'], {}, { result: null }, { result: { results: [null, 5] } }, { success: false, error: 'x' }, { success: false, error: {} }, { data: null }, { data: [null] }, { datasets: [null, { dataset: null }, { dataset: { resources: 5 } }] }, { resources: null }, { resources: [null, 1, 'a', { path: 5, schema: 5 }] }, { distributions: [null, { path: ['a'], schema: [] }] }, { extras: [null, 1, { key: null }, { key: 'a', value: '[broken' }] }, { extras: 'x' }, { tags: [null, 5, { name: 7 }] }, { licenses: [null, 5, { name: 7 }] }, { contributors: [null, { role: 5 }, { roles: 'publisher' }] }, { publisher: [], contactPoint: 5, licence: { id: 5 } }, { temporal_coverage: [null], spatial_coverage: 'x', spatial: { zones: 5 } }, { contact_points: 'x', owner: { first_name: 5 } }];

  for (const loader of ALL_LOADERS) {
    it(`${loader.format}: hand-made odd shapes`, () => {
      for (const data of shapes) {
        const doc: ParsedDocument = { file: '/tmp/odd/doc.json', dir: '/tmp/odd', syntax: 'json', data, position: () => undefined };
        expect(() => loader.detect(doc), JSON.stringify(data)).not.toThrow();
        expect(() => loader.load(doc), JSON.stringify(data)).not.toThrow();
      }
    });

    it(`${loader.format}: 40 random mutations of each sample`, () => {
      for (const rel of SAMPLES) {
        const doc = parseFixture(rel);
        const rnd = random(rel.length * 7919);
        for (let i = 0; i < 40; i++) {
          const data = mutate(doc.data, rnd, 0.15);
          const odd = { ...doc, data };
          let detected = -1;
          expect(() => (detected = loader.detect(odd)), `${rel} #${i}`).not.toThrow();
          expect(detected >= 0 && detected <= 1, `${rel} #${i}: score ${detected}`).toBe(true);
          expect(() => loader.load(odd), `${rel} #${i}`).not.toThrow();
        }
      }
    });
  }
});
