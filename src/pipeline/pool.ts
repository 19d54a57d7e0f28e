import { statSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import type { LintUnit } from '../engine/lint.js';
import type { CacheRecorder, LintCache } from './cache.js';
import type { UnitEvent } from './unit.js';
import type { RunSettings } from './run.js';
import type { DescriptorUnit } from './split.js';
import { isBrokenLiteral } from '../harvest/client.js';
import type { Handoff } from './lanes.js';

/**
 * Small descriptor files travel to a worker together: a task carries up to this many units and
 * about this many bytes of input (a 7 MB `package_search` page goes alone). Each task costs a
 * message round trip and a port; a folder of 100,000 one-dataset files would otherwise pay it
 * 100,000 times.
 */
export const TASK_UNITS = 64;
export const TASK_BYTES = 1 << 20;
/** With data files read, a descriptor's cost is its data: fewer units per task keep the cores evenly busy. */
export const TASK_UNITS_WITH_DATA = 4;

/** A task for a worker: its units are linted one after the other; events come back through the port. */
export interface WorkerTask {
  units: LintUnit[];
  settings: RunSettings;
  port: import('node:worker_threads').MessagePort;
  /** Datasets come back packed (src/pipeline/unit.ts PackedDataset). */
  pack?: true;
  /** The worker adds one here as the task ends (src/pipeline/lanes.ts Handoff). */
  ended?: Int32Array;
}

/** A worker's first task: load the run's config (imports its rules and plugins) before the run's tasks come. */
export interface WarmTask {
  warm: import('../config/resolve.js').ConfigRequest;
}

/** What a worker posts: a batch of the current unit's events, or (a number) the end of the unit at that position of the task. */
export type WorkerMessage = UnitEvent[] | number;

/**
 * What the run does with a task: replay a cached unit, lint units (each with its cache recorder,
 * if any), or split a big file over the workers (src/pipeline/split.ts).
 */
export type Task =
  | { kind: 'hit'; events: UnitEvent[] }
  | { kind: 'run'; units: LintUnit[]; recorders: (CacheRecorder | undefined)[] }
  | { kind: 'split'; unit: DescriptorUnit; recorder: CacheRecorder | undefined };

export interface TaskLimits {
  units: number;
  bytes: number;
}

/** How many units a task may carry: never so many that fewer than 4 tasks per worker remain (the tail stays short). */
export function taskLimits(total: number, jobs: number, data: boolean): TaskLimits {
  const even = Math.max(1, Math.ceil(total / (4 * jobs)));
  return { units: Math.min(data ? TASK_UNITS_WITH_DATA : TASK_UNITS, even), bytes: TASK_BYTES };
}

/**
 * Groups consecutive units into tasks, in plan order, taking them from `units` only as tasks are
 * asked for. With a cache, each unit is looked up first: a hit is its own task (replayed in this
 * thread), and the units before it go in the task before.
 */
export function* groupTasks(units: Iterable<LintUnit>, limits: TaskLimits, cache?: LintCache, split?: (unit: LintUnit, size: number) => unit is DescriptorUnit): Generator<Task> {
  let group: LintUnit[] = [];
  let recorders: (CacheRecorder | undefined)[] = [];
  let bytes = 0;
  const flush = (): Task => {
    const task: Task = { kind: 'run', units: group, recorders };
    group = [];
    recorders = [];
    bytes = 0;
    return task;
  };
  for (const unit of units) {
    const verdict = cache?.consult(unit);
    if (verdict?.kind === 'hit') {
      if (group.length) yield flush();
      yield { kind: 'hit', events: verdict.events };
      continue;
    }
    const size = unitBytes(unit);
    if (split?.(unit, size)) {
      if (group.length) yield flush();
      yield { kind: 'split', unit, recorder: verdict?.recorder };
      continue;
    }
    if (group.length && (group.length >= limits.units || bytes + size > limits.bytes)) yield flush();
    group.push(unit);
    recorders.push(verdict?.recorder);
    bytes += size;
  }
  if (group.length) yield flush();
}

/** The input bytes a unit reads (its descriptor or data file); 0 when unknown. */
function unitBytes(unit: LintUnit): number {
  if (unit.kind === 'descriptor' || unit.kind === 'data-file') {
    try {
      return statSync(unit.file).size;
    } catch {
      return 0;
    }
  }
  if (unit.kind === 'fetched') return unit.body.length;
  if (unit.kind === 'stdin') return unit.text.length;
  return 0;
}

/**
 * A fetched page at least this big goes to its worker by transfer: its buffer moves (no copy) and
 * the main thread holds it no more. Smaller bodies are copied (they may share a buffer, and
 * copying them costs nothing).
 */
export const TRANSFER_BYTES = 64 * 1024;

/** The buffer a unit's body can move to a worker with: a fetched page's bytes that own their whole buffer. */
export function movableBuffer(unit: LintUnit): ArrayBuffer | undefined {
  if (unit.kind !== 'fetched' || typeof unit.body === 'string') return undefined;
  const { body } = unit;
  const { buffer } = body;
  if (!(buffer instanceof ArrayBuffer) || body.byteLength < TRANSFER_BYTES || body.byteOffset !== 0 || body.byteLength !== buffer.byteLength) return undefined;
  return buffer;
}

/** Gets a moved unit's input back (its page asked for again, its snapshot line read again), for linting it in this thread. */
export type Reload = (unit: LintUnit) => Promise<LintUnit>;

/**
 * Lints a unit in this thread; a snapshot page whose body, sent as its JSON string, is not one
 * (`BROKEN_LITERAL`, thrown before any event) is read again with `reload` and linted as that.
 * Without `reload` (files), the unit's events come straight from `lint`: no generator in between.
 */
export function lintOrReload(unit: LintUnit, lint: (unit: LintUnit) => AsyncIterable<UnitEvent>, reload?: Reload): AsyncIterable<UnitEvent> {
  return reload ? lintReloading(unit, lint, reload) : lint(unit);
}

async function* lintReloading(unit: LintUnit, lint: (unit: LintUnit) => AsyncIterable<UnitEvent>, reload: Reload): AsyncGenerator<UnitEvent> {
  try {
    yield* lint(unit);
  } catch (error) {
    if (!isBrokenLiteral(error)) throw error;
    yield* lint(await reload(unit));
  }
}

/** Where a task's events go: `emit` as they come (unit position in the task), `ended` when a unit is through. */
export interface TaskSink {
  emit(unit: number, events: UnitEvent[]): void;
  ended(unit: number): void;
  /** The worker stopped (heap cap, crash) during this unit: the rest of the task is linted in this thread. */
  workerFailed(unit: LintUnit, error: unknown): void;
}

export interface Pool {
  run(task: unknown, options: { transferList: (import('node:worker_threads').MessagePort | ArrayBuffer)[]; signal?: AbortSignal }): Promise<unknown>;
  /** Aborted (with the cause) when no worker can start any more: every task left runs in this thread. */
  broken?: AbortSignal;
}

/**
 * Runs a task's units on the pool. Should the worker die (past its heap cap, or a crash), the
 * units it had not finished are linted by `inProcess` in this thread, skipping the events of
 * the interrupted unit already passed on: the output is the same as a run without workers.
 * With `reload`, the bodies of big fetched pages move to the worker instead of being copied;
 * a unit whose body moved to a worker that died is reloaded first (should that fail, e.g. the
 * page cannot be had again, what it yields instead is passed on whole). With `pack`, the worker
 * sends its datasets packed (units linted here after a worker died send theirs as they are).
 * With `handoff`, the worker says when the task ends (src/pipeline/lanes.ts).
 */
export async function runTask(pool: Pool, units: LintUnit[], settings: RunSettings, sink: TaskSink, inProcess: (unit: LintUnit) => AsyncIterable<UnitEvent>, reload?: Reload, options: { pack?: boolean; handoff?: Handoff } = {}): Promise<void> {
  const { pack = false, handoff } = options;
  const { port1, port2 } = new MessageChannel();
  // Moved when the task reaches a worker (a task aborted before keeps its bytes).
  const moved = new Map<LintUnit, ArrayBuffer>();
  if (reload) {
    for (const unit of units) {
      const buffer = movableBuffer(unit);
      if (buffer) moved.set(unit, buffer);
    }
  }
  let current = 0;
  let received = 0;
  let failed = false;
  let finish!: () => void;
  const allEnded = new Promise<void>((resolve) => (finish = resolve));
  port1.on('message', (msg: WorkerMessage) => {
    if (failed) return; // sent before the worker died, arrived after: those units run here
    if (typeof msg === 'number') {
      sink.ended(current++);
      received = 0;
      if (current === units.length) finish();
    } else {
      received += msg.length;
      sink.emit(current, msg);
    }
  });
  try {
    await pool.run({ units, settings, port: port2, ...(pack ? { pack: true as const } : {}), ...(handoff ? { ended: handoff.ended } : {}) } satisfies WorkerTask, { transferList: [port2, ...moved.values()], ...(pool.broken ? { signal: pool.broken } : {}) });
    handoff?.settle(true);
    await allEnded;
  } catch (error) {
    handoff?.settle(false);
    failed = true;
    // A snapshot page whose JSON string was not one: the worker is fine, the page is read again.
    const broken = isBrokenLiteral(error);
    if (current < units.length && !broken) sink.workerFailed(units[current]!, pool.broken?.aborted ? pool.broken.reason : error);
    for (let first = true; current < units.length; current++, received = 0, first = false) {
      let skip = received;
      let unit = units[current]!;
      // A detached buffer has no bytes left: the body went to the worker.
      if (reload && (moved.get(unit)?.byteLength === 0 || (broken && first))) {
        const again = await reload(unit);
        if (again.kind !== unit.kind) skip = 0;
        unit = again;
      }
      for await (const e of lintOrReload(unit, inProcess, reload)) {
        if (skip > 0) skip--;
        else sink.emit(current, [e]);
      }
      sink.ended(current);
    }
  } finally {
    port1.close();
  }
}
