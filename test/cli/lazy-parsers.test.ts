import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, CORPUS } from '../helpers/lint.js';
import { loadedModules } from '../helpers/bundle-sources.js';

// The RDF parsers are heavy: a run over JSON/YAML descriptors must not load them. The built
// executable runs with a resolve hook that lists every module it imports.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const HOOK = path.join(ROOT, 'test', 'helpers', 'import-trace.mjs');
const PARSERS = ['n3', 'jsonld', 'rdfxml-streaming-parser'];

async function importedParsers(inputs: string[]): Promise<string[]> {
  const trace = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-trace-')), 'imports.txt');
  const r = await execa('node', ['--import', HOOK, BIN, '-f', 'json', ...inputs], { cwd: ROOT, reject: false, env: { ODLINT_IMPORT_TRACE: trace } });
  expect([0, 1], r.stderr).toContain(r.exitCode);
  const modules = loadedModules(readFileSync(trace, 'utf8').split('\n'));
  expect(modules).toContain('dist/src/loaders/index.js');
  return PARSERS.filter((p) => modules.some((m) => m.startsWith(`node_modules/${p}/`)));
}

describe('RDF parsers are imported only when an RDF input appears', () => {
  it('a CKAN, udata and DCAT-US run loads none of them', async () => {
    const files = ['ckan', 'udata', 'dcat-us'].flatMap((d) => readdirSync(path.join(CORPUS, d)).filter((f) => /\.json(ld)?$/.test(f)).map((f) => path.join(CORPUS, d, f)));
    expect(await importedParsers(files)).toEqual([]);
  });

  it('each RDF syntax loads its own parser only', async () => {
    const ap = (f: string) => path.join(ROOT, 'fixtures', 'corpus', 'dcat-ap', f);
    expect(await importedParsers([ap('ckanext-dcat__dataset_afs.ttl')])).toEqual(['n3']);
    expect(await importedParsers([ap('semic-dcat-ap__example-ms_catalogue.jsonld')])).toEqual(['jsonld']);
    expect(await importedParsers([ap('ckanext-dcat__dataset_sweden.rdf')])).toEqual(['rdfxml-streaming-parser']);
  });
});
