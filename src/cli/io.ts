/** Where the CLI writes: the real process streams, or buffers in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** stdout is a terminal (colours, default format). */
  isTTY: boolean;
  /** stderr is a terminal (the progress line); absent = no. */
  stderrIsTTY?: boolean;
  /** The terminal's width, when stderr is one. */
  columns?: number;
  env: Record<string, string | undefined>;
  /** Width of the terminal stdout is on (`rules` fits its lines to it). */
  stdoutColumns?: number;
  /** Reads all of standard input (`-` / `--stdin`); absent where there is none. */
  readStdin?: () => Promise<Buffer>;
}

/** A one-line error for the user: exit code 2, no stack trace. */
export class UsageError extends Error {}

/** A report, baseline or fix that cannot be written (full disk, permissions): one line, exit 2. */
export class OutputError extends UsageError {}
