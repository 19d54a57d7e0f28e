import type { CliIO } from './io.js';

/**
 * Whether terminal output gets colours, in the order of precedence other CLIs follow:
 * `--color`/`--no-color`, then FORCE_COLOR (`0`/`false` off, any other value on), then NO_COLOR
 * (any non-empty value: off, no-color.org), then TERM=dumb (off), else whether stdout is a terminal.
 */
export function colorWanted(flag: boolean | undefined, io: Pick<CliIO, 'env' | 'isTTY'>): boolean {
  if (flag !== undefined) return flag;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (io.env['NO_COLOR']) return false;
  if (io.env['TERM'] === 'dumb') return false;
  return io.isTTY;
}
