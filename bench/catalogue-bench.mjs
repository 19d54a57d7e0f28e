/**
 * `npm run bench -- catalogue [--sizes 10000,100000] [--million] [--pairs N]`: the catalogue
 * benchmark. Generates CKAN catalogues from the real corpus packages (bench/catalogue.mjs:
 * package_search pages of 1,000, varied ids/titles/licences) into bench/out/, then times
 * `odlint <dir> --no-data` with the default preset:
 *   - `-f jsonl` and `-f json` with the default --jobs (every core);
 *   - paired A/B runs `--jobs 1` / `--jobs 2` (`-f jsonl`), alternating, and checks that both
 *     write the same bytes;
 *   - a cold then a warm `--cache` run (same bytes; goal: warm ≥ 10× faster).
 * Prints wall, CPU (whole process, workers included), peak RSS, datasets/s and the load average.
 * Goals (docs/performance.md): 100k < 40 s wall on 2 cores, peak RSS < 400 MiB flat in N,
 * --jobs 2 ≥ 1.7× --jobs 1. Needs `npm run build`.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedCatalogue } from './catalogue.mjs';
import { timedRun } from './timed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const args = process.argv.slice(3);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '10000,100000').split(',').map(Number);
if (args.includes('--million')) sizes.push(1_000_000);
const pairs = Number(opt('--pairs') ?? 2);
const odlint = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });

const rows = [];
const fmt = (r) => `${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${Math.round(r.rssMiB)} MiB | ${Math.round(r.n / r.seconds)}`;
const run = (dir, n, extra, label) => {
  const before = load();
  const r = timedRun(outDir, null, [odlint, dir, '--no-data', '--fail-on', 'never', ...extra]);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  const row = { ...r, n, label, load: `${before} → ${load()}` };
  rows.push(row);
  console.log(`| ${n.toLocaleString('en')} | ${label} | ${fmt(row)} | ${row.load} |`);
  return row;
};

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average (1/5/15 min) before each run → after`);
console.log('| datasets | run | wall | CPU | peak RSS | datasets/s (wall) | load |');
console.log('|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const dir = path.join(outDir, `catalogue-${n}`);
  cachedCatalogue(dir, n);
  const out = (name) => path.join(outDir, `catalogue-${n}.${name}`);
  run(dir, n, ['-f', 'jsonl', '-o', out('jsonl')], '`-f jsonl` (all cores)');
  run(dir, n, ['-f', 'json', '-o', out('json')], '`-f json` (all cores)');
  const ratios = [];
  for (let p = 0; p < pairs; p++) {
    // Alternate the order so that a change in the machine's load hits both sides.
    const order = p % 2 ? ['2', '1'] : ['1', '2'];
    const got = {};
    for (const j of order) got[j] = run(dir, n, ['--jobs', j, '-f', 'jsonl', '-o', out(`jobs${j}.jsonl`)], `\`--jobs ${j}\` (pair ${p + 1})`);
    ratios.push(got['1'].seconds / got['2'].seconds);
    if (readFileSync(out('jobs1.jsonl'), 'utf8') !== readFileSync(out('jobs2.jsonl'), 'utf8')) throw new Error('--jobs 1 and --jobs 2 wrote different reports');
  }
  console.log(`\n${n.toLocaleString('en')} datasets: --jobs 2 / --jobs 1 wall speed-up per pair: ${ratios.map((r) => r.toFixed(2) + '×').join(', ')}; reports identical\n`);
  // --cache: a cold run writes the cache, a warm one (nothing changed) reuses every file.
  const cacheFile = out('odlintcache');
  rmSync(cacheFile, { force: true });
  const cold = run(dir, n, ['--cache', '--cache-location', cacheFile, '-f', 'jsonl', '-o', out('cold.jsonl')], '`--cache`, cold');
  const warm = run(dir, n, ['--cache', '--cache-location', cacheFile, '-f', 'jsonl', '-o', out('warm.jsonl')], '`--cache`, warm');
  if (readFileSync(out('cold.jsonl'), 'utf8') !== readFileSync(out('warm.jsonl'), 'utf8')) throw new Error('the warm --cache run wrote a different report');
  console.log(`\n${n.toLocaleString('en')} datasets: warm --cache run ${(cold.seconds / warm.seconds).toFixed(1)}× faster (wall), ${(cold.cpuSeconds / warm.cpuSeconds).toFixed(1)}× (CPU); reports identical\n`);
}
