#!/usr/bin/env node
// The only place that touches process exit codes: the CLI returns them.
import { markOnLanesWhenCoresAreTaken, threadsForArgv } from '../dist/src/cli/argv-threads.js';

const argv = process.argv.slice(2);
// First, while no heap has been marked: a run whose lanes take every core marks its heaps on them.
markOnLanesWhenCoresAreTaken(argv);
// `--jobs N`: the worker threads start first, and import odlint while this thread loads the CLI
// (src/cli/argv-threads.ts reads argv as commander will; the lint command takes them or ends them).
const early = threadsForArgv(argv);
// Started (spawned, not yet ready) before the CLI's imports begin: they would delay the start.
await early?.threads.catch(() => undefined);
const { main } = await import('../dist/src/cli/index.js');

// A reader that stops early (`odlint rules --json | head`) is not an error of odlint's; any other
// failure to write the report (`> /dev/full`, a full disk) is one line and exit 2, no stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`odlint: cannot write to standard output: ${err.message.replace(/, \w+$/, '')}\n`);
  process.exit(2);
});
// Nowhere left to say anything: a failing stderr must not turn into a crash.
process.stderr.on('error', () => {});

const code = await main(argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  env: process.env,
  stdoutColumns: process.stdout.columns,
  readStdin: async () => {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks);
  },
}, early);
process.exitCode = code;
