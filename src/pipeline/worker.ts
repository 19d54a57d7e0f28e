import { loadConfig } from '../config/load-config.js';
import type { ConfigRequest, ResolvedConfig } from '../config/resolve.js';
import type { LintRequest, LintUnit } from '../engine/lint.js';
import { samplerOf } from '../engine/remote.js';
import { pageText } from '../harvest/client.js';
import { DEFAULT_LIMITS } from '../model/index.js';
import { reportUnit, type UnitEvent } from './unit.js';
import { datasetTally } from '../reporters/build-report.js';
import { eventBatches, type RunSettings } from './run.js';
import type { WarmTask, WorkerMessage, WorkerTask } from './pool.js';

/** The run's config and request, each resolved once per worker (the same for every task of a run). */
let cachedConfig: { key: string; config: Promise<ResolvedConfig> } | undefined;
let cached: { key: string; req: Promise<LintRequest> } | undefined;

function configFor(request: ConfigRequest): Promise<ResolvedConfig> {
  const key = JSON.stringify(request);
  // The same config file, so the same plugins, imported here by the paths it resolves to.
  if (cachedConfig?.key !== key) cachedConfig = { key, config: loadConfig(request) };
  return cachedConfig.config;
}

function requestFor(settings: RunSettings): Promise<LintRequest> {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) {
    const req = configFor(settings.config).then((config) => ({
      inputs: [],
      config,
      cwd: settings.cwd,
      data: settings.data,
      online: settings.online,
      allowedRoots: settings.allowedRoots ?? [],
      ...(settings.sample ? { sample: samplerOf(settings.sample, DEFAULT_LIMITS.descriptorBytes) } : {}),
    }));
    cached = { key, req };
  }
  return cached.req;
}

/**
 * A page's bytes (moved here from the main thread) decoded once and let go: its lint reads the
 * text. A snapshot page's JSON string is parsed here (should it not be one, the task fails with
 * `BROKEN_LITERAL` and the main thread reads its line again).
 */
function asText(unit: LintUnit): LintUnit {
  if (unit.kind !== 'fetched' || typeof unit.body === 'string') return unit;
  const { escaped, ...rest } = unit;
  return { ...rest, body: pageText(unit.body, escaped) };
}

/** A dataset's report as its JSON text and tally (src/pipeline/unit.ts PackedDataset); other events as they are. */
export function packed(e: UnitEvent): UnitEvent {
  if (e.kind !== 'dataset' || e.unnamed) return e;
  return { kind: 'packed', seq: e.seq, json: JSON.stringify(e.report), tally: datasetTally(e.report) };
}

/**
 * A worker thread's task: lint its units one after the other, sending each unit's events back in
 * batches as they come, then the unit's position in the task when it is through.
 */
export default async function lintTask(task: WorkerTask | WarmTask): Promise<void> {
  if ('warm' in task) {
    await configFor(task.warm);
    return;
  }
  const { units, settings, port, pack, ended } = task;
  const post = (msg: WorkerMessage) => port.postMessage(msg);
  try {
    const req = await requestFor(settings);
    for (let i = 0; i < units.length; i++) {
      units[i] = asText(units[i]!);
      for await (const batch of eventBatches(reportUnit(units[i]!, req, settings))) post(pack ? batch.map(packed) : batch);
      post(i);
    }
  } finally {
    port.close();
    // After the task's last message: the main thread may turn its event loop for it now.
    if (ended) Atomics.add(ended, 0, 1);
  }
}
