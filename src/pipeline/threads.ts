import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Tinypool } from 'tinypool';
import { packageRoot } from '../util/package-root.js';
import { MAIN_LANE_UP_TO, poolThreads } from './lanes.js';

/**
 * Each worker's heap: the old generation is capped so that `--jobs N` stays within a bounded
 * memory (V8 otherwise lets every worker's heap grow before collecting); the young generation
 * keeps Node's default size (a smaller one would cost more garbage collection). A unit that
 * needs more than the cap (a huge YAML or RDF file read whole) is linted in the main thread.
 */
export const WORKER_HEAP_MB = 256;
export const WORKER_YOUNG_MB = 48;

/** How a pool's threads are made: the heap cap, and whether the main thread is a lane (one thread fewer). */
export interface ThreadOptions {
  workerHeapMb?: number;
  mainLane?: boolean;
}

/** A pool's worker threads, started (each imports the worker module) but given no task yet. */
export interface PoolThreads {
  pool: Tinypool;
  threads: number;
  /** Aborted (with the cause) when no worker can start any more: every task left runs in the main thread. */
  broken: AbortSignal;
}

/**
 * Starts the worker threads for `jobs` lanes (src/pipeline/lanes.ts). Apart from the run's
 * config (`startPool` in run.ts sends it) so that the CLI can start them before it loads the lint
 * command: this module imports tinypool only here, and nothing of the pipeline but the lanes' count.
 */
export async function startThreads(jobs: number, options: ThreadOptions = {}): Promise<PoolThreads> {
  const threads = poolThreads(jobs, options.mainLane ?? jobs <= MAIN_LANE_UP_TO);
  const { default: Tinypool } = await import('tinypool');
  const resourceLimits = { maxOldGenerationSizeMb: options.workerHeapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  const pool = new Tinypool({ filename: workerUrl(), minThreads: threads, maxThreads: threads, isolateWorkers: false, resourceLimits });
  // A worker that dies while starting (past its heap cap, a broken install) makes tinypool stop
  // replacing workers and report it here (from the start: an 'error' nobody listens to would
  // throw): the queued tasks are aborted and run in the main thread.
  const broken = new AbortController();
  pool.on('error', (error: unknown) => broken.abort(error));
  return { pool, threads, broken: broken.signal };
}

/** Destroys a pool's threads, started or not (one that could not start has nothing to destroy). */
export async function destroyThreads(threads: Promise<PoolThreads> | undefined): Promise<void> {
  await (await threads?.catch(() => undefined))?.pool.destroy();
}

/** The built worker module, an entry of the bundle (under vitest too: this file is TypeScript there). */
function workerUrl(): string {
  const built = path.join(packageRoot(), 'dist', 'src', 'pipeline', 'worker.js');
  if (!existsSync(built)) throw new Error(`worker module ${built} is missing (npm run build)`);
  return pathToFileURL(built).href;
}
