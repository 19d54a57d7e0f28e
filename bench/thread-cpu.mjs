import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rssHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-rss.mjs');

/**
 * Runs `node <args>` (with the RSS hook) like timedRun, and also samples the CPU time of each of
 * its threads from /proc every 50 ms (Linux; elsewhere `threads` is empty). On a shared machine
 * the kernel shares the cores between sessions, not threads (autogroup): a run's wall time then
 * says how busy the others were, while the busiest thread's CPU time is the run's critical path —
 * what its wall time would be on idle cores. Threads: the main thread first, then the others
 * (worker threads, V8's garbage-collection and compiler helpers), busiest first.
 */
export async function threadCpuRun(outDir, args, tag = '') {
  // `tag`: runs of this process at the same time each need their own RSS file.
  const rssFile = path.join(outDir, `rss-${process.pid}${tag}.txt`);
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', rssHook, ...args], { env: { ...process.env, ODLINT_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const cpu = new Map();
  const poll = () => {
    try {
      for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
        try {
          const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          cpu.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100); // utime + stime, in clock ticks of 1/100 s
        } catch {
          /* the thread ended */
        }
      }
    } catch {
      /* the process ended, or no /proc */
    }
  };
  const timer = setInterval(poll, 50);
  const status = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRSS: NaN, cpu: NaN };
  rmSync(rssFile, { force: true });
  const main = cpu.get(child.pid) ?? 0;
  const others = [...cpu].filter(([tid]) => tid !== child.pid).map(([, c]) => c).sort((a, b) => b - a);
  return { seconds, cpuSeconds: usage.cpu / 1e6, rssMiB: usage.maxRSS / 1024, status, stderr, threads: [main, ...others] };
}

/**
 * Several `threadCpuRun`s at once (each its own process): wall seconds until the last ends, CPU
 * and peak RSS added up (the processes live side by side), the busiest main thread first among
 * the threads (each process's main thread is a lane: the busier one is the critical path), and
 * each run's own figures in `parts`.
 */
export async function runsAtOnce(outDir, argsList) {
  const t0 = process.hrtime.bigint();
  const parts = await Promise.all(argsList.map((args, i) => threadCpuRun(outDir, args, `-${i}`)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sum = (key) => parts.reduce((s, r) => s + r[key], 0);
  const mains = parts.map((r) => r.threads[0] ?? 0);
  const others = parts.flatMap((r) => r.threads.slice(1)).sort((a, b) => b - a);
  return {
    seconds,
    cpuSeconds: sum('cpuSeconds'),
    rssMiB: sum('rssMiB'),
    status: parts.find((r) => r.status !== 0)?.status ?? 0,
    stderr: parts.map((r) => r.stderr).join(''),
    threads: [Math.max(...mains), ...others],
    parts,
  };
}
