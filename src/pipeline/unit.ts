import type { Dataset, DatasetReport, FileReport } from '../model/index.js';
import { descriptorDir, resolveDataRef } from '../loaders/paths.js';
import { lintUnit, type InventoryItem, type LintItem, type LintRequest, type LintUnit } from '../engine/lint.js';
import { datasetReport, fileReport } from '../reporters/build-report.js';
import { checkUrls, collectUrls, udataDescriptionLength, type UrlCheck } from '../score/index.js';
import { applyFixes } from '../fix/apply.js';
import { displayPath } from '../util/paths.js';
import { systemErrorMessage } from '../util/system-error.js';
import { OutputError } from '../cli/io.js';
import { inShard, type Shard } from './shard.js';
import type { CatalogueFacts } from '../engine/catalogue.js';
import type { DatasetTally } from '../reporters/build-report.js';

/**
 * Where an item goes in the report: its unit's place in the plan, then its place in the unit.
 * Shards and workers finish in any order; sorting by `seq` gives back the single run's order.
 */
export type Seq = [unit: number, item: number];

/** `unnamed`: a dataset without an id in a part of a split file (its id names its place in the file: src/pipeline/split.ts renumbers it). */
export type ReportItem = { kind: 'dataset'; seq: Seq; report: DatasetReport; unnamed?: true } | { kind: 'file'; seq: Seq; report: FileReport };

/**
 * A dataset's report as its JSON text and what the summary counts of it, made by a worker for a
 * run whose outputs write that text as it is (jsonl): the main thread neither clones the report's
 * objects out of the worker's message nor serialises them again. Never split parts' datasets
 * (their items are renumbered) nor harvested ones.
 */
export interface PackedDataset {
  kind: 'packed';
  seq: Seq;
  json: string;
  tally: DatasetTally;
}

/**
 * What one unit produces: report items, the data files its datasets reference, the other files
 * they read (Table Schema and dialect files named by path: what `--cache` must also watch), the
 * fixes written, the catalogue summaries of its datasets.
 */
export type UnitEvent =
  | ReportItem
  | PackedDataset
  | InventoryItem
  | { kind: 'references'; paths: string[] }
  | { kind: 'reads'; paths: string[] }
  | FixedEvent
  /** The unit's catalogue summaries (src/engine/catalogue.ts), merged by the run. */
  | { kind: 'catalogue'; facts: CatalogueFacts };

/** The fixes of a unit: written (`--fix`), or only worked out (`--fix-dry-run`, with each change). */
export interface FixedEvent {
  kind: 'fixed';
  written: { file: string; count: number }[];
  dryRun?: { file: string; pointer: string; from: string; to: string }[];
}

export interface UnitOptions {
  shard?: Shard;
  /** `--fix`: write the unit's safe fixes, then report without the findings they repaired; `dry-run`: write nothing. */
  fix?: boolean | 'dry-run';
}

/** URL checks made with --online, shared by the units of one process. */
const checked = new Map<string, UrlCheck>();

/**
 * Lints one unit and turns each dataset into its report part at once (line/column resolved,
 * scores computed), so the model and the parsed document can go. With --fix the unit's items
 * are held until its fixes are written (fixes are per descriptor file).
 */
export async function* reportUnit(unit: LintUnit, req: LintRequest, options: UnitOptions = {}): AsyncGenerator<UnitEvent> {
  const { cwd } = req;
  // A harvested page belongs whole to the shard that fetched it; other units split by dataset.
  const split = unit.kind !== 'harvest-error' && (unit.kind !== 'fetched' || unit.byDataset);
  // Without --shard every dataset is wanted: no identity string is built for each.
  const sharded = split && options.shard !== undefined && options.shard.total > 1;
  const wanted = (file: string, pointer = '') => !sharded || inShard(options.shard, `${displayPath(cwd, file)}#${pointer}`);
  let item = 0;
  let datasetIndex = 0;
  const references: string[] = [];
  const reads = new Set<string>();
  const held: { seq: Seq; index: number; lint: LintItem }[] = [];
  const facts: CatalogueFacts = {};
  const toReport = async (seq: Seq, index: number, lint: LintItem): Promise<ReportItem | undefined> => {
    if (lint.kind === 'file') return wanted(lint.file) ? { kind: 'file', seq, report: fileReport(lint.file, lint.findings, cwd) } : undefined;
    if (lint.kind !== 'dataset') return undefined;
    const reachability = req.online ? await reach(collectUrls([lint.dataset])) : undefined;
    const descriptionLength = udataDescriptionLength(req.config.forFile(lint.dataset.source.file));
    const scoring = { ...(reachability ? { reachability } : {}), ...(descriptionLength !== undefined ? { udataDescriptionLength: descriptionLength } : {}) };
    const unnamed = lint.dataset.id === undefined && unit.kind === 'fetched' && unit.part?.local !== undefined;
    return { kind: 'dataset', seq, report: datasetReport(lint.dataset, lint.findings, cwd, index, scoring), ...(unnamed ? { unnamed: true as const } : {}) };
  };

  for await (const lint of lintUnit(unit, req, (ds) => wanted(ds.source.file, ds.at.pointer), facts)) {
    const seq: Seq = [unit.index, item++];
    // A dataset's place among its file's datasets (checked here or by another shard).
    const index = lint.kind === 'dataset' || lint.kind === 'skipped' ? datasetIndex++ : -1;
    if (lint.kind === 'dataset' || lint.kind === 'skipped') references.push(...lint.localPaths);
    if (lint.kind === 'dataset') for (const p of documentsRead(lint.dataset)) reads.add(p);
    if (lint.kind === 'inventory') {
      yield lint;
      continue;
    }
    if (options.fix) {
      held.push({ seq, index, lint });
      continue;
    }
    const out = await toReport(seq, index, lint);
    if (out) yield out;
  }
  if (options.fix && held.length) {
    const entries = held.flatMap((h) => (h.lint.kind === 'dataset' || h.lint.kind === 'file' ? [h.lint] : []));
    let outcome: ReturnType<typeof applyFixes>;
    try {
      const dryRun = options.fix === 'dry-run';
      outcome = applyFixes(entries.flatMap((e) => e.findings), req.config.limits, { dryRun, ...(unit.kind === 'stdin' ? { texts: new Map([[unit.file, unit.text]]) } : {}) });
    } catch (e) {
      throw new OutputError(`cannot write the fixes: ${systemErrorMessage(e)}`);
    }
    const { written, fixed, changes } = outcome;
    for (const e of entries) if (fixed.size) e.findings = e.findings.filter((f) => !fixed.has(f));
    if (written.length) yield { kind: 'fixed', written, ...(options.fix === 'dry-run' ? { dryRun: changes } : {}) };
    for (const h of held) {
      const out = await toReport(h.seq, h.index, h.lint);
      if (out) yield out;
    }
  }
  if (references.length) yield { kind: 'references', paths: references };
  if (reads.size) yield { kind: 'reads', paths: [...reads] };
  if (Object.keys(facts).length) yield { kind: 'catalogue', facts };
}

/** The Table Schema and dialect files a dataset's distributions name by a local path (the loaders read them). */
function documentsRead(ds: Dataset): string[] {
  const out: string[] = [];
  for (const dist of ds.distributions) {
    for (const key of ['schemaRef', 'dialectRef']) {
      const ref = dist.extras[key];
      if (typeof ref !== 'string') continue;
      const resolved = resolveDataRef(descriptorDir(ds.source.file), ref);
      if (resolved.kind === 'local') out.push(resolved.path);
    }
  }
  return out;
}

/** --online: each access/download URL is requested once per process. */
async function reach(urls: string[]): Promise<Map<string, UrlCheck>> {
  const todo = urls.filter((u) => !checked.has(u));
  if (todo.length) for (const [u, r] of await checkUrls(todo)) checked.set(u, r);
  return checked;
}
