import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Runs several node commands at once (each with the RSS hook and its own RSS file): wall seconds
 * until the last one ends, CPU seconds and peak RSS added up (the processes live side by side),
 * and each one's own figures in `parts`.
 */
export async function timedRunsAtOnce(outDir, argsList) {
  const t0 = process.hrtime.bigint();
  const parts = await Promise.all(
    argsList.map(async (cmdArgs, i) => {
      const rssFile = path.join(outDir, `rss-${process.pid}-${i}.txt`);
      rmSync(rssFile, { force: true });
      const child = spawn(process.execPath, ['--import', rssHook, ...cmdArgs], { env: { ...process.env, ODLINT_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const status = await new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) => resolve(code));
      });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRSS: NaN, cpu: NaN };
      rmSync(rssFile, { force: true });
      return { seconds, cpuSeconds: usage.cpu / 1e6, rssMiB: usage.maxRSS / 1024, status, stderr };
    }),
  );
  const sum = (key) => parts.reduce((s, r) => s + r[key], 0);
  return { seconds: Math.max(...parts.map((r) => r.seconds)), cpuSeconds: sum('cpuSeconds'), rssMiB: sum('rssMiB'), status: parts.find((r) => r.status !== 0)?.status ?? 0, stderr: parts.map((r) => r.stderr).join(''), parts };
}
