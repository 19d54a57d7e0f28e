#!/usr/bin/env node
// Build step, after tsc: bundle dist/ in place with esbuild, so that a run opens a few dozen
// files instead of ~300 (on Node 20 each ESM module costs ~0.3 ms to resolve, read, compile and
// link, more for CommonJS packages). See docs/architecture.md ("The build").
//
// - Entry points are the modules loaded by a computed path, which keep their paths: the CLI, the
//   API (the package's main), the worker thread, the argv reader bin/odlint.js loads before the
//   CLI (src/cli/argv-threads.ts), every formatter (src/reporters/index.ts), and
//   one module per rule family (written here: src/engine/registry.ts imports the families of the
//   enabled rules). Code splitting puts what
//   they share in dist/chunks/, and a literal `import()` stays lazy (a chunk loaded on first use).
// - Packages of START_UP (what every lint run loads) are bundled with what they import; every
//   other package stays a plain import from node_modules (the RDF, SHACL, Parquet and Markdown
//   libraries: loaded by few runs, and some load files or optional modules by path).
// - The other tsc outputs are deleted (their declarations stay), so that one copy of each module
//   exists: a plugin importing `odlint` and the CLI share the same chunks.
// - dist/bundle-meta.json (esbuild's metafile: which sources each output holds) lets the tests
//   that trace a run's imports (test/helpers/import-trace.mjs) name the sources it loaded.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const START_UP = new Set([
  'commander', 'csv-parse', 'iconv-lite', 'chardet', 'jsonc-parser', 'fastest-levenshtein', 'ibantools', 'ignore',
  'spdx-expression-parse', 'minimatch', 'file-type',
]);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const reporters = path.join(dist, 'src', 'reporters');
// The formatters, as the CLI finds them (tsc's output, not yet bundled).
const { formatNames } = await import(pathToFileURL(path.join(dist, 'src', 'util', 'format-names.js')).href);
// Modules the repository's own tools import from dist/ (bench/catalogue-formats.mjs,
// scripts/shacl-reference.mjs, test/fix/write.test.ts): entry points too, so that they exist.
const TOOLS = ['loaders/rdf-graph.js', 'loaders/rdf-turtle.js', 'loaders/index.js', 'shacl/shape-sets.js', 'shacl/vocabularies.js', 'shacl/ntriples.js', 'util/temp-files.js'];
const jsFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
const entries = [
  path.join(dist, 'src', 'index.js'),
  path.join(dist, 'src', 'cli', 'index.js'),
  path.join(dist, 'src', 'cli', 'argv-threads.js'),
  path.join(dist, 'src', 'pipeline', 'worker.js'),
  ...writeFamilyModules(path.join(dist, 'rules')),
  ...TOOLS.map((f) => path.join(dist, 'src', f)),
  ...formatNames().map((name) => path.join(reporters, `${name}.js`)),
];

/**
 * `rules/<family>.js` for each family folder: its rules' modules by name, the one module the
 * registry imports for any of them (src/engine/registry.ts). Files as the registry finds rules.
 */
function writeFamilyModules(rules) {
  return readdirSync(rules, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map(({ name: family }) => {
      const names = readdirSync(path.join(rules, family))
        .filter((f) => f.endsWith('.js') && !f.startsWith('_') && !f.includes('.test.'))
        .map((f) => f.slice(0, -3))
        .sort();
      const file = path.join(rules, `${family}.js`);
      const lines = names.map((n, i) => `import * as r${i} from './${family}/${n}.js';`);
      writeFileSync(file, `${lines.join('\n')}\nexport const rules = {\n${names.map((n, i) => `  '${n}': r${i},`).join('\n')}\n};\n`);
      return file;
    });
}

/** `pkg` of `pkg/sub` or `@scope/pkg/sub`; undefined for a relative or absolute path. */
const packageOf = (specifier) => (/^[./]/.test(specifier) ? undefined : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));

/** odlint's own imports of a package outside START_UP stay imports; a bundled package's own imports are bundled. */
const startUpOnly = {
  name: 'start-up-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return START_UP.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

const result = await build({
  entryPoints: entries,
  absWorkingDir: root,
  outdir: dist,
  outbase: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ESM builds where a package has both (jsonc-parser's CommonJS one is UMD, which hides its requires).
  mainFields: ['module', 'main'],
  plugins: [startUpOnly],
  // Bundled CommonJS packages `require` Node's own modules: an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __odlintCreateRequire } from 'node:module'; const require = __odlintCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const outputs = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
let removed = 0;
for (const file of [...jsFiles(path.join(dist, 'src')), ...jsFiles(path.join(dist, 'rules'))]) {
  if (outputs.has(file)) continue;
  rmSync(file);
  rmSync(`${file}.map`, { force: true });
  removed++;
}
const sources = Object.fromEntries(Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).map(([f, o]) => [f, Object.keys(o.inputs)]));
writeFileSync(path.join(dist, 'bundle-meta.json'), JSON.stringify(sources));
console.log(`bundle: ${entries.length} entry points, ${Object.keys(sources).length - entries.length} chunks; ${removed} unbundled modules removed`);
