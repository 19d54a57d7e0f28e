import { rmSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** Temporary files not yet renamed into place: removed however the process ends. */
const pending = new Set<string>();
let installed = false;

function removePending(): void {
  for (const file of pending) rmSync(file, { force: true });
  pending.clear();
}

/**
 * Records a temporary file until `releaseTemp`. On exit, and on SIGINT/SIGTERM/SIGHUP, every
 * recorded file is removed first; the signal is then raised again, so the process still ends
 * the way the signal asked (exit status 130/143). While a listener is installed, a signal
 * arriving during a synchronous write waits for the write (and its rename) to finish. SIGKILL
 * cannot be caught: a `.<name>.odlint-<pid>-<random>.tmp` file may then stay behind.
 */
export function trackTemp(file: string): void {
  pending.add(file);
  if (installed || !isMainThread) return; // signals are delivered to the main thread only
  installed = true;
  process.on('exit', removePending);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removePending();
      process.kill(process.pid, signal);
    });
  }
}

/** The temporary file was renamed into place or removed: nothing left to clean. */
export function releaseTemp(file: string): void {
  pending.delete(file);
}
