import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupTasks, taskLimits, TASK_BYTES, TASK_UNITS, TASK_UNITS_WITH_DATA, type Task } from '../../src/pipeline/pool.js';
import type { LintUnit } from '../../src/engine/lint.js';
import { startLint } from '../../src/api/run.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { RunEvent } from '../../src/pipeline/run.js';
// @ts-expect-error the bench helpers are plain ES modules
import { generateCatalogue } from '../../bench/catalogue.mjs';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-pool-'));
const unitsOf = (tasks: Task[]) => tasks.flatMap((t) => (t.kind === 'run' ? t.units.map((u) => u.index) : []));

/** Descriptor units over files of the given sizes. */
function files(sizes: number[]): LintUnit[] {
  const dir = tmp();
  return sizes.map((size, index) => {
    const file = path.join(dir, `d${index}.json`);
    writeFileSync(file, Buffer.alloc(size, 32));
    return { kind: 'descriptor', index, file, explicit: false, format: 'json' };
  });
}

describe('tasks for the worker pool', () => {
  it('groups consecutive small units in plan order, within the unit and byte budgets', () => {
    const units = files([10, 10, 10, 10, 10, 10, 10]);
    const tasks = [...groupTasks(units, { units: 3, bytes: TASK_BYTES })];
    expect(tasks.map((t) => (t.kind === 'run' ? t.units.map((u) => u.index) : []))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);

    // A big file goes alone; the small ones around it are grouped before and after it.
    const mixed = files([100, 100, 950, 100, 100]);
    const byBytes = [...groupTasks(mixed, { units: 64, bytes: 1000 })];
    expect(byBytes.map((t) => (t.kind === 'run' ? t.units.map((u) => u.index) : []))).toEqual([[0, 1], [2], [3, 4]]);
    expect(unitsOf(byBytes)).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves at least four tasks per worker, and fewer units per task when data files are read', () => {
    expect(taskLimits(10_000, 2, false).units).toBe(TASK_UNITS);
    expect(taskLimits(40, 2, false).units).toBe(5);
    expect(taskLimits(3, 2, false).units).toBe(1);
    expect(taskLimits(10_000, 2, true).units).toBe(TASK_UNITS_WITH_DATA);
  });
});

describe('worker heap cap', () => {
  /** The run's report items, as JSON, and the warnings it gave. */
  async function run(cwd: string, jobs: number, workerHeapMb?: number): Promise<{ items: string[]; warnings: string[] }> {
    const configRequest = { cwd, noDiscovery: true };
    const config = await loadConfig(configRequest);
    const warnings: string[] = [];
    // Workers only: the main thread, which has no cap, must not take the big page first.
    const extras = () => ({ ...(workerHeapMb ? { workerHeapMb } : {}), mainLane: false, warn: (m: string) => warnings.push(m) });
    const { events } = await startLint(['small', 'big'], { cwd, config, configRequest, data: false, online: false, jobs, jobsExplicit: true, extras });
    const items: string[] = [];
    for await (const e of events as AsyncIterable<RunEvent>) if (e.kind === 'dataset' || e.kind === 'file') items.push(JSON.stringify(e));
    return { items, warnings };
  }

  it('a unit past a worker heap cap is linted in the main thread: same items as --jobs 1, and a warning naming the file', { timeout: 300_000 }, async () => {
    const cwd = tmp();
    // Six one-dataset files, and one 15 MB page of 2,000 packages (read whole: under the streaming threshold).
    generateCatalogue(path.join(cwd, 'small'), 6, { perPage: 1 });
    mkdirSync(path.join(cwd, 'big'));
    generateCatalogue(path.join(cwd, 'big'), 2000, { perPage: 2000 });
    const single = await run(cwd, 1);
    // 32 MiB holds a worker's rules and the small files, not the big page's parse (a worker
    // imports only the enabled rules: see test/harvest/transfer.test.ts).
    const capped = await run(cwd, 2, 32);
    expect(capped.items.length).toBe(single.items.length);
    expect(capped.items).toEqual(single.items);
    expect(single.warnings).toEqual([]);
    expect(capped.warnings).toEqual(['a worker thread passed its heap limit (32 MiB) on big/package_search-00000.json: it was linted in the main thread']);
  });
});
