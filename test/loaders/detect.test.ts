import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { decide, hasPath, keysOf, weigh } from '../../src/loaders/detect.js';
import { loadDescriptor } from '../../src/loaders/index.js';
import { SyntaxProblem } from '../../src/loaders/parse.js';
import type { ParsedDocument } from '../../src/loaders/types.js';
import { ALL_LOADERS, fixture, parseFixture, parseText } from './helpers.js';

/**
 * Detection is one scored decision (src/loaders/detect.ts). It is tested on every JSON/YAML
 * descriptor of fixtures/corpus and of the shape fixtures, and on copies of each with one
 * characteristic key (of any format) taken away, everywhere in the document: the expected format
 * must still win, and no two formats may share the best score.
 */

/** JSON loaders above this lose a JSON-LD document to the DCAT-AP reading (src/loaders/index.ts). */
const JSON_LOADER_OVER_JSONLD = 0.5;

/** Descriptor files under a fixtures folder (recursively) with the format expected to read them. */
function descriptors(rel: string, format: (file: string) => string): [string, string][] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(fixture(dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(rel)
    .filter((f) => /\.(json|jsonld|ya?ml)$/.test(f))
    .sort()
    .map((f) => [f, format(f)]);
}

const byFolder = (f: string) => (f.endsWith('catalog_pod.jsonld') ? 'dcat-us' : f.split(path.sep)[1]!);
const FILES: [string, string][] = [
  ...descriptors('corpus', byFolder),
  ...descriptors('ckan/shapes', () => 'ckan'),
  ...descriptors('udata/shapes', () => 'udata'),
  ...descriptors('detect', () => 'dcat-us'),
  ...descriptors('odlint/good', () => 'odlint'),
  ...descriptors('odlint/multi', () => 'odlint'),
];

/** Every characteristic key of every format. */
const KEYS = [...new Set(ALL_LOADERS.flatMap((l) => l.keys()))].sort();

function parse(rel: string): ParsedDocument | undefined {
  try {
    return parseFixture(rel);
  } catch (e) {
    if (e instanceof SyntaxProblem) return undefined;
    throw e;
  }
}

/** Whether the key occurs anywhere in the value. */
function occurs(v: unknown, key: string): boolean {
  if (Array.isArray(v)) return v.some((x) => occurs(x, key));
  if (typeof v !== 'object' || v === null) return false;
  return Object.prototype.hasOwnProperty.call(v, key) || Object.values(v).some((x) => occurs(x, key));
}

/**
 * Keys that, on the document itself, hold its datasets (udata-front-kit's `{status, data}`):
 * taking them away there leaves no dataset to detect, so they are kept at the top level only.
 */
const ENVELOPE = new Set(['data', 'result', 'dataset', 'datasets']);

/** A deep copy of the value without the key, at every level (envelope keys: below the top). */
function without(v: unknown, key: string, top = true): unknown {
  if (Array.isArray(v)) return v.map((x) => without(x, key, false));
  if (typeof v !== 'object' || v === null) return v;
  const keep = top && ENVELOPE.has(key);
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== key || keep).map(([k, x]) => [k, without(x, key, false)]));
}

/** The decision on a document: expected format wins alone (or, for JSON-LD, no JSON loader takes it). */
function verdict(doc: ParsedDocument, expected: string): string | undefined {
  const d = decide(doc, ALL_LOADERS);
  if (expected === 'dcat-ap') return d.score < JSON_LOADER_OVER_JSONLD ? undefined : `${d.loader?.format} took JSON-LD at ${d.score}`;
  if (d.loader?.format !== expected) return `${d.loader?.format ?? 'nobody'} won (${JSON.stringify(d.scores)})`;
  if (d.tiedWith.length) return `tie with ${d.tiedWith.join(', ')} at ${d.score}`;
  return undefined;
}

describe('detection: every descriptor, and every copy with one characteristic key removed', () => {
  it('finds the descriptors it should (the one corpus file that does not parse is the country-list YAML)', () => {
    expect(FILES.length).toBeGreaterThan(60);
    expect(FILES.filter(([rel]) => parse(rel) === undefined).map(([rel]) => rel)).toEqual([path.join('corpus', 'frictionless', 'datasets-country-list__country-list', 'datapackage.yml')]);
    expect(KEYS.length).toBeGreaterThan(50);
  });

  for (const [rel, expected] of FILES) {
    const doc = parse(rel);
    if (!doc) continue;
    it(`${rel} → ${expected}, also with each key removed`, () => {
      expect(verdict(doc, expected)).toBeUndefined();
      // `@context` and `@graph` make a document JSON-LD: without them it is another document.
      const keys = KEYS.filter((k) => occurs(doc.data, k) && !(expected === 'dcat-ap' && (k === '@context' || k === '@graph')));
      const failures = keys.map((k) => [k, verdict({ ...doc, data: without(doc.data, k) }, expected)]).filter(([, v]) => v !== undefined);
      expect(failures).toEqual([]);
      // Not vacuous: each JSON descriptor carries keys of its format.
      if (expected !== 'dcat-ap') expect(keys.length).toBeGreaterThan(0);
    });
  }
});

describe('detection: a DCAT-US data.json is never odlint\'s own format', () => {
  it('the three fixtures/detect catalogs load as DCAT-US, one dataset per catalog entry', async () => {
    const loaded = await Promise.all(['data.json', 'dcat-us-3.data.json', 'catalog-minimal.data.json'].map((f) => loadDescriptor(fixture(`detect/${f}`))));
    expect(loaded.map((o) => (o.kind === 'loaded' ? [o.format, o.datasets.length, o.issues.length] : o.kind))).toEqual([
      ['dcat-us', 2, 0],
      ['dcat-us', 1, 0],
      ['dcat-us', 1, 0],
    ]);
  });

  it('scores: odlint 0 for each, with or without conformsTo, whatever the file is called', () => {
    for (const f of ['data.json', 'dcat-us-3.data.json', 'catalog-minimal.data.json']) {
      const text = fs.readFileSync(fixture(`detect/${f}`), 'utf8');
      for (const name of [f, 'dataset.json', 'catalog.dataset.json']) {
        const doc = parseText(`detect/${name}`, text);
        expect(decide(doc, ALL_LOADERS).scores.odlint).toBe(0);
        const bare = without(without(doc.data, 'conformsTo'), '@context');
        expect(decide({ ...doc, data: bare }, ALL_LOADERS)).toMatchObject({ loader: { format: 'dcat-us' }, scores: { odlint: 0 }, tiedWith: [] });
      }
    }
  });

  it('the catalog shape alone ({"@type": "dcat:Catalog", "dataset": [...]}) is DCAT-US evidence; a JSON-LD context of another kind is not', () => {
    const catalog = { '@type': 'dcat:Catalog', dataset: [{ title: 'T', description: 'D' }] };
    expect(decide(parseText('detect/x.json', JSON.stringify(catalog)), ALL_LOADERS)).toMatchObject({ loader: { format: 'dcat-us' }, score: 0.7 });
    const jsonld = { '@context': 'https://semiceu.github.io/DCAT-AP/releases/3.0.0/context/dcat-ap.jsonld', ...catalog };
    expect(decide(parseText('detect/x.jsonld', JSON.stringify(jsonld)), ALL_LOADERS).score).toBe(0);
  });
});

describe('detection helpers', () => {
  it('hasPath reads keys, nested keys, keys of some list item, and alternatives', () => {
    const pkg = { notes: '', organization: { is_organization: true }, resources: [{}, { url_type: 'upload' }] };
    expect(['notes', 'organization.is_organization', 'resources[].url_type', 'resources[].package_id|url_type', 'license_id|notes'].map((p) => hasPath(pkg, p))).toEqual([true, true, true, true, true]);
    expect(['title', 'organization.name', 'resources[].package_id', 'notes.x', 'tags[].name'].map((p) => hasPath(pkg, p))).toEqual([false, false, false, false, false]);
  });

  it('weigh sums the weight of the evidence shown; keysOf lists the key names', () => {
    const evidence = [['notes', 0.15], ['tags[].name', 0.2], ['resources[].url_type|mimetype', 0.3]] as const;
    expect(weigh({ notes: 'x', resources: [{ mimetype: 'text/csv' }] }, evidence)).toBeCloseTo(0.45);
    expect(keysOf(evidence)).toEqual(['notes', 'name', 'url_type', 'mimetype']);
  });

  it('decide reports a tie instead of hiding it', () => {
    const fake = (format: 'ckan' | 'udata', score: number) => ({ format, detect: () => score, load: () => ({ datasets: [], issues: [] }), keys: () => [] });
    const doc = parseText('x.json', '{}');
    expect(decide(doc, [fake('ckan', 0.5), fake('udata', 0.5)])).toMatchObject({ loader: { format: 'ckan' }, score: 0.5, tiedWith: ['udata'] });
    expect(decide(doc, [fake('ckan', 0), fake('udata', 0)])).toEqual({ score: 0, scores: { ckan: 0, udata: 0 }, tiedWith: [] });
  });
});
