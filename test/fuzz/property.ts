import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index.js';
import { formatNames } from '../../src/reporters/index.js';
import { schemaValidator } from '../../src/util/json-schema.js';
import { PII_FORMS, type FuzzFiles } from './inputs.js';

/**
 * The fuzzing property: odlint, run in-process on a folder of arbitrary files and writing every
 * report format, ends (the per-file watchdog bounds each file), exits 0 or 1 (2 would mean the
 * run failed on a bad input), lets no error escape, writes a JSON report valid against
 * schemas/report.schema.json, and prints no planted personal datum raw in any output.
 */

/** Seconds the watchdog gives each file in a fuzz run: a stuck file is abandoned with a finding. */
export const FUZZ_SECONDS_PER_FILE = 10;

const validateReport = schemaValidator('report.schema.json');
const FORMATS = formatNames();

/** A planted value as a whole token of the input (not glued to letters or digits, which makes it another value). */
function plantedIn(haystack: string, value: string): boolean {
  for (let i = haystack.indexOf(value); i >= 0; i = haystack.indexOf(value, i + 1)) {
    const before = haystack[i - 1] ?? ' ';
    const after = haystack[i + value.length] ?? ' ';
    if (!/[\p{L}\p{N}_.@+-]/u.test(before) && !/[\p{L}\p{N}_@-]/u.test(after)) return true;
  }
  return false;
}

/** Each output that shows a planted personal datum raw (as written or compacted) as a whole token, when it was planted whole in a file's content or name. */
export function leaks(files: FuzzFiles, outputs: Map<string, string>): string[] {
  const problems: string[] = [];
  const input = Object.entries(files).map(([name, body]) => `${name}\n${typeof body === 'string' ? body : Buffer.from(body).toString('utf8')}`).join('\n');
  for (const { value, forms } of PII_FORMS) {
    if (!plantedIn(input, value)) continue;
    for (const [name, out] of outputs) {
      // Glued to letters or digits in the output (a mutation made it part of another token), it is not that datum any more.
      const leaked = forms.find((form) => plantedIn(out, form));
      if (leaked) problems.push(`${name} output shows the planted value ${JSON.stringify(leaked)}: …${out.slice(Math.max(0, out.indexOf(leaked) - 120), out.indexOf(leaked) + leaked.length + 40)}…`);
    }
  }
  return problems;
}

/** Writes the files into a new folder; returns it. */
function materialise(files: FuzzFiles): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-fuzz-'));
  const work = path.join(dir, 'in');
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(work, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(dir, 'odlint.config.yaml'), `limits:\n  secondsPerFile: ${FUZZ_SECONDS_PER_FILE}\n`);
  mkdirSync(path.join(dir, 'out'));
  return dir;
}

/** Seconds after which a run is declared stuck: far beyond what the watchdog allows a file, so only a hang that the watchdog misses trips it. */
const STUCK_SECONDS = 20 * FUZZ_SECONDS_PER_FILE;

/**
 * The run's exit code, or what went wrong: an error thrown out of main(), an exception escaping
 * to the process (a parser's callback throwing: it would crash the real CLI), or no end at all.
 */
async function settle(run: Promise<number>): Promise<number | { problem: string }> {
  let onUncaught: (e: unknown) => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  const escaped = new Promise<{ problem: string }>((resolve) => {
    onUncaught = (e) => resolve({ problem: `an uncaught exception reached the process: ${(e as Error)?.stack ?? String(e)}` });
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    timer = setTimeout(() => resolve({ problem: `the run did not end within ${STUCK_SECONDS} s (watchdog: ${FUZZ_SECONDS_PER_FILE} s per file)` }), STUCK_SECONDS * 1000);
  });
  try {
    return await Promise.race([run.catch((e: unknown) => ({ problem: `an error escaped main(): ${(e as Error)?.stack ?? String(e)}` })), escaped]);
  } finally {
    clearTimeout(timer);
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }
}

/** Runs odlint on the case; returns what is wrong with the run (empty when the property holds). */
export async function checkCase(files: FuzzFiles, extraArgs: string[] = []): Promise<string[]> {
  const dir = materialise(files);
  const problems: string[] = [];
  try {
    let stdout = '';
    let stderr = '';
    const outputs = FORMATS.flatMap((f) => ['-f', f, '-o', path.join(dir, 'out', `report.${f}`)]);
    const run = main(['lint', '-c', path.join(dir, 'odlint.config.yaml'), '--no-color', '--fail-on', 'error', ...extraArgs, ...outputs, '.'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: path.join(dir, 'in'),
      isTTY: false,
      env: { NO_COLOR: '1' },
    });
    const code = await settle(run);
    if (typeof code !== 'number') return [code.problem];
    if (code !== 0 && code !== 1) problems.push(`exit code ${code}; stderr: ${stderr.slice(0, 2000)}`);
    if (/\n\s+at /.test(stderr)) problems.push(`a stack trace on stderr: ${stderr.slice(0, 2000)}`);
    if (code === 2) return problems;

    const outputs_ = new Map(FORMATS.map((f) => [f, readFileSync(path.join(dir, 'out', `report.${f}`), 'utf8')]));
    outputs_.set('stdout', stdout);
    outputs_.set('stderr', stderr);
    try {
      const report: unknown = JSON.parse(outputs_.get('json')!);
      if (!validateReport(report)) problems.push(`the JSON report does not match report.schema.json: ${JSON.stringify(validateReport.errors?.slice(0, 3))}`);
    } catch (e) {
      problems.push(`the JSON report does not parse: ${(e as Error).message}`);
    }

    problems.push(...leaks(files, outputs_));
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- cases stored as files (test/regressions/fuzz) ---------------------------------------------

/** A case as stored in test/regressions/fuzz/*.json: text files as text, others in base64. */
export interface StoredCase {
  note: string;
  files: Record<string, { text: string } | { base64: string }>;
}

export function storeCase(files: FuzzFiles, note: string): StoredCase {
  const out: StoredCase['files'] = {};
  for (const [name, body] of Object.entries(files)) {
    const buf = Buffer.from(typeof body === 'string' ? Buffer.from(body) : body);
    const text = buf.toString('utf8');
    out[name] = Buffer.from(text).equals(buf) ? { text } : { base64: buf.toString('base64') };
  }
  return { note, files: out };
}

export function loadCase(stored: StoredCase): FuzzFiles {
  return Object.fromEntries(Object.entries(stored.files).map(([n, b]) => [n, 'text' in b ? b.text : new Uint8Array(Buffer.from(b.base64, 'base64'))]));
}
