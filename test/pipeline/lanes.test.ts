import { describe, expect, it } from 'vitest';
import { Lanes } from '../../src/pipeline/lanes.js';

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
