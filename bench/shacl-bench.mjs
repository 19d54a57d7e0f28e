/**
 * `npm run bench -- shacl [--size 10000] [--jobs 2]`: the DCAT-AP SHACL benchmark. Times
 * `odlint <catalogue> --no-data -f jsonl` on the generated CKAN catalogue (bench/catalogue.mjs:
 * package_search pages of 1,000 real corpus packages), first with the default preset, then with
 * `-p dcat-ap` (the DCAT-AP 3.0.1 shapes through the DCAT-AP mapping) and `-p hvd` (+ the HVD
 * shapes), each with `--jobs N`. Prints wall, CPU, peak RSS, datasets/s and the load average.
 * Goal (docs/performance.md): 10k datasets through SHACL < 30 s on 2 cores. Needs `npm run build`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedCatalogue } from './catalogue.mjs';
import { timedRun } from './timed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const args = process.argv.slice(3);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const n = Number(opt('--size', '10000'));
const jobs = opt('--jobs', '2');
const odlint = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });
const dir = path.join(outDir, `catalogue-${n}`);
cachedCatalogue(dir, n);

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${n.toLocaleString('en')} CKAN datasets, --jobs ${jobs}; load average (1/5/15 min) before → after`);
console.log('| run | wall | CPU | peak RSS | datasets/s (wall) | findings | load |');
console.log('|---|---|---|---|---|---|---|');
for (const [label, extra] of [
  ['default preset (no SHACL)', []],
  ['`-p dcat-ap` (DCAT-AP 3.0.1 shapes)', ['-p', 'dcat-ap']],
  ['`-p hvd` (+ DCAT-AP HVD shapes)', ['-p', 'hvd']],
]) {
  const before = load();
  const out = path.join(outDir, `shacl-${n}.jsonl`);
  const r = timedRun(outDir, null, [odlint, dir, '--no-data', '--fail-on', 'never', '--jobs', jobs, '-f', 'jsonl', '-o', out, ...extra]);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  const findings = readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"findings"')).reduce((t, l) => t + (JSON.parse(l).dataset?.findings?.length ?? 0), 0);
  console.log(`| ${label} | ${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${Math.round(r.rssMiB)} MiB | ${Math.round(n / r.seconds)} | ${findings.toLocaleString('en')} | ${before} → ${load()} |`);
}
