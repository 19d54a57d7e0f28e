/**
 * `npm run bench -- catalogue [--sizes 10000,100000] [--million] [--pairs N] [--no-formats] [--no-cache] [--no-ideal] [--kinds ckan,turtle,dcat-us,dcat-us-file]`: the catalogue
 * benchmark. Generates CKAN catalogues from the real corpus packages (bench/catalogue.mjs:
 * package_search pages of 1,000, varied ids/titles/licences) into bench/out/, then times
 * `odlint <dir> --no-data` with the default preset:
 *   - `-f jsonl` and `-f json` with the default --jobs (every core);
 *   - paired A/B runs `--jobs 1` / `--jobs 2` (`-f jsonl`), alternating, and checks that both
 *     write the same bytes; beside each pair (unless `--no-ideal`), the ideal the machine gives:
 *     two `--jobs 1` processes at once, each on half the pages (no coordination at all) — the
 *     ceiling of `--jobs 2`, which says how much of the distance to 1.7× is the pipeline's;
 *   - a cold then a warm `--cache` run (same bytes; goal: warm ≥ 10× faster).
 * `--kinds` (default `ckan`): the other kinds are DCAT-AP Turtle pages, DCAT-US data.json files
 * and one big DCAT-US data.json (bench/catalogue-formats.mjs, same sizes); each is timed `-f jsonl`
 * in `--pairs` rounds beside a CKAN run of the same size (order alternating), and compared to it by
 * CPU per dataset (goal: within 2× of CKAN's rate). `--file-jobs`: the single-file kinds
 * (`dcat-us-file`, `ckan-file`: one package_search dump, `ckan-jsonl`: JSON Lines) are timed in
 * `--pairs` paired `--jobs 1` / `--jobs 2` runs instead (alternating, same bytes checked): a big
 * file's parts go to the workers (src/pipeline/split.ts).
 * Prints wall, CPU (whole process, workers included), the CPU of the main thread and of the two
 * busiest other threads (bench/thread-cpu.mjs: the critical path, for an idle-cores estimate on a
 * shared machine), peak RSS, datasets/s and the load average.
 * Goals (docs/performance.md): 100k < 40 s wall on 2 cores, peak RSS < 400 MiB flat in N,
 * --jobs 2 ≥ 1.7× --jobs 1. Needs `npm run build`.
 */
import { closeSync, existsSync, fstatSync, linkSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedCatalogue } from './catalogue.mjs';
import { cachedFormatCatalogue } from './catalogue-formats.mjs';
import { median } from './median.mjs';
import { runsAtOnce, threadCpuRun } from './thread-cpu.mjs';

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
const kinds = (opt('--kinds') ?? 'ckan').split(',');
const odlint = path.join(root, 'bin', 'odlint.js');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
mkdirSync(outDir, { recursive: true });

const rows = [];
const cores = os.cpus().length;
// On idle cores a run takes at least its busiest thread's CPU time, and at least its CPU time shared by the cores.
const idleWall = (r) => Math.max(r.threads[0] ?? 0, r.threads[1] ?? 0, r.cpuSeconds / cores);
const threadCol = (r) => (r.threads.length ? `${r.threads[0].toFixed(1)} s / ${r.threads.slice(1, 3).map((c) => c.toFixed(1)).join(', ')} s | ${idleWall(r).toFixed(1)} s` : '? | ?');
const fmt = (r) => `${r.seconds.toFixed(1)} s | ${r.cpuSeconds.toFixed(1)} s | ${threadCol(r)} | ${Math.round(r.rssMiB)} MiB | ${Math.round(r.n / r.seconds)}`;
const run = async (dir, n, extra, label) => {
  const before = load();
  const r = await threadCpuRun(outDir, [odlint, dir, '--no-data', '--fail-on', 'never', ...extra]);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  const row = { ...r, n, label, load: `${before} → ${load()}` };
  rows.push(row);
  console.log(`| ${n.toLocaleString('en')} | ${label} | ${fmt(row)} | ${row.load} |`);
  return row;
};

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average (1/5/15 min) before each run → after`);
console.log('| datasets | run | wall | CPU | CPU of the main thread / the two busiest others | idle-cores estimate | peak RSS | datasets/s (wall) | load |');
console.log('|---|---|---|---|---|---|---|---|---|');
const FILE_KINDS = ['dcat-us-file', 'ckan-file', 'ckan-jsonl'];
for (const n of sizes) {
  const dir = path.join(outDir, `catalogue-${n}`);
  if (kinds.some((k) => !(args.includes('--file-jobs') && FILE_KINDS.includes(k)))) cachedCatalogue(dir, n);
  const out = (name) => path.join(outDir, `catalogue-${n}.${name}`);
  const fileJobs = args.includes('--file-jobs');
  const others = kinds.filter((k) => k !== 'ckan' && !(fileJobs && FILE_KINDS.includes(k)));
  if (fileJobs) for (const k of kinds.filter((x) => FILE_KINDS.includes(x))) await filePairs(k, n, out);
  if (others.length) await versusCkan(dir, n, others, out);
  if (!kinds.includes('ckan')) continue;
  if (!args.includes('--no-formats')) {
    await run(dir, n, ['-f', 'jsonl', '-o', out('jsonl')], '`-f jsonl` (all cores)');
    await run(dir, n, ['-f', 'json', '-o', out('json')], '`-f json` (all cores)');
  }
  const ratios = [];
  const ideals = [];
  const withIdeal = !args.includes('--no-ideal');
  for (let p = 0; p < pairs; p++) {
    // Rotate the order so that a change in the machine's load hits every side.
    const sides = withIdeal ? ['1', '2', 'ideal'] : ['1', '2'];
    const order = sides.map((_, i) => sides[(i + p) % sides.length]);
    const got = {};
    for (const j of order) {
      got[j] = j === 'ideal' ? await idealRun(dir, n, out, `two \`--jobs 1\` processes at once, half the pages each (pair ${p + 1})`) : await run(dir, n, ['--jobs', j, '-f', 'jsonl', '-o', out(`jobs${j}.jsonl`)], `\`--jobs ${j}\` (pair ${p + 1})`);
    }
    ratios.push([got['1'].seconds / got['2'].seconds, idleWall(got['1']) / idleWall(got['2'])]);
    if (withIdeal) ideals.push(got['1'].seconds / got.ideal.seconds);
    if (!sameBytes(out('jobs1.jsonl'), out('jobs2.jsonl'))) throw new Error('--jobs 1 and --jobs 2 wrote different reports');
  }
  const x = (r) => r.toFixed(2) + '×';
  // The median as well as each pair: one pair on this machine can swing by a fifth either way.
  console.log(`\n${n.toLocaleString('en')} datasets: --jobs 2 / --jobs 1 speed-up per pair, wall: ${ratios.map((r) => x(r[0])).join(', ')} (median ${x(median(ratios.map((r) => r[0])))}; goal ≥ 1.7×); idle-cores estimate: ${ratios.map((r) => x(r[1])).join(', ')}; reports identical`);
  if (withIdeal) console.log(`${n.toLocaleString('en')} datasets: the ideal (two --jobs 1 processes on halves at once) / --jobs 1, wall: ${ideals.map(x).join(', ')} (median ${x(median(ideals))}); --jobs 2 reaches ${ratios.map((r, i) => Math.round((100 * r[0]) / ideals[i]) + ' %').join(', ')} of it`);
  console.log('');
  if (args.includes('--no-cache')) continue;
  // --cache: a cold run writes the cache, a warm one (nothing changed) reuses every file.
  const cacheFile = out('odlintcache');
  rmSync(cacheFile, { force: true });
  const cold = await run(dir, n, ['--cache', '--cache-location', cacheFile, '-f', 'jsonl', '-o', out('cold.jsonl')], '`--cache`, cold');
  const warm = await run(dir, n, ['--cache', '--cache-location', cacheFile, '-f', 'jsonl', '-o', out('warm.jsonl')], '`--cache`, warm');
  if (!sameBytes(out('cold.jsonl'), out('warm.jsonl'))) throw new Error('the warm --cache run wrote a different report');
  console.log(`\n${n.toLocaleString('en')} datasets: warm --cache run ${(cold.seconds / warm.seconds).toFixed(1)}× faster (wall), ${(cold.cpuSeconds / warm.cpuSeconds).toFixed(1)}× (CPU); reports identical\n`);
}

/**
 * Whether two files hold the same bytes, read in chunks: a 1M-dataset jsonl report (~2.9 GB) is
 * past the longest string V8 can make (~512 MiB), so it cannot be read whole.
 */
function sameBytes(a, b) {
  if (statSync(a).size !== statSync(b).size) return false;
  const [fa, fb] = [openSync(a, 'r'), openSync(b, 'r')];
  const [ba, bb] = [Buffer.alloc(1 << 20), Buffer.alloc(1 << 20)];
  try {
    for (let at = 0; ; at += ba.length) {
      const n = readSync(fa, ba, 0, ba.length, at);
      if (n === 0) return true;
      if (readSync(fb, bb, 0, bb.length, at) !== n || !ba.subarray(0, n).equals(bb.subarray(0, n))) return false;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** A report's last line (the jsonl summary), read from the file's end. */
function lastLine(file) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 1 << 20));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const text = tail.toString('utf8').trimEnd();
    return text.slice(text.lastIndexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}

/**
 * The catalogue's pages split into two folders of hard links (no copy on disk; made once), the
 * first half of the sorted names and the rest.
 */
function halves(dir) {
  const names = readdirSync(dir).sort();
  return [names.slice(0, names.length >> 1), names.slice(names.length >> 1)].map((part, i) => {
    const half = `${dir}.half-${i + 1}`;
    if (!existsSync(half) || readdirSync(half).length !== part.length) {
      rmSync(half, { recursive: true, force: true });
      mkdirSync(half);
      for (const name of part) linkSync(path.join(dir, name), path.join(half, name));
    }
    return half;
  });
}

/**
 * Two `--jobs 1` runs at once, one on each half of the pages: what the cores give this workload
 * with no pipeline between the lanes (each its own process, heap and collections; their peak
 * RSS added, since both are alive at once). Their summaries must add up to the whole run's.
 */
async function idealRun(dir, n, out, label) {
  const before = load();
  const r = await runsAtOnce(outDir, halves(dir).map((half, i) => [odlint, half, '--no-data', '--fail-on', 'never', '--jobs', '1', '-f', 'jsonl', '-o', out(`half-${i + 1}.jsonl`)]));
  if (r.status !== 0) throw new Error(`odlint failed on a half (exit ${r.status}): ${r.stderr}`);
  const datasets = [1, 2].reduce((sum, i) => sum + JSON.parse(lastLine(out(`half-${i}.jsonl`))).summary.datasets, 0);
  if (datasets !== n) throw new Error(`the halves checked ${datasets} datasets, not ${n}`);
  const row = { ...r, n, label, load: `${before} → ${load()}` };
  rows.push(row);
  console.log(`| ${n.toLocaleString('en')} | ${label} | ${fmt(row)} | ${row.load} |`);
  return row;
}

/** One big file of `kind`: `--jobs 1` / `--jobs 2` in pairs (order alternating), the same bytes checked. */
async function filePairs(kind, n, out) {
  const file = await cachedFormatCatalogue(kind, path.join(outDir, `catalogue-${kind}-${n}`), n);
  const ratios = [];
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 ? ['2', '1'] : ['1', '2'];
    const got = {};
    for (const j of order) got[j] = await run(file, n, ['--jobs', j, '-f', 'jsonl', '-o', out(`${kind}-jobs${j}.jsonl`)], `${kind}, \`--jobs ${j}\` (pair ${p + 1})`);
    if (!sameBytes(out(`${kind}-jobs1.jsonl`), out(`${kind}-jobs2.jsonl`))) throw new Error(`${kind}: --jobs 1 and --jobs 2 wrote different reports`);
    ratios.push([got['1'].cpuSeconds / got['2'].cpuSeconds, idleWall(got['1']) / idleWall(got['2'])]);
  }
  console.log(`\n${n.toLocaleString('en')} datasets, ${kind}: --jobs 1 / --jobs 2 CPU per pair ${ratios.map((r) => r[0].toFixed(2) + '×').join(', ')}; idle-cores speed-up ${ratios.map((r) => r[1].toFixed(2) + '×').join(', ')}; reports identical\n`);
}

/**
 * The other kinds of catalogue beside CKAN's: in each round a CKAN run and one run per kind
 * (`-f jsonl`, all cores; the order alternates so a change in load hits both), compared by CPU
 * per dataset.
 */
async function versusCkan(ckanDir, n, others, out) {
  const inputs = {};
  for (const k of others) inputs[k] = await cachedFormatCatalogue(k, path.join(outDir, `catalogue-${k}-${n}`), n);
  const ratios = Object.fromEntries(others.map((k) => [k, []]));
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 ? [...others].reverse().concat('ckan') : ['ckan', ...others];
    const got = {};
    for (const k of order) got[k] = await run(k === 'ckan' ? ckanDir : inputs[k], n, ['-f', 'jsonl', '-o', out(`${k}.jsonl`)], `${k}, \`-f jsonl\` (round ${p + 1})`);
    for (const k of others) ratios[k].push(got[k].cpuSeconds / got.ckan.cpuSeconds);
  }
  const perDataset = (r) => `${((r.cpuSeconds * 1000) / r.n).toFixed(2)} ms`;
  for (const k of others) {
    const mine = rows.filter((r) => r.n === n && r.label.startsWith(`${k},`));
    console.log(`\n${n.toLocaleString('en')} datasets, ${k}: CPU per dataset ${mine.map(perDataset).join(', ')}; CPU / CKAN's per round: ${ratios[k].map((r) => r.toFixed(2) + '×').join(', ')} (goal ≤ 2×)`);
  }
  console.log(`${n.toLocaleString('en')} datasets, ckan: CPU per dataset ${rows.filter((r) => r.n === n && r.label.startsWith('ckan,')).map(perDataset).join(', ')}\n`);
}
