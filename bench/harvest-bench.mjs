/**
 * `npm run bench -- harvest [--size 100000] [--jobs 2]`: the harvest benchmark (issue 12). A CKAN
 * portal of `size` datasets (bench/catalogue.mjs: the real corpus packages as templates, pages of
 * 1,000) is served by bench/replay-portal.mjs on 127.0.0.1 in its own process; then, each in its
 * own process (CPU and peak RSS from process.resourceUsage(), worker threads included):
 *   1. `odlint <portal> --online --no-url-checks --no-data --jobs N -f jsonl`: harvest and lint;
 *   2. `odlint harvest <portal> -o snapshot.jsonl`: harvest only;
 *   3. `odlint snapshot.jsonl --no-data --jobs N -f jsonl`: lint the snapshot offline.
 * Checks that every announced dataset was linted (1 and 3 the same bytes). Prints wall, CPU, peak
 * RSS, datasets/s and the load average. Goals (docs/performance.md): 100k harvested and linted in
 * < 60 s on 2 cores, peak RSS < 400 MiB. Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cachedCatalogue } from './catalogue.mjs';
import { timedRun } from './timed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const args = process.argv.slice(3);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(opt('--size', '100000'));
const jobs = opt('--jobs', '2');
const odlint = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });

const dir = path.join(outDir, `catalogue-${n}`);
cachedCatalogue(dir, n);

const server = spawn(process.execPath, [path.join(root, 'bench', 'replay-portal.mjs'), dir, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
const out = (name) => path.join(outDir, `harvest-${n}.${name}`);

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); portal ${base} with ${n.toLocaleString('en')} datasets`);
console.log('| run | wall | CPU | peak RSS | datasets/s (wall) | load (1 min, before → after) |');
console.log('|---|---|---|---|---|---|');
const run = (label, cmdArgs) => {
  const before = load();
  const r = timedRun(outDir, null, [odlint, ...cmdArgs]);
  if (r.status !== 0) throw new Error(`odlint ${cmdArgs.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  console.log(`| ${label} | ${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${Math.round(r.rssMiB)} MiB | ${Math.round(n / r.seconds)} | ${before} → ${load()} |`);
  return r;
};
const lines = (file) => readFileSync(file, 'utf8').trimEnd().split('\n');
try {
  rmSync(out('snapshot.jsonl'), { force: true });
  rmSync(out('snapshot.jsonl.partial'), { force: true });
  run(`harvest + lint, \`--jobs ${jobs}\``, [base, '--online', '--no-url-checks', '--no-data', '--jobs', jobs, '--fail-on', 'never', '-f', 'jsonl', '-o', out('live.jsonl')]);
  run('`odlint harvest` (snapshot only)', ['harvest', base, '-o', out('snapshot.jsonl'), '--no-progress']);
  run(`lint the snapshot, \`--jobs ${jobs}\``, [out('snapshot.jsonl'), '--no-data', '--jobs', jobs, '--fail-on', 'never', '-f', 'jsonl', '-o', out('offline.jsonl')]);
  const live = lines(out('live.jsonl'));
  const summary = JSON.parse(live.at(-1)).summary;
  const datasets = live.filter((l) => l.startsWith('{"type":"dataset"') || l.includes('"kind":"dataset"')).length;
  console.log(`\nsummary.harvest: ${JSON.stringify(summary?.harvest)}; ${summary?.datasets} datasets in the report`);
  if (summary?.datasets !== n) throw new Error(`expected ${n} datasets linted, the report has ${summary?.datasets} (${datasets} lines)`);
  const offline = lines(out('offline.jsonl'));
  console.log(`live and offline reports ${live.join('\n') === offline.join('\n') ? 'identical' : 'DIFFER'}`);
} finally {
  server.kill();
}
