/**
 * `npm run bench -- shacl [--size 10000] [--jobs 2] [--rounds 1]`: the DCAT-AP SHACL benchmark.
 * Times `odlint <catalogue> --no-data -f jsonl` on the generated CKAN catalogue
 * (bench/catalogue.mjs: package_search pages of 1,000 real corpus packages), with the default
 * preset, `-p dcat-ap` (the DCAT-AP 3.0.1 shapes through the DCAT-AP mapping) and `-p hvd` (+ the
 * HVD shapes), each with `--jobs N`. With `--rounds R` the three runs are interleaved R times
 * (A B C A B C…, so that a shared machine's load falls on all alike) and the medians printed.
 * Prints wall, CPU, peak RSS, datasets/s, the CPU that SHACL adds per dataset and the load
 * average. Goal (docs/performance.md): 10k datasets through SHACL < 30 s on 2 cores. Needs
 * `npm run build`.
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
const rounds = Number(opt('--rounds', '1'));
const odlint = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });
const dir = path.join(outDir, `catalogue-${n}`);
cachedCatalogue(dir, n);

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${n.toLocaleString('en')} CKAN datasets, --jobs ${jobs}, ${rounds} round(s) (medians); load average (1/5/15 min) before the first → after the last run`);
const runs = [
  ['default preset (no SHACL)', []],
  ['`-p dcat-ap` (DCAT-AP 3.0.1 shapes)', ['-p', 'dcat-ap']],
  ['`-p hvd` (+ DCAT-AP HVD shapes)', ['-p', 'hvd']],
].map(([label, extra]) => ({ label, extra, samples: [], loads: [] }));
for (let round = 0; round < rounds; round++) {
  for (const run of runs) {
    const before = load();
    const out = path.join(outDir, `shacl-${n}.jsonl`);
    const r = timedRun(outDir, null, [odlint, dir, '--no-data', '--fail-on', 'never', '--jobs', jobs, '-f', 'jsonl', '-o', out, ...run.extra]);
    if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
    r.findings = readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('"findings"')).reduce((t, l) => t + (JSON.parse(l).dataset?.findings?.length ?? 0), 0);
    run.samples.push(r);
    run.loads.push(before, load());
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cpuOf = (run) => median(run.samples.map((r) => r.cpuSeconds));
console.log('| run | wall | CPU | peak RSS | datasets/s (wall) | SHACL CPU per dataset | findings | load |');
console.log('|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  const wall = median(run.samples.map((r) => r.seconds));
  const extra = run === runs[0] ? '—' : `${(((cpuOf(run) - cpuOf(runs[0])) / n) * 1000).toFixed(2)} ms`;
  console.log(`| ${run.label} | ${wall.toFixed(1)} s | ${cpuOf(run).toFixed(1)} s | ${Math.round(median(run.samples.map((r) => r.rssMiB)))} MiB | ${Math.round(n / wall)} | ${extra} | ${run.samples[0].findings.toLocaleString('en')} | ${run.loads[0]} → ${run.loads.at(-1)} |`);
}
