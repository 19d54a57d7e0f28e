/**
 * Remote inputs as units of work: a portal harvested live (`--online`), or a snapshot replayed.
 * Each page becomes a unit whose "file" is the page's URL, so findings point at the portal
 * whichever way the pages came; a page that could not be had becomes a `core/harvest-error`.
 * Units stream: pages are linted while the next ones are fetched.
 */
import { HttpClient, DEFAULT_CLIENT, userAgentOf, type ClientOptions } from '../harvest/client.js';
import { HARVEST_END, problemOf } from '../harvest/walk.js';
import { readSnapshot, readSnapshotLine, type LineAt } from '../harvest/snapshot.js';
import type { Sampler } from '../harvest/sample.js';
import type { HarvestOptions, HarvestRecord, HarvestStats, PortalKind } from '../harvest/types.js';
import type { LintUnit } from './lint.js';

/** A URL given on the command line (with --online), or a snapshot file found among the inputs. */
export type RemoteInput = { kind: 'portal'; url: string } | { kind: 'snapshot'; file: string };

/** What the run needs to harvest: the client's politeness settings and the harvest options. */
export interface HarvestSettings {
  options: HarvestOptions;
  client: Partial<ClientOptions>;
  version: string;
}

export interface RemoteRun {
  stats: HarvestStats;
  /** Pages the run expects (to choose between in-process and the worker pool). */
  estimatedUnits: number;
  units: AsyncIterable<LintUnit>;
  client?: HttpClient;
  /**
   * A page's unit with its body again — the page asked for again, or its snapshot line read
   * again — for a page whose bytes moved to a worker that died (src/pipeline/pool.ts).
   */
  reload?: (unit: LintUnit) => Promise<LintUnit>;
}

/** Unit indices of the n-th remote input start here: after every local unit, 2^33 apart. */
export const remoteBase = (localUnits: number, n: number) => localUnits + n * 2 ** 33;

/** Kinds whose one page is split between shards by dataset (a data.json, a single descriptor), not by page. */
const ONE_PAGE: PortalKind[] = ['dcat-us', 'document'];

export function unitOf(r: HarvestRecord, base: number, kind: PortalKind, format: string): LintUnit {
  const index = base + r.page;
  if (r.kind === 'error') return { kind: 'harvest-error', index, url: r.url, format, ruleId: r.ruleId ?? 'core/harvest-error', messageId: r.messageId, data: r.data };
  return { kind: 'fetched', index, url: r.url, body: r.body, format, byDataset: ONE_PAGE.includes(kind), ...(r.limit !== undefined ? { limit: r.limit } : {}), ...(r.part ? { part: r.part } : {}), ...(r.escaped ? { escaped: true as const } : {}) };
}

const FORMAT_OF: Record<PortalKind, string> = { ckan: 'ckan', udata: 'udata', hydra: 'dcat-ap', csw: 'dcat-ap', 'dcat-us': 'dcat-us', document: 'unknown' };

export function newClient(settings: HarvestSettings, maxBytes: number): HttpClient {
  return new HttpClient({ ...DEFAULT_CLIENT, maxBytes, userAgent: userAgentOf(settings.version), ...settings.client });
}

/** Starts harvesting a portal (detection makes its first requests now). */
export async function openPortal(url: string, base: number, settings: HarvestSettings, maxBytes: number): Promise<RemoteRun> {
  const client = newClient(settings, maxBytes);
  // The portal protocols (CKAN, udata, CSW, Hydra, DCAT-US) are imported by an --online run only.
  const { startHarvest } = await import('../harvest/harvest.js');
  const { stats, records, accept } = await startHarvest(url, client, settings.options);
  const size = stats.pageSize;
  const estimatedUnits = stats.announced !== undefined && size ? Math.ceil(Math.min(stats.announced, settings.options.maxDatasets ?? Infinity) / size) : (stats.expectedPages ?? 1);
  async function* units(): AsyncGenerator<LintUnit> {
    for await (const r of records) yield unitOf(r, base, stats.kind, FORMAT_OF[stats.kind]);
  }
  // (A page that cannot be had again is the harvest error it would have been the first time.)
  const reload = async (unit: LintUnit): Promise<LintUnit> => {
    if (unit.kind !== 'fetched') return unit;
    const got = await client.get(unit.url, accept);
    if (got.ok) return { ...unit, body: got.bytes ?? got.text };
    const problem = problemOf(got);
    return { kind: 'harvest-error', index: unit.index, url: unit.url, format: unit.format, ruleId: problem.ruleId ?? 'core/harvest-error', messageId: problem.messageId, data: problem.data };
  };
  return { stats, estimatedUnits, units: units(), client, reload };
}

/**
 * Replays a snapshot: its pages as units in their order, its failed pages as findings, its
 * counts from the records (a partial snapshot says what it holds, nothing more). A page's body
 * goes as its JSON string as written, parsed by the thread that lints it; should that string
 * not be one, the line is read again here (`reload`) and is what it would have been read whole.
 */
export async function openSnapshot(file: string, base: number, sizeBytes: number): Promise<RemoteRun> {
  const lines = readSnapshot(file, true);
  const first = await lines.next();
  const header = !first.done && first.value.type === 'header' ? first.value.header : undefined;
  const kind = header?.kind ?? 'document';
  const stats: HarvestStats = { url: header?.url ?? file, kind, harvested: 0, pages: 0, failedPages: 0, linted: 0 };
  // Where each page's line is (units let go once linted), to read it again.
  const lineOf = new WeakMap<LintUnit, LineAt>();
  const count = (r: HarvestRecord) => {
    if (r.kind === 'page') {
      stats.pages++;
      stats.harvested += r.limit ?? r.datasets;
    } else if (r.page < HARVEST_END) stats.failedPages++;
  };
  // The datasets each page sent unread counted (its line may turn out to say otherwise).
  const unread = new WeakMap<LintUnit, number>();
  const badLine = (message: string): LintUnit => ({ kind: 'harvest-error', index: base + HARVEST_END - 1, url: file, format: 'snapshot', ruleId: 'core/harvest-error', messageId: 'badSnapshot', data: { why: message } });
  async function* units(): AsyncGenerator<LintUnit> {
    if (!header) {
      yield { kind: 'harvest-error', index: base, url: file, format: 'snapshot', ruleId: 'core/harvest-error', messageId: 'badSnapshot', data: { why: 'its first line is not a snapshot header' } };
      return;
    }
    for await (const l of lines) {
      if (l.type === 'bad') {
        yield badLine(l.message);
        continue;
      }
      if (l.type === 'end') {
        if (l.end.announced !== undefined) stats.announced = l.end.announced;
        continue;
      }
      if (l.type !== 'record') continue;
      const r = l.record;
      if (l.announced !== undefined) stats.announced ??= l.announced;
      count(r);
      const unit = unitOf(r, base, kind, FORMAT_OF[kind]);
      if (l.at) lineOf.set(unit, l.at);
      if (r.kind === 'page' && r.escaped) unread.set(unit, r.limit ?? r.datasets);
      yield unit;
    }
  }
  const reload = async (unit: LintUnit): Promise<LintUnit> => {
    const at = lineOf.get(unit);
    const again = at && (await readSnapshotLine(file, at).catch((e: Error) => ({ type: 'bad' as const, message: e.message })));
    // A body sent unread: the line read whole now says what it is (a bad line, or a page whose body was not its last member), and counts as such.
    const counted = unread.get(unit);
    if (counted !== undefined && (again?.type === 'bad' || again?.type === 'record')) {
      stats.pages--;
      stats.harvested -= counted;
      if (again.type === 'bad') return badLine(again.message);
      count(again.record);
    }
    if (again?.type === 'record') return unitOf(again.record, base, kind, FORMAT_OF[kind]);
    const why = !again ? 'the page cannot be read again' : again.type === 'bad' ? `the page cannot be read again: ${again.message}` : 'the page cannot be read again: its line changed';
    return { kind: 'harvest-error', index: unit.index, url: file, format: 'snapshot', ruleId: 'core/harvest-error', messageId: 'badSnapshot', data: { why } };
  };
  return { stats, estimatedUnits: Math.max(1, Math.floor(sizeBytes / (1 << 20))), units: units(), reload };
}

/** `--online --data`: what a process needs to sample remote CSV files (serialisable, for workers). */
export interface SampleSettings {
  bytes: number;
  client: Partial<ClientOptions>;
  version: string;
}

/** The sampler of this process (one client: its per-host limit holds across the units it runs). */
export function samplerOf(s: SampleSettings, maxBytes: number): Sampler {
  return { bytes: s.bytes, client: newClient({ options: {}, client: s.client, version: s.version }, maxBytes) };
}
