#!/usr/bin/env node
// The only place that touches process exit codes: the CLI returns them.
import { main } from '../dist/src/cli/index.js';

// A reader that stops early (`odlint rules --json | head`) is not an error of odlint's.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
});
process.exitCode = code;
