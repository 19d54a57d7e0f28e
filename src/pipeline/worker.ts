import { loadConfig } from '../config/load-config.js';
import type { LintRequest } from '../engine/lint.js';
import { samplerOf } from '../engine/remote.js';
import { DEFAULT_LIMITS } from '../model/index.js';
import { reportUnit, type UnitEvent } from './unit.js';
import { EVENT_BATCH, type RunSettings, type WorkerTask } from './run.js';

/** The run's request, resolved once per worker (the settings are the same for every task of a run). */
let cached: { key: string; req: Promise<LintRequest> } | undefined;

function requestFor(settings: RunSettings): Promise<LintRequest> {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) {
    // The same config file, so the same plugins, imported here by the paths it resolves to.
    const req = loadConfig(settings.config).then((config) => ({
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

/** A worker thread's task: lint one unit, sending its events back in batches as they come. */
export default async function lintUnitTask({ unit, settings, port }: WorkerTask): Promise<void> {
  let batch: UnitEvent[] = [];
  try {
    for await (const e of reportUnit(unit, await requestFor(settings), settings)) {
      batch.push(e);
      if (batch.length >= EVENT_BATCH) {
        port.postMessage(batch);
        batch = [];
      }
    }
    if (batch.length) port.postMessage(batch);
  } finally {
    port.postMessage('done');
    port.close();
  }
}
