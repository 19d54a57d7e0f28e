import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDescriptor } from '../../src/loaders/index.js';
import { withVocabularies } from '../../src/shacl/index.js';
import { referenceKey } from '../../src/shacl/ntriples.js';
import { SHAPE_SET_IDS } from '../../src/shacl/shape-sets.js';
import { validateTriples } from '../../src/shacl/validate.js';

// The official DCAT-AP 3.0.1 and DCAT-AP HVD 3.0.0 shapes over every DCAT-AP file of the corpus:
// odlint's engine must find exactly the (set, focus node, path, constraint, severity, value)
// results Apache Jena found on the same graph (fixtures/shacl/reference, recorded by
// scripts/shacl-reference.mjs). odlint adds only the vocabulary statements of the concepts the
// file uses where Jena was given the whole of each bundled vocabulary: same results expected.
const corpus = path.resolve('fixtures/corpus/dcat-ap');
const reference = path.resolve('fixtures/shacl/reference');

function expected(name: string): string[] {
  return readFileSync(path.join(reference, `${name}.tsv`), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
}

describe('SHACL results equal Apache Jena on the DCAT-AP corpus', () => {
  const files = readdirSync(corpus).sort();
  it('has a reference for every corpus file', () => {
    expect(readdirSync(reference).sort()).toEqual(files.map((f) => `${f}.tsv`));
  });
  for (const name of files) {
    it(name, async () => {
      const loaded = await loadDescriptor(path.join(corpus, name));
      if (loaded.kind !== 'loaded' || !loaded.rdf) throw new Error(`${name} did not load as RDF`);
      const results = await validateTriples(withVocabularies(loaded.rdf.triples()), SHAPE_SET_IDS);
      const got = results.map((r) => [r.set, referenceKey(r.focus), r.path, r.component, r.severity, r.value?.startsWith('_:') ? referenceKey(r.value) : (r.value ?? '')].join('\t')).sort();
      expect(got).toEqual(expected(name));
    }, 60_000);
  }
});
