/**
 * A progress line on stderr for long runs: items done out of a total, named counters with a
 * rate, bytes of a big file, and an estimate of the time left. On a terminal it is one line
 * redrawn in place (cleared before anything else is written there); in a log (only when asked,
 * `--progress`) it is a plain line every few seconds. Nothing is shown before `delayMs`, so
 * short runs print nothing. It only formats and writes: the caller says what was done.
 *
 *   const progress = new ProgressLine({ write: (s) => process.stderr.write(s), tty: true, unit: 'files' });
 *   progress.total(120);
 *   progress.advance();                 // one file done
 *   progress.count('datasets', 1000);   // shown with its rate
 *   progress.bytes(3e8, 1e9);           // a big file being read
 *   progress.stop();                    // clears the line
 */
export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal: redraw one line in place. Otherwise write a line every `logEveryMs`. */
  tty: boolean;
  /** The terminal's width: the line is cut to fit. */
  columns?: number;
  /** What `advance` counts (e.g. "files"). */
  unit: string;
  /** The counter whose rate is shown (default: the first named counter, else `unit`). */
  rateOf?: string;
  /** Nothing is shown before this many ms (default 1000). */
  delayMs?: number;
  /** Smallest interval between two redraws on a terminal (default 200 ms). */
  everyMs?: number;
  /** Interval between two lines in a log (default 10 s). */
  logEveryMs?: number;
  /** A clock (tests). */
  now?: () => number;
  /** Redraw on a timer too, not only when something advances (default true; tests turn it off). */
  timer?: boolean;
  prefix?: string;
}

export class ProgressLine {
  private readonly started: number;
  private readonly now: () => number;
  private expected: number | undefined;
  private done = 0;
  private readonly counters = new Map<string, number>();
  private file: { done: number; total?: number } | undefined;
  private shown = false;
  private lastDraw = 0;
  private stopped = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? (() => Date.now());
    this.started = this.now();
    if (o.timer !== false) {
      this.timer = setInterval(() => this.draw(false), o.tty ? (o.everyMs ?? 200) : (o.logEveryMs ?? 10_000));
      this.timer.unref();
    }
  }

  /** How many items the run has (for the estimate); may grow as work is found. */
  total(n: number): void {
    this.expected = n;
  }

  /** `n` more items done. */
  advance(n = 1): void {
    this.done += n;
    this.draw(false);
  }

  /** Adds to a named counter (e.g. datasets). */
  count(name: string, n = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + n);
    this.draw(false);
  }

  /** Bytes read of the big file being read now; `undefined` when it is done. */
  bytes(done: number | undefined, total?: number): void {
    this.file = done === undefined ? undefined : { done, ...(total !== undefined ? { total } : {}) };
    this.draw(false);
  }

  /** Clears the line on a terminal, so that other output starts on a clean line (redrawn later). */
  clear(): void {
    if (this.o.tty && this.shown) {
      this.o.write('\r\x1b[K');
      this.shown = false;
    }
  }

  /** Ends the progress: the line is cleared (terminal) or a last line written (log, if any was). */
  stop(): void {
    if (this.stopped) return;
    if (this.timer) clearInterval(this.timer);
    if (this.o.tty) this.clear();
    else if (this.lastDraw) this.o.write(`${this.render()}\n`);
    this.stopped = true;
  }

  /** The line as it would be drawn now. */
  render(): string {
    const elapsed = (this.now() - this.started) / 1000;
    const parts: string[] = [];
    parts.push(this.expected !== undefined ? `${fmt(this.done)}/${fmt(this.expected)} ${this.o.unit}` : `${fmt(this.done)} ${this.o.unit}`);
    const rateOf = this.o.rateOf ?? [...this.counters.keys()][0] ?? this.o.unit;
    for (const [name, n] of this.counters) parts.push(`${fmt(n)} ${name}`);
    const rated = rateOf === this.o.unit ? this.done : (this.counters.get(rateOf) ?? 0);
    if (elapsed > 0 && rated > 0) parts.push(`${fmt(Math.round(rated / elapsed))} ${rateOf}/s`);
    if (this.file) parts.push(this.file.total ? `${size(this.file.done)}/${size(this.file.total)}` : size(this.file.done));
    const eta = this.eta(elapsed);
    if (eta !== undefined) parts.push(`ETA ${duration(eta)}`);
    return `${this.o.prefix ?? 'odlint:'} ${parts.join(' · ')}`;
  }

  /** Seconds left, from the share of items done (and of the current big file). */
  private eta(elapsed: number): number | undefined {
    if (this.expected === undefined || this.expected === 0) return undefined;
    let fraction = this.done / this.expected;
    if (this.file?.total) fraction += this.file.done / this.file.total / this.expected;
    if (fraction <= 0 || fraction > 1 || elapsed < 1) return undefined;
    return (elapsed * (1 - fraction)) / fraction;
  }

  private draw(force: boolean): void {
    if (this.stopped) return;
    const t = this.now();
    if (t - this.started < (this.o.delayMs ?? 1000)) return;
    const every = this.o.tty ? (this.o.everyMs ?? 200) : (this.o.logEveryMs ?? 10_000);
    if (!force && this.lastDraw && t - this.lastDraw < every) return;
    this.lastDraw = t;
    const line = this.render();
    if (this.o.tty) {
      const width = (this.o.columns ?? 80) - 1;
      this.o.write(`\r${line.length > width ? line.slice(0, width) : line}\x1b[K`);
      this.shown = true;
    } else this.o.write(`${line}\n`);
  }
}

/**
 * Whether a run shows progress: `--progress` / `--no-progress` decide; by default only when
 * stderr is a terminal and the run is not in CI (CI logs are not terminals, and some CI runners
 * fake one).
 */
export function progressWanted(flag: boolean | undefined, stderrIsTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  return stderrIsTTY && !env['CI'] && env['TERM'] !== 'dumb';
}

const fmt = (n: number) => n.toLocaleString('en-US');

function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
