#!/usr/bin/env node
// Records the reference SHACL results of the DCAT-AP corpus files with Apache Jena (run once by
// hand after `npm run build`, never in CI; the test test/shacl/reference.test.ts compares odlint's
// engine with them). Each file is parsed by odlint, written as N-Triples with every concept of
// the bundled EU vocabularies, and validated by Jena against each shape set on its own:
//   node scripts/shacl-reference.mjs   (needs Java and Debian's libapache-jena-java; docs/dcat-ap-shacl.md)
// With `--sets a,b` only those shape sets are run again; the other sets' lines are kept.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadDescriptor } = await import(path.join(root, 'dist/src/loaders/index.js'));
const { SHAPE_SETS, SHAPE_SET_IDS, shapesDir } = await import(path.join(root, 'dist/src/shacl/shape-sets.js'));
const { vocabularySchemes, SKOS_IN_SCHEME } = await import(path.join(root, 'dist/src/shacl/vocabularies.js'));
const { toNTriples } = await import(path.join(root, 'dist/src/shacl/ntriples.js'));

const setsArg = process.argv.indexOf('--sets');
const only = setsArg > 0 ? process.argv[setsArg + 1].split(',') : undefined;
for (const set of only ?? []) if (!SHAPE_SET_IDS.includes(set)) throw new Error(`unknown shape set ${set}`);
const work = mkdtempSync(path.join(tmpdir(), 'odlint-jena-'));
const classpath = execFileSync('sh', [path.join(root, 'scripts/jena/classpath.sh'), work], { encoding: 'utf8' }).trim();
execFileSync('javac', ['-cp', classpath, '-d', work, path.join(root, 'scripts/jena/ShaclReference.java')]);
const jenaVersion = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libapache-jena-java'], { encoding: 'utf8' });

const vocabulary = [...vocabularySchemes()].flatMap(([concept, schemes]) => schemes.map((s) => [{ kind: 'iri', value: concept }, SKOS_IN_SCHEME, { kind: 'iri', value: s }]));
const corpus = path.join(root, 'fixtures/corpus/dcat-ap');
const out = path.join(root, 'fixtures/shacl/reference');
mkdirSync(out, { recursive: true });
let total = 0;
for (const name of readdirSync(corpus).sort()) {
  const loaded = await loadDescriptor(path.join(corpus, name));
  if (loaded.kind !== 'loaded' || !loaded.rdf) {
    console.error(`${name}: ${loaded.kind}, no graph`);
    continue;
  }
  const data = path.join(work, `${name}.nt`);
  writeFileSync(data, toNTriples([...loaded.rdf.triples(), ...vocabulary]));
  const file = path.join(out, `${name}.tsv`);
  const kept = only && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#') && !only.includes(l.split('\t')[0])) : [];
  const lines = [...kept];
  for (const set of only ?? SHAPE_SET_IDS) {
    const shapes = SHAPE_SETS[set].map((f) => path.join(shapesDir(), f));
    const tsv = execFileSync('java', ['-cp', `${classpath}:${work}`, 'ShaclReference', ...shapes, '--', data], { encoding: 'utf8', maxBuffer: 1 << 26 });
    for (const line of tsv.split('\n').filter(Boolean)) {
      const [focus, p, component, severity, value] = line.split('\t');
      lines.push([set, focus, p, component.replace('http://www.w3.org/ns/shacl#', ''), severity.replace('http://www.w3.org/ns/shacl#', ''), value].join('\t'));
    }
  }
  lines.sort();
  total += lines.length;
  const header = `# Apache Jena ${jenaVersion} SHACL (Debian libapache-jena-java), shape sets of src/shacl/shape-sets.ts, recorded by scripts/shacl-reference.mjs\n# set\tfocus\tpath\tcomponent\tseverity\tvalue\n`;
  writeFileSync(file, header + lines.map((l) => `${l}\n`).join(''));
  console.log(`${name}: ${lines.length} results`);
}
console.log(`${total} results`);
