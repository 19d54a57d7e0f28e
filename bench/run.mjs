#!/usr/bin/env node
/**
 * `npm run bench [-- <size-MB>]`: generates a CSV of that size (default 200 MB) with realistic
 * mixed columns into bench/out/, then times on the same file:
 *   (a) a bare csv-parse streaming pass (the parser odlint is built on, nothing else);
 *   (b) `node bin/odlint.js` with all data rules: every rule of the data and format families,
 *       off-by-default ones included (duplicate rows...), other families off;
 *   (c) `node bin/odlint.js -p strict`: every rule of every family (gender, personal data...);
 *   (d) (b) on the same CSV zipped (the only entry of a ZIP archive: inflated as it is read);
 *   (e) csvclean (csvkit), when installed.
 * Prints throughputs (MiB/s), odlint / csv-parse ratio and each process's peak RSS. Needs `npm run build`.
 * Goals (docs/performance.md): ratio >= 0.7, odlint peak RSS < 150 MB at 200 MB and 1 GB.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timedRun } from './timed.mjs';
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
if (args[0] === 'catalogue') {
  // `npm run bench -- catalogue [...]`: the catalogue benchmark (bench/catalogue-bench.mjs).
  await import('./catalogue-bench.mjs');
  process.exit(0);
}
const sizeMB = Number(args.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 200);
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

const bare = timed(null, [path.join(root, 'bench', 'bare-csv-parse.mjs'), file]);
if (bare.status !== 0) throw new Error(`bare csv-parse failed: ${bare.stderr}`);
const odlint = path.join(root, 'bin', 'odlint.js');
const report = path.join(outDir, 'odlint-report.json');
const rules = JSON.parse(spawnSync(process.execPath, [odlint, 'rules', '--json'], { encoding: 'utf8', maxBuffer: 16 * MiB }).stdout);
const otherFamiliesOff = rules.filter((r) => !['data', 'format', 'core'].includes(r.family)).flatMap((r) => ['--rule', `${r.id}=off`]);
const runOdlint = (extra, input = file) => {
  const r = timed(null, [odlint, input, '-p', 'strict', ...extra, '-f', 'json', '-o', report, '--fail-on', 'never']);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  return { ...r, summary: JSON.parse(readFileSync(report, 'utf8')).summary };
};
const lint = runOdlint(otherFamiliesOff);
const strict = runOdlint([]);
// The same CSV as the only entry of a ZIP archive (bench/zip-case.mjs), same rules as (b).
const zipped = runOdlint(otherFamiliesOff, await benchZip(file));
let clean;
if (hasCommand('csvclean')) clean = timed('csvclean', ['-n', file], { node: false });
const loadAfter = load();

const mibs = (s) => size / MiB / s;
const na = (x, f) => (Number.isNaN(x) ? 'n/a' : f(x));
const row = (name, r) =>
  `| ${name} | ${r.seconds.toFixed(2)} s | ${mibs(r.seconds).toFixed(1)} MiB/s | ${na(r.cpuSeconds, (c) => c.toFixed(2) + ' s')} | ${na(r.cpuSeconds, (c) => mibs(c).toFixed(1) + ' MiB/s')} | ${na(r.rssMiB, (m) => m.toFixed(0) + ' MiB')} |`;
console.log(`\nfile: ${path.relative(root, file)}, ${(size / MiB).toFixed(1)} MiB, ${bare.stdout.trim()} records`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}\n`);
console.log('| run | wall time | wall throughput | CPU time | CPU throughput | peak RSS |');
console.log('|---|---|---|---|---|---|');
console.log(row('bare csv-parse stream', bare));
console.log(row('odlint, all data rules', lint));
console.log(row('odlint -p strict (all rules)', strict));
console.log(row('odlint, all data rules, the CSV in a ZIP', zipped));
console.log(clean ? row('csvclean -n (csvkit)', clean) : '| csvclean (csvkit) | not installed | | | | |');
const ratio = bare.seconds / lint.seconds;
const cpuRatio = bare.cpuSeconds / lint.cpuSeconds;
console.log(`\nodlint (data rules) / csv-parse throughput: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (goal >= 0.70) ${ratio >= 0.7 ? 'OK' : 'BELOW GOAL'}`);
console.log(`odlint -p strict / csv-parse: ${(bare.seconds / strict.seconds).toFixed(2)}x wall, ${(bare.cpuSeconds / strict.cpuSeconds).toFixed(2)}x CPU`);
console.log(`odlint peak RSS: ${lint.rssMiB.toFixed(0)} MiB data rules, ${strict.rssMiB.toFixed(0)} MiB strict (goal < 150) ${Math.max(lint.rssMiB, strict.rssMiB) < 150 ? 'OK' : 'ABOVE GOAL'}`);
const count = (s) => `${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos`;
console.log(`odlint findings: ${count(lint.summary)} (data rules); ${count(strict.summary)} (strict)`);
