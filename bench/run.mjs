#!/usr/bin/env node
/**
 * `npm run bench [-- <size-MB>] [--rounds N] [--baseline <odlint checkout>]`: generates a CSV of
 * that size (default 200 MB) with realistic mixed columns into bench/out/, then times on the same file:
 *   (a) a bare csv-parse streaming pass (the parser odlint was built on, nothing else);
 *   (b) `node bin/odlint.js` with all data rules: every rule of the data and format families,
 *       off-by-default ones included (duplicate rows...), other families off;
 *   (c) `node bin/odlint.js -p strict`: every rule of every family (gender, personal data...);
 *   (d) (b) on the same CSV zipped (the only entry of a ZIP archive: inflated as it is read);
 *   (e) `csvclean -n` (csvkit): installed from Debian (`apt-get install -y csvkit`) when missing,
 *       as root outside CI;
 *   (f) several files: (b) on two names of the file with `--jobs 2`, against (b) (one file runs in-process);
 *   (g) the ideal for (f): two separate processes of (b) at once, one on each name — what the two
 *       cores give with no pool at all, the ceiling of (f).
 * `--rounds N` runs every case N times, interleaved (a b c … a b c …, each round in another order),
 * and keeps medians; `--baseline <dir>` also runs (b), (c) and (f) with another build (e.g. main's
 * checkout, built), each beside its twin, and prints the median of the rounds' paired differences.
 * Prints throughputs (MiB/s), the ratios to csv-parse and to csvclean, and each process's peak RSS. Needs `npm run build`.
 * Goals (docs/performance.md): data rules >= 1.0x csvclean's throughput, strict >= 0.7x csvclean,
 * peak RSS < 150 MiB, two files on --jobs 2 >= 1.7x one file.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timedRun } from './timed.mjs';
import { median } from './median.mjs';
import { runsAtOnce } from './thread-cpu.mjs';
import { benchZip } from './zip-case.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const args = process.argv.slice(2);
if (args[0] === 'shacl') {
  // `npm run bench -- shacl [...]`: the DCAT-AP SHACL benchmark (bench/shacl-bench.mjs).
  await import('./shacl-bench.mjs');
  process.exit(0);
}
if (args[0] === 'harvest') {
  // `npm run bench -- harvest [...]`: the harvest benchmark (bench/harvest-bench.mjs).
  await import('./harvest-bench.mjs');
  process.exit(0);
}
if (args[0] === 'scorecard') {
  // `npm run bench -- scorecard [--size N]`: the HTML scorecard at 100k datasets (bench/scorecard-bench.mjs).
  await import('./scorecard-bench.mjs');
  process.exit(0);
}
if (args[0] === 'xlsx') {
  // `npm run bench -- xlsx [rows]`: the spreadsheet reader on a generated XLSX (bench/xlsx-bench.mjs).
  await import('./xlsx-bench.mjs');
  process.exit(0);
}
if (args[0] === 'catalogue') {
  // `npm run bench -- catalogue [...]`: the catalogue benchmark (bench/catalogue-bench.mjs).
  await import('./catalogue-bench.mjs');
  process.exit(0);
}
/** The value after `--name`, if given. */
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flagValues = new Set(['--rounds', '--baseline'].map((f) => flag(f)).filter(Boolean));
const sizeMB = Number(args.find((a) => /^\d+(\.\d+)?$/.test(a) && !flagValues.has(a)) ?? 200);
const rounds = Math.max(1, Number(flag('--rounds') ?? 1));
const baselineDir = flag('--baseline') ? path.resolve(flag('--baseline')) : undefined;
const MiB = 1024 * 1024;

if (!existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------- data generation
/** Small deterministic PRNG (mulberry32): the same size always gives the same file. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMUNES = ['Anderlecht', 'Auderghem', 'Berchem-Sainte-Agathe', 'Bruxelles', 'Etterbeek', 'Evere', 'Forest', 'Ganshoren', 'Ixelles', 'Jette', 'Koekelberg', 'Molenbeek-Saint-Jean', 'Saint-Gilles', 'Saint-Josse-ten-Noode', 'Schaerbeek', 'Uccle', 'Watermael-Boitsfort', 'Woluwe-Saint-Lambert', 'Woluwe-Saint-Pierre', 'Liège', 'Namur', 'Gent', 'Antwerpen', 'Brugge'];
const CATEGORIES = ['école fondamentale', 'école secondaire', 'crèche', 'bibliothèque', 'centre sportif', 'piscine', 'parc', 'musée'];
const STATUSES = ['ouvert', 'fermé', 'en travaux'];
const HEADER = 'id,reference,name,category,commune,postcode,opened,updated_at,capacity,budget_eur,occupancy_rate,active,lat,lon,comment\n';

function generate(file, bytes) {
  const rand = prng(42);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const out = createWriteStream(file);
  let written = 0;
  let id = 0;
  const row = () => {
    id++;
    const commune = pick(COMMUNES);
    const y = 1950 + Math.floor(rand() * 74);
    const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const hh = String(Math.floor(rand() * 24)).padStart(2, '0');
    const name = `${pick(CATEGORIES)} ${commune} ${id % 977}`;
    const comment = rand() < 0.15 ? '' : rand() < 0.3 ? `"${pick(STATUSES)}, voir ""note"" ${id % 13}"` : `${pick(STATUSES)} depuis ${y}`;
    return `${id},REF-${(id * 7919) % 1000003},${name},${pick(CATEGORIES)},${commune},${1000 + Math.floor(rand() * 9000)},${y}-${m}-${d},${y + 1}-${m}-${d}T${hh}:15:00Z,${Math.floor(rand() * 2000)},${(rand() * 1e6).toFixed(2)},${rand().toFixed(4)},${rand() < 0.8},${(50.75 + rand() * 0.2).toFixed(6)},${(4.25 + rand() * 0.25).toFixed(6)},${comment}\n`;
  };
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    const write = () => {
      while (written < bytes) {
        let chunk = written === 0 ? HEADER : '';
        for (let i = 0; i < 2000; i++) chunk += row();
        written += Buffer.byteLength(chunk);
        if (!out.write(chunk)) return out.once('drain', write);
      }
      out.end(resolve);
    };
    write();
  });
}

// ---------------------------------------------------------------- measurement
const timed = (cmd, cmdArgs, options) => timedRun(outDir, cmd, cmdArgs, options);

/** A command that is not Node: its CPU time and peak RSS from GNU time (`/usr/bin/time`), when there is one. */
function timedExternal(cmd, cmdArgs) {
  if (!existsSync('/usr/bin/time')) return timed(cmd, cmdArgs, { node: false });
  const r = timed('/usr/bin/time', ['-f', 'odlint-bench %U %S %M', cmd, ...cmdArgs], { node: false });
  const m = /odlint-bench ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  return m ? { ...r, cpuSeconds: +m[1] + +m[2], rssMiB: +m[3] / 1024 } : r;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

// ---------------------------------------------------------------- main
const file = path.join(outDir, `bench-${sizeMB}MB.csv`);
const target = Math.round(sizeMB * 1e6);
if (!existsSync(file) || Math.abs(statSync(file).size - target) > 1e6) {
  process.stdout.write(`generating ${path.relative(root, file)} (${sizeMB} MB)... `);
  await generate(file, target);
  console.log('done');
}
const size = statSync(file).size;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();

const odlint = path.join(root, 'bin', 'odlint.js');
const report = path.join(outDir, 'odlint-report.json');
const rules = JSON.parse(spawnSync(process.execPath, [odlint, 'rules', '--json'], { encoding: 'utf8', maxBuffer: 16 * MiB }).stdout);
const otherFamiliesOff = rules.filter((r) => !['data', 'format', 'core'].includes(r.family)).flatMap((r) => ['--rule', `${r.id}=off`]);
if (baselineDir && !existsSync(path.join(baselineDir, 'dist', 'src', 'cli', 'index.js'))) throw new Error(`bench: ${baselineDir} is not built`);
const runOdlint = (bin, extra, inputs = [file]) => () => {
  const r = timed(null, [bin, ...inputs, '-p', 'strict', ...extra, '-f', 'json', '-o', report, '--fail-on', 'never']);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  return { ...r, summary: JSON.parse(readFileSync(report, 'utf8')).summary };
};
// The same file under a second name (a hard link: no copy on disk) for the several-files case.
const second = path.join(outDir, `bench-${sizeMB}MB.copy.csv`);
if (!existsSync(second)) linkSync(file, second);
const zip = await benchZip(file);
if (!hasCommand('csvclean') && !process.env.CI && process.getuid?.() === 0 && hasCommand('apt-get')) {
  console.log('installing csvkit (apt-get install -y csvkit) for the csvclean comparison...');
  spawnSync('apt-get', ['install', '-y', '-q', 'csvkit'], { stdio: 'ignore' });
}

/** (g): (b) on each name of the file in two processes at once; their reports must say the same. */
async function twoAtOnce() {
  const reports = [1, 2].map((i) => path.join(outDir, `odlint-report-${i}.json`));
  const r = await runsAtOnce(outDir, [file, second].map((input, i) => [odlint, input, '-p', 'strict', ...otherFamiliesOff, '-f', 'json', '-o', reports[i], '--fail-on', 'never', '--jobs', '1']));
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  const [a, b] = reports.map((f) => JSON.parse(readFileSync(f, 'utf8')).summary);
  if (a.errors !== b.errors || a.warnings !== b.warnings || a.infos !== b.infos) throw new Error('the two processes of the ideal case found different counts');
  return r;
}

/**
 * The cases in groups: each odlint case beside its baseline twin. Round r runs the groups rotated by
 * r, and a group's twins in turn (this build first in even rounds): no case always follows the same
 * one (e.g. the bare csv-parse pass), and the twins of a pair run under the same conditions.
 */
const groups = [[{ key: 'bare', name: 'bare csv-parse stream', run: () => timed(null, [path.join(root, 'bench', 'bare-csv-parse.mjs'), file]) }]];
const builds = [['', odlint], ...(baselineDir ? [['baseline: ', path.join(baselineDir, 'bin', 'odlint.js')]] : [])];
const twins = (key, name, extra, inputs) => builds.map(([tag, bin]) => ({ key: `${tag ? 'base-' : ''}${key}`, name: `${tag}${name}`, run: runOdlint(bin, extra, inputs) }));
groups.push(
  twins('lint', 'odlint, all data rules', otherFamiliesOff),
  twins('strict', 'odlint -p strict (all rules)', []),
  twins('two', 'odlint, all data rules, two files, --jobs 2', [...otherFamiliesOff, '--jobs', '2'], [file, second]),
  [{ key: 'zip', name: 'odlint, all data rules, the CSV in a ZIP', run: runOdlint(odlint, otherFamiliesOff, [zip]) }],
  [{ key: 'ideal', name: 'the ideal for two files: two processes of (b) at once, one file each', run: twoAtOnce }],
);
if (hasCommand('csvclean')) groups.push([{ key: 'clean', name: 'csvclean -n (csvkit)', run: () => timedExternal('csvclean', ['-n', file]) }]);
const cases = groups.flat();

const results = new Map(cases.map((c) => [c.key, []]));
for (let round = 0; round < rounds; round++) {
  const order = [...groups.slice(round % groups.length), ...groups.slice(0, round % groups.length)];
  for (const group of order) {
    for (const c of round % 2 ? [...group].reverse() : group) {
      const r = await c.run();
      if (c.key === 'bare' && r.status !== 0) throw new Error(`bare csv-parse failed: ${r.stderr}`);
      results.get(c.key).push(r);
    }
  }
}
const loadAfter = load();
/** Median wall and CPU time, highest peak RSS, of a case's rounds. */
const m = (key) => {
  const rs = results.get(key);
  if (!rs) return undefined;
  return { seconds: median(rs.map((r) => r.seconds)), cpuSeconds: median(rs.map((r) => r.cpuSeconds)), rssMiB: Math.max(...rs.map((r) => r.rssMiB)), summary: rs[0].summary, stdout: rs[0].stdout };
};

const mibs = (s) => size / MiB / s;
const na = (x, f) => (Number.isNaN(x) ? 'n/a' : f(x));
const row = (name, r) =>
  `| ${name} | ${r.seconds.toFixed(2)} s | ${mibs(r.seconds).toFixed(1)} MiB/s | ${na(r.cpuSeconds, (c) => c.toFixed(2) + ' s')} | ${na(r.cpuSeconds, (c) => mibs(c).toFixed(1) + ' MiB/s')} | ${na(r.rssMiB, (x) => x.toFixed(0) + ' MiB')} |`;
const bare = m('bare');
console.log(`\nfile: ${path.relative(root, file)}, ${(size / MiB).toFixed(1)} MiB, ${bare.stdout.trim()} records; ${rounds} round(s), medians`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}\n`);
console.log('| run | wall time | wall throughput | CPU time | CPU throughput | peak RSS |');
console.log('|---|---|---|---|---|---|');
for (const c of cases) console.log(row(c.name, m(c.key)));
if (!results.has('clean')) console.log('| csvclean (csvkit) | not installed | | | | |');

/** Throughput ratio of `a` to `b` (b's time / a's time), wall and CPU. */
const ratio = (a, b) => `${(b.seconds / a.seconds).toFixed(2)}x wall, ${(b.cpuSeconds / a.cpuSeconds).toFixed(2)}x CPU`;
const verdict = (ok) => (ok ? 'OK' : 'BELOW GOAL');
console.log('');
for (const [tag, k] of [['', ''], ...(baselineDir ? [['baseline ', 'base-']] : [])]) {
  const lint = m(`${k}lint`);
  const strict = m(`${k}strict`);
  console.log(`${tag}odlint (data rules) / csv-parse: ${ratio(lint, bare)}; -p strict / csv-parse: ${ratio(strict, bare)}`);
  const clean = m('clean');
  if (clean) {
    console.log(`${tag}odlint (data rules) / csvclean -n: ${ratio(lint, clean)} (goal >= 1.0, CPU) ${verdict(clean.cpuSeconds / lint.cpuSeconds >= 1)}`);
    console.log(`${tag}odlint -p strict / csvclean -n: ${ratio(strict, clean)} (goal >= 0.7, CPU) ${verdict(clean.cpuSeconds / strict.cpuSeconds >= 0.7)}`);
  }
  console.log(`${tag}odlint peak RSS: ${lint.rssMiB.toFixed(0)} MiB data rules, ${strict.rssMiB.toFixed(0)} MiB strict (goal < 150) ${verdict(Math.max(lint.rssMiB, strict.rssMiB) < 150)}`);
  // One file runs in-process whatever --jobs (a single unit does not start the pool): (b) is its time.
  const one = lint;
  const two = m(`${k}two`);
  const speedUp = (2 * one.seconds) / two.seconds;
  const ideal = (2 * one.seconds) / m('ideal').seconds;
  console.log(`${tag}two files on --jobs 2 / one file on --jobs 1: ${speedUp.toFixed(2)}x wall (goal >= 1.7) ${verdict(speedUp >= 1.7)}, CPU ${(two.cpuSeconds / one.cpuSeconds).toFixed(2)}x one file's; the ideal (two processes at once): ${ideal.toFixed(2)}x, of which --jobs 2 reaches ${Math.round((100 * speedUp) / ideal)} %`);
  const count = (x) => `${x.errors} errors, ${x.warnings} warnings, ${x.infos} infos`;
  console.log(`${tag}odlint findings: ${count(lint.summary)} (data rules); ${count(strict.summary)} (strict)`);
}
if (baselineDir) {
  // Paired by round: each round ran the twins side by side, so their difference is steadier than the
  // difference of the two medians on a shared machine.
  console.log('');
  for (const [key, name] of [['lint', 'data rules'], ['strict', '-p strict'], ['two', 'two files, --jobs 2']]) {
    const diffs = results.get(key).map((r, i) => r.cpuSeconds - results.get(`base-${key}`)[i].cpuSeconds);
    const lower = diffs.filter((d) => d < 0).length;
    console.log(`paired by round, ${name}: CPU this − baseline median ${median(diffs) >= 0 ? '+' : ''}${median(diffs).toFixed(3)} s (lower in ${lower} of ${diffs.length} rounds)`);
  }
}
