#!/usr/bin/env node
/**
 * `npm run bench:start-up [-- <pairs>]`: the cost of starting odlint, measured on whole processes
 * as a user pays it. Runs `node -e 0` (A) and `node bin/odlint.js --version` (B), then
 * `odlint --help`, in interleaved pairs (A B A B …) so a noisy shared machine disturbs both
 * sides alike, and prints the median wall time, median CPU time (user + system, from
 * process.resourceUsage via bench/report-rss.mjs) and the B/A ratios, with the load average.
 * Goal (issue 11): `--version` under 150 ms wall on an idle machine and ≤ 2× `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pairs = Number(process.argv[2] ?? 20);
const outDir = path.join(root, 'bench', 'out');
const hook = path.join(root, 'bench', 'report-rss.mjs');
const bin = path.join(root, 'bin', 'odlint.js');
if (!existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

function run(args) {
  const file = path.join(outDir, `start-up-${process.pid}.json`);
  rmSync(file, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, ...args], { env: { ...process.env, ODLINT_BENCH_RSS_FILE: file }, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const { cpu } = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return { wall, cpu: cpu / 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const subjects = { 'node -e 0': ['-e', '0'], 'odlint --version': [bin, '--version'], 'odlint --help': [bin, '--help'] };
const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, { wall: [], cpu: [] }]));

const loadBefore = load();
for (let i = 0; i < pairs; i++) {
  for (const [name, args] of Object.entries(subjects)) {
    const { wall, cpu } = run(args);
    samples[name].wall.push(wall);
    samples[name].cpu.push(cpu);
  }
}
const base = samples['node -e 0'];
console.log(`start-up, ${pairs} interleaved rounds, ${os.cpus().length} cores, load average ${loadBefore} → ${load()}`);
for (const [name, s] of Object.entries(samples)) {
  const w = median(s.wall);
  const c = median(s.cpu);
  const ratio = name === 'node -e 0' ? '' : `  ×${(w / median(base.wall)).toFixed(2)} wall, ×${(c / median(base.cpu)).toFixed(2)} CPU of node -e 0`;
  console.log(`${name.padEnd(18)} median ${w.toFixed(0).padStart(4)} ms wall ${c.toFixed(0).padStart(4)} ms CPU${ratio}`);
}
