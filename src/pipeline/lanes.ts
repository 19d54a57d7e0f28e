import v8 from 'node:v8';

/**
 * How much a heap may grow past what the last full collection kept, when the main thread is a
 * lane. A V8 flag, read at every collection by every isolate of the process: the workers' too.
 * Left alone, V8 lets the main thread's heap (a 4 GiB limit) grow to 4× its live size before
 * collecting, and a capped worker's (`WORKER_HEAP_MB`) by 1.3× (at least 8 MB); linting pages,
 * the main thread's heap reached 225 MiB at 100k datasets (peak RSS 415 MiB).
 * - With harvested pages or a replayed snapshot, 30 %: the main thread holds pages' bytes too
 *   (harvest benchmark 368–390 MiB against its 400 MiB goal).
 * - Local files only, 100 %: each lane's heap keeps the page it lints (~18 MB of text and tree
 *   beside ~14 MB of code and state), so at 30 % both lanes collected once a page (~105 full
 *   collections at 100k against ~30 in-process, their concurrent marking on the same two cores);
 *   at 100 %, ~67, for ~40 MiB of peak RSS (docs/performance.md, thirteenth pass).
 */
export const HARVEST_HEAP_GROWING_PERCENT = 30;
export const LOCAL_HEAP_GROWING_PERCENT = 100;

/** The heap growth for a run with lanes: bounded tighter when it harvests or replays pages. */
export const heapGrowingPercent = (remotePages: boolean): number => (remotePages ? HARVEST_HEAP_GROWING_PERCENT : LOCAL_HEAP_GROWING_PERCENT);

/** Bounds every heap's growth for the rest of the process (see `heapGrowingPercent`). */
export function boundMainHeap(remotePages: boolean): void {
  v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent(remotePages)}`);
}

/**
 * Up to this many jobs, the main thread is one of them: `--jobs 2` is the main thread and one
 * worker. It only writes the report otherwise (~7 % of the work), and a worker fewer is an
 * isolate fewer: ~100 MiB of heap and code, its start-up, its own JIT and GC threads. With more
 * jobs, writing every worker's report keeps the main thread busy enough.
 */
export const MAIN_LANE_UP_TO = 4;

/**
 * The run's lanes: `workers` pool threads and, maybe, the main thread. A task waits for a free
 * lane (in the order tasks start), so whichever lane is done first takes the next task: a lane
 * is never idle while tasks wait. A free worker is taken before the main thread — once the pool
 * is ready (`bootingUntil`): until then the main thread takes tasks rather than wait for a
 * worker's start-up (~0.3 s of imports and config), and a run of a few small files may be done
 * before any worker is.
 */
export class Lanes {
  readonly workers: number;
  /** Whether the main thread is a lane. */
  readonly main: boolean;
  private freeWorkers: number;
  private mainFree: boolean;
  private workersReady = true;
  private readonly waiting: { resolve: (lane: Lane) => void; main: boolean }[] = [];

  constructor(jobs: number, mainLane: boolean) {
    this.main = mainLane;
    this.workers = poolThreads(jobs, mainLane);
    this.freeWorkers = this.workers;
    this.mainFree = mainLane;
  }

  /** The workers take no task until `ready` settles (their pool is starting). */
  bootingUntil(ready: Promise<unknown>): void {
    this.workersReady = false;
    const open = () => {
      this.workersReady = true;
      while (this.freeWorkers > 0 && this.waiting.length) {
        this.freeWorkers--;
        this.waiting.shift()!.resolve('worker');
      }
    };
    ready.then(open, open);
  }

  /** A free lane; `main` false: a worker only (the main thread has work of its own for this task). */
  take(main = true): Promise<Lane> {
    if (this.workersReady && this.freeWorkers > 0) {
      this.freeWorkers--;
      return Promise.resolve('worker');
    }
    if (main && this.mainFree) {
      this.mainFree = false;
      return Promise.resolve('main');
    }
    return new Promise((resolve) => this.waiting.push({ resolve, main }));
  }

  give(lane: Lane): void {
    const next = this.waiting.findIndex((w) => lane === 'worker' || w.main);
    if (next >= 0) this.waiting.splice(next, 1)[0]!.resolve(lane);
    else if (lane === 'worker') this.freeWorkers++;
    else this.mainFree = true;
  }
}

/** The pool's threads for `jobs` lanes: one fewer when the main thread is a lane. */
export const poolThreads = (jobs: number, mainLane: boolean): number => (mainLane ? jobs - 1 : jobs);

export type Lane = 'main' | 'worker';

/**
 * Says to the main thread, outside its event loop, that a worker has finished its task. While
 * the main thread is a lane it turns its event loop only between batches of its own events (64
 * datasets: ~20 ms on an idle core, 160 ms and more on a loaded machine), so a worker that
 * finished waited that long for its next task (100k catalogue, `--jobs 2`, load 9–13: 8.9 s of
 * the worker's 130 s). The worker adds one to a shared counter as its task ends; the main lane
 * checks it between two of its events and, when a worker's end is not yet settled here, turns the
 * event loop at once (the worker's last messages, then its next task).
 */
export class Handoff {
  /** Tasks ended by workers (each adds one as its task ends: src/pipeline/worker.ts). */
  readonly ended = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private settled = 0;

  /** Whether a worker has ended a task whose end this thread has not settled yet. */
  pending(): boolean {
    return Atomics.load(this.ended, 0) > this.settled;
  }

  /**
   * A worker task settled here: `ok`, its worker ended it (and counted it); otherwise it failed,
   * counted or not, and whatever is counted so far is taken as settled (a hint lost then costs
   * one batch's wait, as before).
   */
  settle(ok: boolean): void {
    if (ok) this.settled++;
    else this.settled = Atomics.load(this.ended, 0);
  }
}
