#!/usr/bin/env node
// The only place that touches process exit codes: the CLI returns them.
import { main } from '../dist/src/cli/index.js';

// A reader that stops early (`odlint rules --json | head`) is not an error of odlint's; any other
// failure to write the report (`> /dev/full`, a full disk) is one line and exit 2, no stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`odlint: cannot write to standard output: ${err.message.replace(/, \w+$/, '')}\n`);
  process.exit(2);
});
// Nowhere left to say anything: a failing stderr must not turn into a crash.
process.stderr.on('error', () => {});

const code = await main(process.argv.slice(2), {
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
});
process.exitCode = code;
