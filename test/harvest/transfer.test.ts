import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runTask, TRANSFER_BYTES, type Pool, type TaskSink } from '../../src/pipeline/pool.js';
import { planLint, localUnitCount, openRemote, type LintUnit } from '../../src/engine/lint.js';
import { remoteBase, type RemoteRun } from '../../src/engine/remote.js';
import { Inventory } from '../../src/engine/inventory.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runPlan, type RunEvent, type RunSettings } from '../../src/pipeline/run.js';
import type { UnitEvent } from '../../src/pipeline/unit.js';
import { runHarvest } from '../../src/cli/harvest-command.js';
import { BROKEN_LITERAL } from '../../src/harvest/client.js';
import { ckanPackages, ckanPortal, startReplay, type Replay } from '../helpers/replay-server.js';

// A big page's bytes move to the worker that lints it (no copy kept in the main thread); should
// that worker die, the page is had again — asked for again, or read again from its snapshot — and
// linted in the main thread, to the same report.

const page = (bytes: number, index = 0): LintUnit => ({ kind: 'fetched', index, url: `https://portal.example/page/${index}`, body: Buffer.alloc(bytes, 0x20), format: 'ckan', byDataset: false });
const settings = { cwd: '/', data: false, online: false, config: { cwd: '/', noDiscovery: true } } as RunSettings;

/** A pool whose worker receives the task (its transfer list moved, as tinypool posts it) and dies — or fails the task with `error`. */
const dyingPool = (error: Error = Object.assign(new Error('worker died'), { code: 'ERR_WORKER_OUT_OF_MEMORY' })): Pool => ({
  run: (task, { transferList }) => {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(task, transferList);
    port1.close();
    port2.close();
    return Promise.reject(error);
  },
});

/** Runs a task on the dying pool: what was emitted, and the body length each unit was linted with in this thread. */
async function runOnDyingPool(units: LintUnit[], reload?: (u: LintUnit) => Promise<LintUnit>) {
  const emitted: UnitEvent[][] = [];
  const linted: number[] = [];
  const sink: TaskSink = { emit: (_, events) => emitted.push(events), ended: () => undefined, workerFailed: () => undefined };
  const inProcess = async function* (unit: LintUnit): AsyncGenerator<UnitEvent> {
    const size = unit.kind === 'fetched' ? unit.body.length : -1;
    linted.push(size);
    yield { kind: 'references', paths: [`${unit.kind}:${size}`] };
  };
  await runTask(dyingPool(), units, settings, sink, inProcess, reload);
  return { emitted: emitted.flat().map((e) => (e.kind === 'references' ? e.paths[0] : e.kind)), linted };
}

describe('page bytes moved to a worker', () => {
  it('a big page moves (its buffer is detached here); when the worker dies it is reloaded and linted whole', async () => {
    const big = page(TRANSFER_BYTES);
    const small = page(TRANSFER_BYTES - 1, 1);
    const reloaded: number[] = [];
    const reload = async (u: LintUnit) => {
      reloaded.push(u.index);
      return page(TRANSFER_BYTES, u.index);
    };
    const { emitted, linted } = await runOnDyingPool([big, small], reload);
    expect((big as { body: Buffer }).body.length).toBe(0);
    expect((small as { body: Buffer }).body.length).toBe(TRANSFER_BYTES - 1);
    // Only the moved page is reloaded; the small one was copied and is still here.
    expect(reloaded).toEqual([0]);
    expect(linted).toEqual([TRANSFER_BYTES, TRANSFER_BYTES - 1]);
    expect(emitted).toEqual([`fetched:${TRANSFER_BYTES}`, `fetched:${TRANSFER_BYTES - 1}`]);
  });

  it('without a way to reload, nothing moves', async () => {
    const big = page(TRANSFER_BYTES);
    const { linted } = await runOnDyingPool([big]);
    expect(linted).toEqual([TRANSFER_BYTES]);
  });

  it('a snapshot page whose JSON string is not one is read again and linted here, moved or copied, without a warning about the worker', async () => {
    for (const bytes of [16, TRANSFER_BYTES]) {
      const unit: LintUnit = { ...page(bytes), escaped: true };
      const emitted: UnitEvent[] = [];
      const failed: unknown[] = [];
      const sink: TaskSink = { emit: (_, events) => emitted.push(...events), ended: () => undefined, workerFailed: (_, e) => failed.push(e) };
      const reloaded: LintUnit[] = [];
      const reload = async (u: LintUnit): Promise<LintUnit> => {
        reloaded.push(u);
        return { kind: 'harvest-error', index: u.index, url: 'snapshot.jsonl', format: 'snapshot', ruleId: 'core/harvest-error', messageId: 'badSnapshot', data: { why: 'line 2 is not JSON' } };
      };
      const inProcess = async function* (u: LintUnit): AsyncGenerator<UnitEvent> {
        yield { kind: 'references', paths: [u.kind] };
      };
      await runTask(dyingPool(new Error(BROKEN_LITERAL)), [unit], settings, sink, inProcess, reload);
      expect(reloaded).toEqual([unit]);
      expect(emitted).toEqual([{ kind: 'references', paths: ['harvest-error'] }]);
      expect(failed).toEqual([]);
    }
  });

  it('a page that cannot be had again is what the reload says instead (a harvest error), passed on whole', async () => {
    const reload = async (u: LintUnit): Promise<LintUnit> => ({ kind: 'harvest-error', index: u.index, url: 'x', format: 'ckan', ruleId: 'core/harvest-error', messageId: 'http', data: {} });
    const { emitted } = await runOnDyingPool([page(TRANSFER_BYTES)], reload);
    expect(emitted).toEqual(['harvest-error:-1']);
  });
});

describe('a harvested page whose worker passes its heap cap', () => {
  let replay: Replay | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });

  /** Lints remote inputs as the CLI does (the portal asked, then the run), on `jobs` threads. */
  async function run(inputs: string[], jobs: number, workerHeapMb?: number) {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'odlint-transfer-'));
    const configRequest = { cwd, noDiscovery: true };
    const config = await loadConfig(configRequest);
    const req = { inputs, config, cwd, data: false, online: false, allowedRoots: [], harvest: { options: { pageSize: 2000 }, client: { retries: 0 }, version: 'test' } };
    const plan = await planLint({ ...req, online: true });
    const remote: RemoteRun[] = [];
    for (let n = 0; n < plan.remote.length; n++) remote.push(await openRemote(plan.remote[n]!, remoteBase(localUnitCount(plan), n), req));
    const warnings: string[] = [];
    const runSettings: RunSettings = { cwd, data: false, online: false, config: configRequest, allowedRoots: [] };
    // Workers only: the main thread, which has no cap, must not take the big page.
    const events = runPlan(plan, req, runSettings, jobs, new Inventory(), { remote, mainLane: false, warn: (m) => warnings.push(m), ...(workerHeapMb ? { workerHeapMb } : {}) });
    const items: string[] = [];
    for await (const e of events as AsyncIterable<RunEvent>) if (e.kind === 'dataset' || e.kind === 'file') items.push(JSON.stringify(e));
    return { items, warnings };
  }

  it('is asked for again (live) or read again (snapshot) and linted in the main thread: the same items as --jobs 1', { timeout: 300_000 }, async () => {
    // A 14 MB page of 2,000 packages, then a small one.
    replay = await startReplay(ckanPortal(ckanPackages(2300)));
    const bigPage = `/api/3/action/package_search?sort=id+asc&rows=2000&start=0`;
    const single = await run([replay.base], 1);
    expect(single.warnings).toEqual([]);
    expect(single.items.length).toBe(2300);
    const asked = replay.requests.filter((r) => r === bigPage).length;

    // 32 MiB holds a worker's rules, not the big page's parse (a worker imports only the enabled
    // rules: with 48 MiB the page fits; 24 MiB still lints the small page, 40 MiB not the big one).
    const capped = await run([replay.base], 2, 32);
    expect(capped.items).toEqual(single.items);
    expect(capped.warnings).toEqual([`a worker thread passed its heap limit (32 MiB) on ${replay.base}${bigPage}: it was linted in the main thread`]);
    // Asked once by the harvest, once more after its worker died.
    expect(replay.requests.filter((r) => r === bigPage).length - asked).toBe(2);

    // The snapshot of the same portal, linted on capped workers: the page is read again from its line.
    const snapshot = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-transfer-')), 'portal.jsonl');
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: '/', isTTY: false, env: {} };
    expect(await runHarvest(replay.base, { output: snapshot, resume: false, progress: false, pageSize: '2000' }, io)).toBe(0);
    const before = replay.requests.length;
    const offline = await run([snapshot], 2, 32);
    expect(replay.requests.length).toBe(before);
    expect(offline.items).toEqual(single.items);
    expect(offline.warnings).toEqual([`a worker thread passed its heap limit (32 MiB) on ${replay.base}${bigPage}: it was linted in the main thread`]);
  });
});
