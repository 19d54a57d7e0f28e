// Preloaded with `node --import` by bench/run.mjs: on exit, writes the process's peak RSS (KiB)
// and CPU time (user + system, µs) — CPU time is what the process itself cost on a shared machine.
import { writeFileSync } from 'node:fs';

const file = process.env.ODLINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  });
}
