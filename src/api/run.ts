import type { ResolvedConfig, ConfigRequest } from '../config/resolve.js';
import { planLint, type LintPlan, type LintRequest } from '../engine/lint.js';
import { Inventory } from '../engine/inventory.js';
import { AUTO_POOL_UNITS, runPlan, type RunEvent, type RunExtras, type RunSettings } from '../pipeline/run.js';
import { unitsWithParts } from '../pipeline/split.js';
import type { Shard } from '../pipeline/shard.js';


export interface StartOptions {
  cwd: string;
  config: ResolvedConfig;
  /** How `config` was asked for: worker threads load it again from this (src/pipeline/worker.ts). */
  configRequest: ConfigRequest;
  data: boolean;
  online: boolean;
  /** Worker threads; `auto` = `jobs` only when the run has enough units to gain from them. */
  jobs: number;
  jobsExplicit: boolean;
  /** Folders symlinks may lead into besides the config's `allowedRoots` (absolute). */
  allowRoots?: string[];
  errorOnUnmatched?: boolean;
  shard?: Shard;
  fix?: RunSettings['fix'];
  /** `-` / `--stdin`: the descriptor read from standard input. */
  stdin?: LintRequest['stdin'];
  /** `.odlintignore` and `--ignore-pattern`. */
  isIgnored?: LintRequest['isIgnored'];
  /** A cache and a progress observer for the run, made once its settings are known (`--cache` keys on them). */
  extras?: (settings: RunSettings) => RunExtras;
}

export interface StartedRun {
  plan: LintPlan;
  /** Report events in run order, whatever the number of workers. */
  events: AsyncGenerator<RunEvent>;
  /** Filled as the events pass (`summary.inventory` once they are all read). */
  inventory: Inventory;
}

/**
 * The run both the CLI and the programmatic `lint()` make: discover the inputs, then lint the
 * units in-process or on a worker pool, as a stream of report events.
 */
export async function startLint(inputs: string[], o: StartOptions): Promise<StartedRun> {
  const { config } = o;
  const allowedRoots = [...config.allowedRoots, ...(o.allowRoots ?? [])];
  const req: LintRequest = {
    inputs,
    config,
    cwd: o.cwd,
    data: o.data,
    online: o.online,
    errorOnUnmatched: o.errorOnUnmatched !== false,
    allowedRoots,
    ...(o.stdin ? { stdin: o.stdin } : {}),
    ...(o.isIgnored ? { isIgnored: o.isIgnored } : {}),
  };
  const plan = await planLint(req);
  const inventory = new Inventory();
  const units = unitsWithParts(plan, plan.descriptors.length + plan.dataFiles.length, AUTO_POOL_UNITS);
  const workers = units < 2 || (!o.jobsExplicit && units < AUTO_POOL_UNITS) ? 1 : o.jobs;
  const settings: RunSettings = { cwd: o.cwd, data: o.data, online: o.online, config: o.configRequest, allowedRoots, ...(o.shard ? { shard: o.shard } : {}), fix: o.fix ?? false };
  return { plan, events: runPlan(plan, req, settings, workers, inventory, o.extras?.(settings) ?? {}), inventory };
}
