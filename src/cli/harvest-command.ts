/**
 * `odlint harvest <URL> -o snapshot.jsonl`: fetches a portal's pages into a snapshot
 * (src/harvest/snapshot.ts) without linting them; `odlint snapshot.jsonl` lints it offline. A
 * `<file>.partial` left by an interrupted harvest of the same URL and options is resumed.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../model/index.js';
import { newClient } from '../engine/remote.js';
import { ResumeRefused, startHarvest } from '../harvest/harvest.js';
import { resumeState, SnapshotWriter, SNAPSHOT_VERSION } from '../harvest/snapshot.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { systemErrorMessage } from '../util/system-error.js';
import { odlintVersion } from './version.js';
import { harvestSettings, type HarvestFlags } from './harvest-options.js';
import { ProgressLine, progressWanted } from './progress.js';
import { OutputError, UsageError, type CliIO } from './io.js';
import { isHttpUrl } from '../util/http-url.js';

export interface HarvestCommandFlags extends HarvestFlags {
  output?: string;
  resume: boolean;
  progress?: boolean;
  shard?: string;
}

export async function runHarvest(url: string, flags: HarvestCommandFlags, io: CliIO): Promise<number> {
  if (!isHttpUrl(url)) throw new UsageError(`harvest expects an http(s) URL (got "${url}")`);
  if (!flags.output || flags.output === '-') throw new UsageError('harvest writes a snapshot file: give it with -o <file>.jsonl');
  let shard: Shard | undefined;
  if (flags.shard !== undefined && !(shard = parseShard(flags.shard))) throw new UsageError(`--shard expects k/n with 1 ≤ k ≤ n (got "${flags.shard}")`);
  const version = odlintVersion();
  const settings = harvestSettings(flags, version, shard);
  const file = path.resolve(io.cwd, flags.output);
  const client = newClient(settings, DEFAULT_LIMITS.descriptorBytes);
  const options = Object.fromEntries(Object.entries({ ...settings.options, shard: shard ? `${shard.index}/${shard.total}` : undefined }).filter(([, v]) => v !== undefined)) as Record<string, string | number>;

  const { stats, records, resumeAt } = await harvestFrom(url, client, settings, file, flags.resume, options, io);
  let writer: SnapshotWriter;
  try {
    writer = new SnapshotWriter(file, { odlintSnapshot: SNAPSHOT_VERSION, url, kind: stats.kind, startedAt: new Date().toISOString(), tool: `odlint ${version}`, options }, resumeAt);
  } catch (e) {
    throw new OutputError(`cannot write the snapshot to ${flags.output}: ${systemErrorMessage(e)}`);
  }
  // Pages done of those the count announces, datasets (with their rate), failed pages.
  const progress = progressWanted(flags.progress, Boolean(io.stderrIsTTY), io.env)
    ? new ProgressLine({ write: io.stderr, tty: Boolean(io.stderrIsTTY), unit: 'pages', rateOf: 'datasets', ...(io.columns ? { columns: io.columns } : {}) })
    : undefined;
  const pageSize = settings.options.pageSize ?? stats.pageSize;
  let errors = 0;
  try {
    for await (const r of records) {
      if (stats.announced !== undefined && pageSize) progress?.total(Math.ceil(Math.min(stats.announced, settings.options.maxDatasets ?? Infinity) / pageSize));
      if (r.kind === 'error') {
        errors++;
        progress?.count('failed', 1);
      } else progress?.count('datasets', r.limit ?? r.datasets);
      progress?.advance();
      writer.record(r, stats.announced);
    }
    writer.finish(stats);
  } catch (e) {
    writer.close();
    throw new OutputError(`the harvest stopped (${systemErrorMessage(e)}); ${path.basename(writer.partial)} holds what was fetched: run the same command again to resume`);
  } finally {
    progress?.stop();
  }
  const announced = stats.announced !== undefined ? ` of ${stats.announced} announced` : '';
  io.stderr(`odlint: ${stats.harvested} datasets${announced} harvested from ${url} (${stats.kind}) in ${stats.pages} pages, ${stats.failedPages} failed; snapshot written to ${flags.output}\n`);
  return errors ? 1 : 0;
}

/** Starts the harvest, resuming a partial snapshot of the same URL and options when there is one. */
async function harvestFrom(url: string, client: ReturnType<typeof newClient>, settings: ReturnType<typeof harvestSettings>, file: string, resume: boolean, options: Record<string, string | number>, io: CliIO) {
  const partial = `${file}.partial`;
  const state = resume && existsSync(partial) ? await resumeState(partial, { url, options }) : undefined;
  if (state) io.stderr(`odlint: resuming ${path.basename(partial)} at page ${state.page + 1} (${state.harvested} datasets already harvested)\n`);
  else if (resume && existsSync(partial)) io.stderr(`odlint: ${path.basename(partial)} is not a partial harvest of ${url} with these options: starting afresh\n`);
  try {
    const { stats, records } = await startHarvest(url, client, settings.options, state);
    return { stats, records, resumeAt: state?.wholeBytes };
  } catch (e) {
    if (!(e instanceof ResumeRefused)) throw e;
    io.stderr(`odlint: ${e.message}: starting afresh\n`);
    const { stats, records } = await startHarvest(url, client, settings.options);
    return { stats, records, resumeAt: undefined };
  }
}
