// Preloaded with `node --require` by the harvest benchmark (`--memory`): samples
// process.memoryUsage() every 20 ms in the main thread and in each worker thread (workers run the
// process's --require preloads; Node 20 runs --import ones in the main thread only) and writes each thread's peaks, so that a run's peak RSS can be
// told apart: the main thread's heap and its external bytes (the pages' buffers), each worker's
// heap. The peaks are written when they grow by a MiB (a pool's worker is ended without an exit
// event); the last line of each thread is its peak.
const { appendFileSync } = require('node:fs');
const { isMainThread, threadId, MessagePort } = require('node:worker_threads');

const file = process.env.ODLINT_BENCH_MEMORY_FILE;
if (file) {
  const MiB = 1024 * 1024;
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const written = { ...peak };
  const sample = () => {
    const m = process.memoryUsage();
    let grown = false;
    for (const k of Object.keys(peak)) {
      peak[k] = Math.max(peak[k], m[k]);
      if (peak[k] - written[k] >= MiB) grown = true;
    }
    if (grown) write();
  };
  const write = () => {
    Object.assign(written, peak);
    const mib = Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / MiB)]));
    appendFileSync(file, `${JSON.stringify({ thread: isMainThread ? 'main' : `worker ${threadId}`, ...mib })}\n`);
  };
  sample();
  setInterval(sample, 20).unref();
  // A worker's task runs on promises alone (no turn of the event loop for timers): it is sampled
  // each time it posts a batch of events too.
  if (!isMainThread) {
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (...a) {
      sample();
      return post.apply(this, a);
    };
  }
  process.on('exit', () => {
    sample();
    write();
  });
}
