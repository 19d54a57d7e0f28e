/** The harvest flags `lint` (with --online) and `harvest` share, checked into the harvest settings. */
import type { Command } from 'commander';
import type { HarvestSettings } from '../engine/remote.js';
import type { Shard } from '../pipeline/shard.js';
import { UsageError } from './io.js';

export interface HarvestFlags {
  maxDatasets?: string;
  since?: string;
  query?: string;
  pageSize?: string;
  timeout?: string;
  retries?: string;
  perHost?: string;
}

export const harvestOptions = (command: Command) =>
  command
    .option('--max-datasets <n>', 'harvest: stop after n datasets (a sample of a portal)')
    .option('--since <date>', 'harvest: only datasets modified on or after this day (YYYY-MM-DD): CKAN, CSW; udata (newest first, stops there)')
    .option('--query <q>', "harvest: search query (CKAN q, e.g. 'organization:xyz'; udata q or 'organization:<id>'; CSW AnyText)")
    .option('--page-size <n>', 'harvest: datasets per page (default: CKAN 1000, udata 100, CSW 100)')
    .option('--timeout <seconds>', 'harvest: time for one request (default 30)')
    .option('--retries <n>', 'harvest: retries of a failed request (429, 5xx, timeouts; default 4)')
    .option('--per-host <n>', 'harvest: requests in flight at once per host (default 4)');

function positive(flag: string, text: string | undefined, zero = false): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < (zero ? 0 : 1) || (flag !== '--timeout' && !Number.isInteger(n))) throw new UsageError(`${flag} expects a ${zero ? 'non-negative' : 'positive'} ${flag === '--timeout' ? 'number' : 'integer'} (got "${text}")`);
  return n;
}

export function harvestSettings(flags: HarvestFlags, version: string, shard?: Shard): HarvestSettings {
  if (flags.since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(flags.since) || Number.isNaN(Date.parse(flags.since)))) throw new UsageError(`--since expects a day as YYYY-MM-DD (got "${flags.since}")`);
  const maxDatasets = positive('--max-datasets', flags.maxDatasets);
  const pageSize = positive('--page-size', flags.pageSize);
  const timeout = positive('--timeout', flags.timeout);
  const retries = positive('--retries', flags.retries, true);
  const perHost = positive('--per-host', flags.perHost);
  return {
    version,
    options: {
      ...(maxDatasets !== undefined ? { maxDatasets } : {}),
      ...(flags.since !== undefined ? { since: flags.since } : {}),
      ...(flags.query !== undefined ? { query: flags.query } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(shard ? { shard } : {}),
    },
    client: { ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}), ...(retries !== undefined ? { retries } : {}), ...(perHost !== undefined ? { perHost } : {}) },
  };
}

