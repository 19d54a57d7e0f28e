import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { lint } from '../../src/engine/lint.js';
import { buildReport } from '../../src/reporters/index.js';
import type { ClientOptions } from '../../src/harvest/client.js';
import { samplerOf } from '../../src/engine/remote.js';
import type { HarvestOptions } from '../../src/harvest/types.js';
import type { Report } from '../../src/model/index.js';
import { ROOT } from '../helpers/lint.js';

/** Lints portal URLs in-process as `odlint <url> --online` does; waits are recorded, not slept beyond a few ms. */
export async function lintPortal(urls: string[], options: HarvestOptions = {}, client: Partial<ClientOptions> = {}, sampleBytes?: number): Promise<{ report: Report; waits: number[] }> {
  const rules = await loadBuiltinRules();
  const config = resolveConfig(rules, { cwd: ROOT, noDiscovery: true });
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return new Promise<void>((resolve) => setTimeout(resolve, 5));
  };
  const clientOptions = { backoffMs: 100, timeoutMs: 5_000, sleep, ...client };
  const sample = sampleBytes ? { sample: samplerOf({ bytes: sampleBytes, client: clientOptions, version: 'test' }, config.limits.descriptorBytes) } : {};
  const result = await lint({ inputs: urls, config, cwd: ROOT, data: sampleBytes !== undefined, online: true, harvest: { options, client: clientOptions, version: 'test' }, ...sample });
  return { report: buildReport(result, ROOT, 'test'), waits };
}

/** Lints local inputs (a file, a snapshot) in-process, with the configuration lintPortal uses. */
export async function lintFiles(inputs: string[]): Promise<Report> {
  const rules = await loadBuiltinRules();
  const config = resolveConfig(rules, { cwd: ROOT, noDiscovery: true });
  return buildReport(await lint({ inputs, config, cwd: ROOT, data: false }), ROOT, 'test');
}

/** The harvest findings of a report: message id, data that matter, location file. */
export const harvestErrors = (report: Report) =>
  report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'core/harvest-error').map((x) => ({ messageId: x.messageId, file: x.location.file, message: x.message })));
