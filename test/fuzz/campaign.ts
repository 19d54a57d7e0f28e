import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../helpers/lint.js';
import { fuzzFolder, type FuzzFiles } from './inputs.js';
import { checkCase, storeCase } from './property.js';

/**
 * The long fuzz run (`npm run fuzz -- --minutes 30`, via scripts/fuzz.mjs): the property of
 * property.ts with a new random seed per batch until the time is up. A failure is shrunk by
 * fast-check to a minimal case, written to test/regressions/fuzz/ (replayed by
 * test/regressions/fuzz-cases.test.ts), and the run goes on with the next seed.
 */
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const minutes = Number(arg('minutes') ?? 30);
const batch = Number(arg('batch') ?? 200);
if (!(minutes > 0) || !(batch > 0)) {
  console.error('usage: npm run fuzz -- [--minutes 30] [--batch 200] [--seed N]');
  process.exit(2);
}
const fixedSeed = arg('seed') === undefined ? undefined : Number(arg('seed'));
const REGRESSIONS = path.join(ROOT, 'test', 'regressions', 'fuzz');

const started = Date.now();
const deadline = started + minutes * 60_000;
let cases = 0;
let batches = 0;
let peakRss = 0;
const failures: { seed: number; file: string; message: string }[] = [];
/** Failures already written (by their first line, numbers left out): the same bug found again is counted, not written again. */
const known = new Set<string>();
const signature = (problem: string) => problem.split('\n')[0]!.replace(/\d+/g, 'N').slice(0, 200);
let repeats = 0;
const seeds: number[] = [];

while (Date.now() < deadline) {
  const seed = fixedSeed ?? (Math.random() * 2 ** 31) | 0;
  seeds.push(seed);
  let ran = 0;
  let failing: FuzzFiles | undefined;
  let problems: string[] = [];
  const property = fc.asyncProperty(fuzzFolder, async (files) => {
    // Cases past the deadline are skipped (fast-check counts them as run, not failed).
    if (Date.now() > deadline && !failing) return;
    if (!failing) ran++; // shrinking runs are not counted as cases
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const p = await checkCase(files);
    if (p.length) {
      [failing, problems] = [files, p]; // the last failing case seen is the most shrunk one
      throw new Error(p.join('\n'));
    }
  });
  const result = await fc.check(property, { seed, numRuns: batch, endOnFailure: false });
  cases += ran;
  batches++;
  if (result.failed && failing && known.has(signature(problems[0]!))) repeats++;
  else if (result.failed && failing) {
    known.add(signature(problems[0]!));
    mkdirSync(REGRESSIONS, { recursive: true });
    const file = path.join(REGRESSIONS, `seed-${seed}.json`);
    const note = `found by npm run fuzz, seed ${seed}, path ${result.counterexamplePath}: ${problems[0]!.split('\n')[0]!.slice(0, 300)}`;
    writeFileSync(file, JSON.stringify(storeCase(failing, note), null, 2) + '\n');
    failures.push({ seed, file: path.relative(ROOT, file), message: problems.join('\n').slice(0, 2000) });
    console.log(`FAILURE (seed ${seed}), minimised case written to ${path.relative(ROOT, file)}:\n${problems.join('\n').slice(0, 2000)}`);
    console.log(`  replayed by test/regressions/fuzz-cases.test.ts (every file in test/regressions/fuzz/); to re-run the batch: npm run fuzz -- --minutes 1 --seed ${seed}`);
  }
  if (fixedSeed !== undefined) break;
  process.stdout.write(`fuzz: ${cases} cases, ${failures.length + repeats} failures, ${Math.round((Date.now() - started) / 1000)} s, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB\n`);
}

const summary = {
  cases,
  failures: failures.length,
  repeatedFailures: repeats,
  minutes: Math.round((Date.now() - started) / 600) / 100,
  batches,
  batchSize: batch,
  seeds: fixedSeed === undefined ? `random per batch (${seeds.length}): ${seeds.join(', ')}` : `fixed ${fixedSeed}`,
  peakRssMiB: Math.round(peakRss / 2 ** 20),
  failed: failures,
};
mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
writeFileSync(path.join(ROOT, 'test-output', 'fuzz-summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`fuzz: ${summary.cases} cases run in ${summary.minutes} min, ${summary.failures} failures (distinct; ${repeats} more of the same), peak RSS ${summary.peakRssMiB} MiB; summary in test-output/fuzz-summary.json`);
process.exit(failures.length ? 1 : 0);
