import { dataFileUnits, dataFilesInventory, recordInventory, type LintPlan, type LintRequest, type LintUnit } from '../engine/lint.js';
import type { Inventory } from '../engine/inventory.js';
import type { ConfigRequest } from '../config/resolve.js';
import { reportUnit, type FixedEvent, type PackedDataset, type ReportItem, type UnitEvent } from './unit.js';
import type { Shard } from './shard.js';
import { catalogueFindings, mergeFacts, type CatalogueFacts } from '../engine/catalogue.js';
import type { RuleModule } from '../engine/rule-api.js';
import { fileReport } from '../reporters/build-report.js';
import type { CacheRecorder, LintCache } from './cache.js';
import { groupTasks, lintOrReload, runTask, taskLimits, type Pool, type Reload, type Task, type TaskSink, type WarmTask } from './pool.js';
import { displayPath } from '../util/paths.js';
import { boundMainHeap, Handoff, Lanes, MAIN_LANE_UP_TO } from './lanes.js';
import { startThreads, WORKER_HEAP_MB, type PoolThreads, type ThreadOptions } from './threads.js';
import { fileParts, joinParts, splittable, type PartUnit } from './split.js';
import type { RemoteRun, SampleSettings } from '../engine/remote.js';

/** What a worker needs to rebuild the run's settings (a resolved config holds functions: it is re-resolved). */
/** Below this many units, a run without an explicit --jobs stays in-process (starting workers costs more). */
export const AUTO_POOL_UNITS = 32;

export interface RunSettings {
  cwd: string;
  data: boolean;
  online: boolean;
  config: ConfigRequest;
  /** Real folders symlinks may lead into (`--allow-root` and config `allowedRoots`, absolute). */
  allowedRoots?: string[];
  shard?: Shard;
  fix?: boolean | 'dry-run';
  /** `--online --data`: remote CSV files are sampled (src/harvest/sample.ts). */
  sample?: SampleSettings;
}

export type RunEvent =
  | ReportItem
  /** Only with `RunExtras.packReports`. */
  | PackedDataset
  | FixedEvent
  /** A shard's catalogue summaries, for its jsonl part (merge-reports reports them for the whole run). */
  | { kind: 'catalogue'; facts: CatalogueFacts };

/** Catalogue findings come after every other item of the run: their unit number is past any real one. */
export const CATALOGUE_UNIT = Number.MAX_SAFE_INTEGER;

/**
 * The end of a run: catalogue rules report from the merged summaries — or, for a shard, the
 * summaries themselves go into its part, for merge-reports to report once for all shards.
 */
export function* catalogueEvents(facts: CatalogueFacts, rules: ReadonlyMap<string, RuleModule>, cwd: string, shard: boolean): Generator<RunEvent> {
  if (Object.keys(facts).length === 0) return;
  if (shard) {
    yield { kind: 'catalogue', facts };
    return;
  }
  let i = 0;
  for (const f of catalogueFindings(facts, rules)) yield { kind: 'file', seq: [CATALOGUE_UNIT, i++], report: fileReport(f.file, f.findings, cwd) };
}

/** Events travel from workers in batches of this many (fewer messages, still streaming). */
export const EVENT_BATCH = 64;

/**
 * A unit's events in batches of `EVENT_BATCH` (the last one shorter), each as soon as it is full —
 * or, with `cut`, as soon as `cut()` says so after an event.
 */
export async function* eventBatches(events: AsyncIterable<UnitEvent>, cut?: () => boolean): AsyncGenerator<UnitEvent[]> {
  let batch: UnitEvent[] = [];
  for await (const e of events) {
    batch.push(e);
    if (batch.length >= EVENT_BATCH || cut?.()) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** What a run reports on the way (the progress line): how many units there are, and each one done. */
export interface RunObserver {
  units(total: number): void;
  unitDone(): void;
}

export interface RunExtras {
  /** `--cache`: units whose inputs are unchanged replay their events instead of running. */
  cache?: LintCache;
  observer?: RunObserver;
  /** Portals being harvested and snapshots replayed: their pages run last, as they come (never cached). */
  remote?: RemoteRun[];
  /** Each worker's old-generation heap cap in MiB (default `WORKER_HEAP_MB`). */
  workerHeapMb?: number;
  /** A notice for the user (a worker that stopped, its units linted in the main thread). */
  warn?: (message: string) => void;
  /** Whether the main thread is one of the `jobs` lanes (default: up to `MAIN_LANE_UP_TO` jobs). */
  mainLane?: boolean;
  /**
   * Bound the heaps' growth when the main thread is a lane (src/pipeline/lanes.ts
   * `heapGrowingPercent`): a V8 flag for the whole process, so the CLI sets it, not the API
   * (whose host process is not odlint's).
   */
  boundMainHeap?: boolean;
  /**
   * A pool started before the run was planned (`startPool`, by the CLI with --jobs): used if the
   * run needs one (same `jobs`), destroyed by its starter, not by the run.
   */
  pool?: Promise<RunPool>;
  /**
   * Workers send the datasets of descriptors and data files packed (src/pipeline/unit.ts
   * PackedDataset): for a report stage whose outputs all write a dataset's JSON text as it is.
   * Not with a cache (its entries hold reports).
   */
  packReports?: boolean;
}

/**
 * Runs a task's units in this thread, as a worker would: events in batches, and a turn of the
 * event loop between batches, so that workers' results, harvest fetches and the report's
 * writes go on meanwhile — at once when a worker has ended its task (`handoff`), so that it
 * gets its next one.
 */
async function runHere(units: LintUnit[], sink: TaskSink, inProcess: (unit: LintUnit) => AsyncIterable<UnitEvent>, handoff: Handoff, reload?: Reload): Promise<void> {
  const workerEnded = () => handoff.pending();
  for (let i = 0; i < units.length; i++) {
    for await (const batch of eventBatches(lintOrReload(units[i]!, inProcess, reload), workerEnded)) {
      sink.emit(i, batch);
      await new Promise((resolve) => setImmediate(resolve));
    }
    sink.ended(i);
  }
}

/**
 * Runs the plan's units — in this process (`jobs` = 1) or on a pool of `jobs` worker threads —
 * and yields their events in plan order whatever order they finish in, so the report bytes are
 * the same for any `jobs`. Descriptors run first; the data files none of them references run
 * after. On the pool, consecutive small units go together as one task (src/pipeline/pool.ts);
 * at most `2 × jobs` tasks are in flight, so finished-but-waiting results stay bounded.
 * With a cache, a unit found there is replayed in this thread; the pool starts at the first
 * unit that must run. The cache is written when the whole plan went through.
 */
export async function* runPlan(plan: LintPlan, req: LintRequest, settings: RunSettings, jobs: number, inventory: Inventory, extras: RunExtras = {}): AsyncGenerator<RunEvent> {
  const { cache, observer, remote = [] } = extras;
  for (const { file, reason } of plan.skipped) inventory.skipped(file, reason);
  const referenced = new Set<string>();
  const catalogue: CatalogueFacts = {};
  const keep = (e: UnitEvent): e is RunEvent => {
    if (e.kind === 'references') for (const p of e.paths) referenced.add(p);
    else if (e.kind === 'inventory') recordInventory(inventory, e);
    else if (e.kind === 'catalogue') mergeFacts(catalogue, structuredClone(e.facts), req.config.rules);
    else if (e.kind !== 'reads') return true;
    return false;
  };
  observer?.units(plan.descriptors.length + plan.dataFiles.length + plan.problems.length);
  const dataFiles = () => {
    dataFilesInventory(inventory, plan, referenced);
    const units = dataFileUnits(plan, referenced);
    observer?.units(plan.descriptors.length + units.length + remote.reduce((n, r) => n + r.estimatedUnits, 0));
    return units;
  };
  // Each dataset of a harvested page counts as linted for its portal (summary.harvest).
  const counted = (run: RemoteRun, e: RunEvent): RunEvent => {
    if (e.kind === 'dataset') run.stats.linted++;
    return e;
  };
  let poolStarted: Promise<RunPool> | undefined;
  try {
    if (jobs <= 1) {
      const inProcess = async function* (units: LintUnit[]) {
        for (const unit of units) {
          const verdict = cache?.consult(unit);
          if (verdict?.kind === 'hit') yield* verdict.events;
          else {
            for await (const e of reportUnit(unit, req, settings)) {
              verdict?.recorder.add(e);
              yield e;
            }
            verdict?.recorder.done();
          }
          observer?.unitDone();
        }
      };
      for await (const e of inProcess(plan.descriptors)) if (keep(e)) yield e;
      for await (const e of inProcess(dataFiles())) if (keep(e)) yield e;
      for (const run of remote) {
        for await (const unit of run.units) {
          for await (const e of lintOrReload(unit, (u) => reportUnit(u, req, settings), run.reload)) if (keep(e)) yield counted(run, e);
          observer?.unitDone();
        }
      }
    } else {
      // One pool, made when the first task must run (tasks start together: the promise is shared);
      // until a worker is ready, the main thread takes the tasks (src/pipeline/lanes.ts).
      const poolOf = () => {
        if (poolStarted) return poolStarted;
        poolStarted = (extras.pool ?? startPool(jobs, settings.config, extras)).then((p) => (startedPool = p));
        lanes.bootingUntil(poolStarted.then((p) => p.ready));
        return poolStarted;
      };
      let startedPool: RunPool | undefined;
      let brokenWarned = false;
      const poolBroken = () => startedPool?.broken?.aborted === true;
      const sink = (emit: (events: UnitEvent[]) => void, recorders: (CacheRecorder | undefined)[]): TaskSink => ({
        emit: (i, events) => {
          const recorder = recorders[i];
          if (recorder) for (const e of events) recorder.add(e);
          emit(events);
        },
        ended: (i) => recorders[i]?.done(),
        workerFailed: (unit, error) => {
          // Once no worker can start, every task left runs here: one warning says so.
          if (brokenWarned) return;
          brokenWarned = poolBroken();
          extras.warn?.(workerFailure(unit, error, req.cwd, extras.workerHeapMb ?? WORKER_HEAP_MB, brokenWarned));
        },
      });
      const inProcess = (unit: LintUnit) => reportUnit(unit, req, settings);
      // Not a split file's parts (their datasets are renumbered) nor harvested pages (counted by kind).
      const packs = (units: LintUnit[]) => Boolean(extras.packReports) && !cache && units.every((u) => u.kind === 'descriptor' || u.kind === 'data-file');
      // A big file's parts go to the workers (not with --fix: its fixes are written per file).
      const split = settings.fix ? undefined : splittable;
      const lanes = new Lanes(jobs, extras.mainLane ?? jobs <= MAIN_LANE_UP_TO);
      const handoff = new Handoff();
      if (lanes.main && extras.boundMainHeap) boundMainHeap(remote.length > 0);
      const start = async (task: Task, emit: (events: UnitEvent[]) => void, reload?: Reload): Promise<void> => {
        if (task.kind === 'hit') return emit(task.events);
        if (task.kind === 'split') return; // streamed by `splitEvents` when its turn comes
        void poolOf().catch(() => undefined); // its failure is met by the task that uses it
        // The parts of a big file go to workers only: the main thread scans the file for them.
        const lane = await lanes.take(!task.units.some((u) => u.kind === 'fetched' && u.part?.local));
        try {
          if (lane === 'main') await runHere(task.units, sink(emit, task.recorders), inProcess, handoff, reload);
          else await runTask(await poolOf(), task.units, settings, sink(emit, task.recorders), inProcess, reload, { pack: packs(task.units), handoff });
        } finally {
          lanes.give(lane);
        }
      };
      // A big file's parts: one waits for a worker; fewer wait in order holding their reports.
      const splitEvents = (task: Extract<Task, { kind: 'split' }>) => splitRun(task, req, jobs + 1, (tasks, window) => ordered(tasks, window, start));
      const tasksOf = (units: LintUnit[]) => groupTasks(units, taskLimits(units.length, jobs, settings.data), cache, split);
      for await (const e of ordered(tasksOf(plan.descriptors), 2 * jobs, start, observer, splitEvents)) if (keep(e)) yield e;
      for await (const e of ordered(tasksOf(dataFiles()), 2 * jobs, start, observer)) if (keep(e)) yield e;
      // Harvested pages come as the harvest goes: one page per task, never cached. Their bytes
      // move to the workers (a page is asked for, or read from its snapshot, again should its worker die).
      const pages = async function* (units: AsyncIterable<LintUnit>): AsyncGenerator<Task> {
        for await (const unit of units) yield { kind: 'run', units: [unit], recorders: [] };
      };
      // One page waits for a worker (the harvest fetches the next ones ahead meanwhile).
      for (const run of remote) for await (const e of ordered(pages(run.units), jobs + 1, (task, emit) => start(task, emit, run.reload), observer)) if (keep(e)) yield counted(run, e);
    }
    yield* catalogueEvents(catalogue, req.config.rules, req.cwd, settings.shard !== undefined);
    cache?.commit();
  } finally {
    cache?.close();
    if (!extras.pool) await (await poolStarted?.catch(() => undefined))?.destroy();
  }
}

/**
 * Starts tasks with at most `window` in flight and yields their events in task order: the
 * head task's events as they come, the others' when their turn comes. Tasks may come from a
 * stream (harvested pages): the next is taken when there is room.
 */
async function* ordered(
  tasks: Iterable<Task> | AsyncIterable<Task>,
  window: number,
  start: (t: Task, emit: (e: UnitEvent[]) => void) => Promise<void>,
  observer?: RunObserver,
  /** A split file's events, read when its turn comes (its parts run then, so nothing waits in memory). */
  splitEvents?: (t: Extract<Task, { kind: 'split' }>) => AsyncIterable<UnitEvent>,
): AsyncGenerator<UnitEvent> {
  interface Slot {
    events: UnitEvent[];
    units: number;
    done: boolean;
    error?: unknown;
    split?: Extract<Task, { kind: 'split' }>;
  }
  const source = Symbol.asyncIterator in tasks ? tasks[Symbol.asyncIterator]() : (tasks as Iterable<Task>)[Symbol.iterator]();
  const queue: Slot[] = [];
  let exhausted = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const launch = async () => {
    while (!exhausted && queue.length < window) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const slot: Slot = { events: [], units: next.value.kind === 'run' ? next.value.units.length : 1, done: false };
      queue.push(slot);
      if (next.value.kind === 'split') {
        slot.split = next.value;
        continue;
      }
      start(next.value, (events) => {
        for (const e of events) slot.events.push(e);
        signal();
      }).then(
        () => {
          slot.done = true;
          signal();
        },
        (error: unknown) => {
          slot.error = error ?? new Error('worker failed');
          slot.done = true;
          signal();
        },
      );
    }
  };
  await launch();
  while (queue.length) {
    const slot = queue[0]!;
    if (slot.split && splitEvents) {
      yield* splitEvents(slot.split);
      slot.split = undefined;
      slot.done = true;
    }
    if (slot.events.length) {
      const events = slot.events;
      slot.events = [];
      yield* events;
      continue;
    }
    if (slot.done) {
      if (slot.error) throw slot.error;
      queue.shift();
      for (let i = 0; i < slot.units; i++) observer?.unitDone();
      await launch();
      continue;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/**
 * A big file's events: its parts on the pool, `window` at a time, put together as the whole
 * file's (src/pipeline/split.ts); the file as one task when it is not split, or when its parts
 * gave no dataset (what such a file reports is said by reading it whole). Recorded for the cache
 * as the file's unit.
 */
async function* splitRun(task: Extract<Task, { kind: 'split' }>, req: LintRequest, window: number, run: (tasks: AsyncIterable<Task> | Iterable<Task>, window: number) => AsyncIterable<UnitEvent>): AsyncGenerator<UnitEvent> {
  const { unit, recorder } = task;
  const whole = () => run([{ kind: 'run', units: [unit], recorders: [recorder] }], 1);
  const parts = await fileParts(unit, req);
  if (!parts) return yield* whole();
  const tasks = async function* (units: AsyncIterable<PartUnit>): AsyncGenerator<Task> {
    for await (const u of units) yield { kind: 'run', units: [u], recorders: [undefined] };
  };
  const joined = joinParts(unit, run(tasks(parts), window), req.cwd);
  for (let next = await joined.next(); ; next = await joined.next()) {
    if (next.done) {
      if (next.value === 0) return yield* whole();
      break;
    }
    recorder?.add(next.value);
    yield next.value;
  }
  recorder?.done();
}

/** `ready`: settled once a worker has started and loaded the run's config (or could not start). */
export type RunPool = Pool & { destroy(): Promise<void>; broken: AbortSignal; ready: Promise<void> };

/**
 * The run's tinypool for `jobs` lanes (src/pipeline/lanes.ts): threads with capped heaps
 * (`startThreads`, or `early`: threads started before for the same `jobs`), each loading the run's
 * config once (src/pipeline/worker.ts) before any task.
 */
export async function startPool(jobs: number, config: ConfigRequest, extras: ThreadOptions = {}, early?: Promise<PoolThreads>): Promise<RunPool> {
  const { pool, threads, broken } = await (early ?? startThreads(jobs, extras));
  const warm = { warm: config } satisfies WarmTask;
  const warmed = Array.from({ length: threads }, () => pool.run(warm, { signal: broken }));
  const ready = Promise.any(warmed).then(
    () => undefined,
    () => undefined,
  );
  return Object.assign(pool, { broken, ready });
}

/** The notice for a unit a worker could not finish (linted again in the main thread), or for a pool whose workers cannot start. */
function workerFailure(unit: LintUnit, error: unknown, cwd: string, heapMb: number, broken: boolean): string {
  const code = (error as { code?: unknown } | null)?.code;
  const why = code === 'ERR_WORKER_OUT_OF_MEMORY' ? `passed its heap limit (${heapMb} MiB)` : `stopped (${error instanceof Error ? error.message : String(error)})`;
  if (broken) return `a worker thread ${why} while starting: the files are linted in the main thread`;
  const what = 'file' in unit ? displayPath(cwd, unit.file) : 'url' in unit ? unit.url : `unit ${unit.index}`;
  return `a worker thread ${why} on ${what}: it was linted in the main thread`;
}
