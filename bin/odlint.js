#!/usr/bin/env node
// The only place that touches process.exit: the CLI returns the exit code.
import { main } from '../dist/src/cli/index.js';

const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
});
process.exitCode = code;
