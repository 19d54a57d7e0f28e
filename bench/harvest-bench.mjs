/**
 * `npm run bench -- harvest [--size 100000] [--jobs 2] [--runs live,harvest,offline,data-json]
 * [--page-size n] [--odlint <other build's bin/odlint.js>] [--memory]`: the harvest benchmark (issue 12). A CKAN
 * portal of `size` datasets (bench/catalogue.mjs: the real corpus packages as templates, pages of
 * 1,000) is served by bench/replay-portal.mjs on 127.0.0.1 in its own process; then, each in its
 * own process (CPU and peak RSS from process.resourceUsage(), worker threads included):
 *   1. `odlint <portal> --online --no-url-checks --no-data --jobs N -f jsonl`: harvest and lint;
 *   2. `odlint harvest <portal> -o snapshot.jsonl`: harvest only;
 *   3. `odlint snapshot.jsonl --no-data --jobs N -f jsonl`: lint the snapshot offline;
 *   4. `odlint <portal>/data.json --online --no-url-checks --no-data --jobs N -f jsonl`: the same
 *      number of datasets as one DCAT-US document, harvested in parts as it downloads.
 * Checks that every announced dataset was linted (1 and 3 the same bytes). Prints wall, CPU, peak
 * RSS, datasets/s, the replay server's own CPU during the run (it is not odlint's) and the load
 * average; with `--memory`, each thread's peak heap and external bytes (bench/memory-probe.cjs).
 * Goals (docs/performance.md): 100k harvested and linted in
 * < 60 s on 2 cores, peak RSS < 400 MiB. Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
/** `--runs live,harvest,offline,data-json`: only these runs (offline needs harvest's snapshot). */
const runs = new Set(opt('--runs', 'live,harvest,offline,data-json').split(','));
const jobs = opt('--jobs', '2');
/** `--page-size <n>`: datasets asked per page (odlint's default otherwise). */
const pageSize = opt('--page-size', undefined);
/** `--odlint <bin/odlint.js>`: another build to time (a before/after pair against the same portal). */
const odlint = path.resolve(opt('--odlint', path.join(root, 'bin', 'odlint.js')));
/** `--memory`: sample each thread's memory (bench/memory-probe.cjs) and print its peaks after each run. */
const memory = args.includes('--memory');
const memoryFile = path.join(outDir, `memory-${process.pid}.jsonl`);
const probe = memory ? ['--require', path.join(root, 'bench', 'memory-probe.cjs')] : [];
if (memory) process.env.ODLINT_BENCH_MEMORY_FILE = memoryFile;
/** Each thread's peaks (MiB) as one line: the last line a thread wrote holds its peaks. */
const memoryPeaks = () => {
  if (!existsSync(memoryFile)) return 'no memory samples';
  const last = new Map();
  for (const line of readFileSync(memoryFile, 'utf8').trim().split('\n')) {
    const m = JSON.parse(line);
    last.set(m.thread, m);
  }
  rmSync(memoryFile, { force: true });
  return [...last.values()].map((m) => `${m.thread}: heap ${m.heapUsed} MiB used / ${m.heapTotal} MiB total, external ${m.external} MiB (array buffers ${m.arrayBuffers})`).join('; ');
};
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });

const dir = path.join(outDir, `catalogue-${n}`);
cachedCatalogue(dir, n);

const server = spawn(process.execPath, [path.join(root, 'bench', 'replay-portal.mjs'), dir, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
const out = (name) => path.join(outDir, `harvest-${n}.${name}`);

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); portal ${base} with ${n.toLocaleString('en')} datasets${pageSize ? `, --page-size ${pageSize}` : ''}`);
console.log('| run | wall | CPU | peak RSS | datasets/s (wall) | replay server CPU (not odlint) | load (1 min, before → after) |');
console.log('|---|---|---|---|---|---|---|');
/** The replay server's own CPU seconds so far (it is not odlint: reported apart). */
// Asked again once: after a long odlint run, the kept-alive socket may be closed under the request.
const serverCpu = async (retry = true) => {
  try {
    return (await (await fetch(`${base}/__usage`)).json()).cpu / 1e6;
  } catch (error) {
    if (!retry) throw error;
    return serverCpu(false);
  }
};
const run = async (label, cmdArgs) => {
  const before = load();
  const server0 = await serverCpu();
  rmSync(memoryFile, { force: true });
  const r = timedRun(outDir, null, [...probe, odlint, ...cmdArgs]);
  if (r.status !== 0) throw new Error(`odlint ${cmdArgs.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  const server = (await serverCpu()) - server0;
  console.log(`| ${label} | ${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${Math.round(r.rssMiB)} MiB | ${Math.round(n / r.seconds)} | ${server.toFixed(1)} s | ${before} → ${load()} |`);
  if (memory) console.log(`peaks: ${memoryPeaks()}`);
  return r;
};
const paging = pageSize ? ['--page-size', pageSize] : [];
const lines = (file) => readFileSync(file, 'utf8').trimEnd().split('\n');
try {
  if (runs.has('live')) {
    await run(`harvest + lint, \`--jobs ${jobs}\``, [base, ...paging, '--online', '--no-url-checks', '--no-data', '--jobs', jobs, '--fail-on', 'never', '-f', 'jsonl', '-o', out('live.jsonl')]);
    const summary = JSON.parse(lines(out('live.jsonl')).at(-1)).summary;
    console.log(`summary.harvest: ${JSON.stringify(summary?.harvest)}; ${summary?.datasets} datasets in the report`);
    if (summary?.datasets !== n) throw new Error(`expected ${n} datasets linted, the report has ${summary?.datasets}`);
  }
  if (runs.has('harvest')) {
    rmSync(out('snapshot.jsonl'), { force: true });
    rmSync(out('snapshot.jsonl.partial'), { force: true });
    await run('`odlint harvest` (snapshot only)', ['harvest', base, ...paging, '-o', out('snapshot.jsonl'), '--no-progress']);
  }
  if (runs.has('offline')) {
    await run(`lint the snapshot, \`--jobs ${jobs}\``, [out('snapshot.jsonl'), '--no-data', '--jobs', jobs, '--fail-on', 'never', '-f', 'jsonl', '-o', out('offline.jsonl')]);
    if (runs.has('live')) console.log(`live and offline reports ${lines(out('live.jsonl')).join('\n') === lines(out('offline.jsonl')).join('\n') ? 'identical' : 'DIFFER'}`);
  }
  if (runs.has('data-json')) {
    await run(`DCAT-US data.json (one document), \`--jobs ${jobs}\``, [`${base}/data.json`, ...paging, '--online', '--no-url-checks', '--no-data', '--jobs', jobs, '--fail-on', 'never', '-f', 'jsonl', '-o', out('data-json.jsonl')]);
    const pod = JSON.parse(lines(out('data-json.jsonl')).at(-1)).summary;
    console.log(`data.json: summary.harvest ${JSON.stringify(pod?.harvest)}; ${pod?.datasets} datasets in the report`);
    if (pod?.datasets !== n) throw new Error(`expected ${n} datasets of the data.json linted, the report has ${pod?.datasets}`);
  }
} finally {
  server.kill();
}
