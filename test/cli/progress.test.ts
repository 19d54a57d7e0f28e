import { describe, expect, it } from 'vitest';
import { ProgressLine, progressWanted } from '../../src/cli/progress.js';

/** The progress line (issue 11): what it shows and when, on a fake clock. */
function line(tty: boolean, extra: Partial<ConstructorParameters<typeof ProgressLine>[0]> = {}) {
  let t = 0;
  const out: string[] = [];
  const p = new ProgressLine({ write: (s) => out.push(s), tty, unit: 'files', rateOf: 'datasets', timer: false, now: () => t, ...extra });
  return { p, out, at: (ms: number) => (t = ms) };
}

describe('ProgressLine', () => {
  it('shows nothing in the first second: short runs print nothing', () => {
    const { p, out, at } = line(true);
    p.total(10);
    at(900);
    p.advance();
    p.count('datasets', 1000);
    p.stop();
    expect(out).toEqual([]);
  });

  it('on a terminal: one line redrawn in place with done/total, counters, rate and ETA; cleared at the end', () => {
    const { p, out, at } = line(true);
    p.total(10);
    at(2000);
    p.advance(2);
    expect(out).toEqual(['\rodlint: 2/10 files · ETA 8s\x1b[K']);
    at(2100);
    p.count('datasets', 2000); // within 200 ms of the last draw: not redrawn
    expect(out).toHaveLength(1);
    at(4000);
    p.advance(2);
    expect(out[1]).toBe('\rodlint: 4/10 files · 2,000 datasets · 500 datasets/s · ETA 6s\x1b[K');
    p.clear();
    expect(out[2]).toBe('\r\x1b[K');
    p.stop();
    expect(out).toHaveLength(3); // already cleared
  });

  it('shows the bytes of a big file and counts them in the estimate', () => {
    const { p, at } = line(true);
    p.total(2);
    at(10_000);
    p.advance();
    p.bytes(512 * 2 ** 20, 2 ** 30);
    expect(p.render()).toBe('odlint: 1/2 files · 512 MiB/1.0 GiB · ETA 3s');
    p.bytes(undefined);
    expect(p.render()).toBe('odlint: 1/2 files · ETA 10s');
  });

  it('cuts the line to the terminal width', () => {
    const { p, out, at } = line(true, { columns: 20 });
    at(5000);
    p.advance();
    expect(out[0]).toBe('\rodlint: 1 files\x1b[K');
    p.count('datasets', 123_456);
    at(6000);
    p.advance();
    expect(out[1]).toBe('\rodlint: 2 files · 1\x1b[K');
  });

  it('in a log (only when asked): a plain line every 10 s and a last one at the end', () => {
    const { p, out, at } = line(false);
    p.total(4);
    at(1500);
    p.advance();
    at(5000);
    p.advance();
    at(11_600);
    p.advance();
    p.stop();
    expect(out).toEqual(['odlint: 1/4 files · ETA 5s\n', 'odlint: 3/4 files · ETA 4s\n', 'odlint: 3/4 files · ETA 4s\n']);
  });

  it('writes nothing at the end of a log run that never drew', () => {
    const { p, out } = line(false);
    p.advance();
    p.stop();
    expect(out).toEqual([]);
  });
});

describe('progressWanted', () => {
  it('--progress and --no-progress decide; by default a terminal outside CI', () => {
    expect(progressWanted(true, false, { CI: 'true' })).toBe(true);
    expect(progressWanted(false, true, {})).toBe(false);
    expect(progressWanted(undefined, true, {})).toBe(true);
    expect(progressWanted(undefined, false, {})).toBe(false);
    expect(progressWanted(undefined, true, { CI: 'true' })).toBe(false);
    expect(progressWanted(undefined, true, { TERM: 'dumb' })).toBe(false);
  });
});
