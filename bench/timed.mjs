import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rssHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-rss.mjs');
const MiB = 1024 * 1024;

/**
 * Runs a command (node with the RSS hook preloaded, unless `node: false`) and returns wall
 * seconds, CPU seconds (user + system of the whole process, worker threads included) and peak
 * RSS (MiB).
 */
export function timedRun(outDir, cmd, cmdArgs, { node = true } = {}) {
  const rssFile = path.join(outDir, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const env = { ...process.env, ODLINT_BENCH_RSS_FILE: rssFile };
  const fullArgs = node ? ['--import', rssHook, ...cmdArgs] : cmdArgs;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(node ? process.execPath : cmd, fullArgs, { env, encoding: 'utf8', maxBuffer: 64 * MiB });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRSS: NaN, cpu: NaN };
  rmSync(rssFile, { force: true });
  return { seconds, cpuSeconds: usage.cpu / 1e6, rssMiB: usage.maxRSS / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
