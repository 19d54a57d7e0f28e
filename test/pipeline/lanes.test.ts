import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { Handoff, HARVEST_HEAP_GROWING_PERCENT, heapGrowingPercent, Lanes, LOCAL_HEAP_GROWING_PERCENT } from '../../src/pipeline/lanes.js';
import { EVENT_BATCH, eventBatches, type RunSettings } from '../../src/pipeline/run.js';
import type { UnitEvent } from '../../src/pipeline/unit.js';
import lintTask from '../../src/pipeline/worker.js';

describe('lanes of a run', () => {
  it('--jobs 2: one worker, then the main thread; the next task waits for whichever is done first', async () => {
    const lanes = new Lanes(2, true);
    expect(lanes.workers).toBe(1);
    expect(await lanes.take()).toBe('worker');
    expect(await lanes.take()).toBe('main');
    const third = lanes.take();
    const fourth = lanes.take();
    lanes.give('main');
    expect(await third).toBe('main');
    lanes.give('worker');
    expect(await fourth).toBe('worker');
    // Free again: a worker is taken before the main thread.
    lanes.give('main');
    lanes.give('worker');
    expect(await lanes.take()).toBe('worker');
    expect(await lanes.take()).toBe('main');
  });

  it('without the main thread, every lane is a worker', async () => {
    const lanes = new Lanes(3, false);
    expect(lanes.workers).toBe(3);
    expect(await Promise.all([lanes.take(), lanes.take(), lanes.take()])).toEqual(['worker', 'worker', 'worker']);
    let fourth: string | undefined;
    void lanes.take().then((l) => (fourth = l));
    await Promise.resolve();
    expect(fourth).toBeUndefined();
    lanes.give('worker');
    await Promise.resolve();
    expect(fourth).toBe('worker');
  });
});

describe('heap growth with lanes', () => {
  it('harvested or replayed pages keep the tight bound (the main thread holds their bytes); local files grow further', () => {
    expect(heapGrowingPercent(true)).toBe(HARVEST_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent(false)).toBe(LOCAL_HEAP_GROWING_PERCENT);
    expect(HARVEST_HEAP_GROWING_PERCENT).toBeLessThan(LOCAL_HEAP_GROWING_PERCENT);
  });
});

describe('tasks that must not take the main thread', () => {
  it('wait for a worker while a later task may take the main thread', async () => {
    const lanes = new Lanes(2, true);
    expect(await lanes.take()).toBe('worker');
    // The worker is busy: a worker-only task waits even though the main thread is free.
    const part = lanes.take(false);
    expect(await lanes.take()).toBe('main');
    const other = lanes.take();
    // The main thread is done first: it goes to the task that may take it, not to the part.
    lanes.give('main');
    expect(await other).toBe('main');
    lanes.give('worker');
    expect(await part).toBe('worker');
  });
});

describe('a pool that is starting', () => {
  it('the main thread takes tasks until the workers are ready; then a free worker comes first again', async () => {
    const lanes = new Lanes(2, true);
    let ready!: () => void;
    lanes.bootingUntil(new Promise<void>((resolve) => (ready = resolve)));
    expect(await lanes.take()).toBe('main');
    const second = lanes.take();
    const part = lanes.take(false);
    // The main thread is done before the worker is ready: it takes the next task that may take it.
    lanes.give('main');
    expect(await second).toBe('main');
    ready();
    expect(await part).toBe('worker');
    lanes.give('main');
    lanes.give('worker');
    expect(await lanes.take()).toBe('worker');
    expect(await lanes.take()).toBe('main');
  });

  it('a pool that could not start counts as ready: its tasks go to it, and run here when it is broken', async () => {
    const lanes = new Lanes(3, false);
    lanes.bootingUntil(Promise.reject(new Error('no worker')));
    expect(await Promise.all([lanes.take(), lanes.take()])).toEqual(['worker', 'worker']);
  });
});

describe('a worker\'s end, seen by the main lane outside its event loop', () => {
  let produced = 0;
  const events = async function* (n: number): AsyncGenerator<UnitEvent> {
    for (produced = 0; produced < n; ) yield { kind: 'references', paths: [String(produced++)] };
  };
  // The worker is seen to have ended at the 10th event, and again from the 100th on.
  const workerEnded = () => produced === 10 || produced >= 100;
  const sizes = async (batches: AsyncIterable<UnitEvent[]>) => {
    const out: number[] = [];
    for await (const b of batches) out.push(b.length);
    return out;
  };

  it('a batch is cut after the event at which the worker is seen to have ended, and every event comes once, in order', async () => {
    const n = 2 * EVENT_BATCH + 5;
    expect(await sizes(eventBatches(events(n)))).toEqual([EVENT_BATCH, EVENT_BATCH, 5]);
    const got: UnitEvent[] = [];
    for await (const b of eventBatches(events(n), workerEnded)) got.push(...b);
    expect(got).toEqual(Array.from({ length: n }, (_, i) => ({ kind: 'references', paths: [String(i)] })));
    expect(await sizes(eventBatches(events(n), workerEnded))).toEqual([10, EVENT_BATCH, 100 - 10 - EVENT_BATCH, ...Array(n - 100).fill(1)]);
  });

  it('pending from a worker\'s count until its task settles here; a failed task settles whatever was counted', () => {
    const handoff = new Handoff();
    expect(handoff.pending()).toBe(false);
    Atomics.add(handoff.ended, 0, 1);
    expect(handoff.pending()).toBe(true);
    handoff.settle(true);
    expect(handoff.pending()).toBe(false);
    // Two workers end; one task settles: the other is still pending.
    Atomics.add(handoff.ended, 0, 2);
    handoff.settle(true);
    expect(handoff.pending()).toBe(true);
    handoff.settle(true);
    expect(handoff.pending()).toBe(false);
    // A worker that died never counted its task: the count is not overtaken.
    handoff.settle(false);
    Atomics.add(handoff.ended, 0, 1);
    expect(handoff.pending()).toBe(true);
    // A task that failed after its worker counted it (and another worker's end): all settled.
    Atomics.add(handoff.ended, 0, 1);
    handoff.settle(false);
    expect(handoff.pending()).toBe(false);
  });

  it('a worker task counts its end once, after its last message, whether it linted or failed', async () => {
    const settings: RunSettings = { cwd: process.cwd(), data: false, online: false, config: { cwd: process.cwd() } };
    const ended = new Int32Array(new SharedArrayBuffer(4));
    const run = async (task: Parameters<typeof lintTask>[0]) => {
      const { port1, port2 } = new MessageChannel();
      const messages: unknown[] = [];
      port1.on('message', (m) => messages.push(m));
      const outcome = await lintTask({ ...task, port: port2 } as Parameters<typeof lintTask>[0]).then(
        () => 'done',
        () => 'failed',
      );
      port1.close();
      return outcome;
    };
    expect(await run({ units: [], settings, ended } as never)).toBe('done');
    expect(Atomics.load(ended, 0)).toBe(1);
    const broken = { ...settings, config: { cwd: process.cwd(), configFile: 'no-such-config.yaml' } };
    expect(await run({ units: [], settings: broken, ended } as never)).toBe('failed');
    expect(Atomics.load(ended, 0)).toBe(2);
  });
});
