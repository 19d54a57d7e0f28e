import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetReport, FileReport, InventorySummary } from '../model/index.js';
import { builtinRuleMetas, importBuiltinRules, metaOnlyRule } from '../engine/registry.js';
import { catalogueEvents, type RunEvent } from '../pipeline/run.js';
import { mergeFacts, type CatalogueFacts } from '../engine/catalogue.js';
import type { RuleModule } from '../engine/rule-api.js';
import type { Seq } from '../pipeline/unit.js';
import { UsageError, type CliIO } from './io.js';
import { readBaseline } from './baseline.js';
import { outputOptions, type LintFlags } from './lint-command.js';
import { finishRun, writeReports } from './report-stage.js';
import { scorecardOptions } from './scorecard-options.js';

export type MergeFlags = Pick<LintFlags, 'format' | 'output' | 'failOn' | 'maxWarnings' | 'quiet' | 'color' | 'baseline' | 'basePath' | 'csvBom' | 'compare' | 'scorecardInlineLimit' | 'dataLicence' | 'dataPublisher' | 'dataContact'>;

type Line =
  | { type: 'run'; tool: { name: string; version: string }; schemaVersion: number; shard?: { index: number; total: number } }
  | { type: 'dataset'; seq: Seq; dataset: DatasetReport }
  | { type: 'file'; seq: Seq; file: FileReport }
  | { type: 'catalogue'; facts: CatalogueFacts }
  | { type: 'summary'; summary: { inventory?: InventorySummary } };

/** Reads a jsonl part line by line; a line that is not odlint's is a usage error naming the file and line. */
async function* partLines(file: string, shown: string): AsyncGenerator<Line> {
  let n = 0;
  try {
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      n++;
      if (!text.trim()) continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        throw new UsageError(`${shown}:${n}: not a JSON line`);
      }
      if (n === 1 && line.type !== 'run') throw new UsageError(`${shown} is not an odlint jsonl report (the first line must be the "run" line)`);
      if (!['run', 'dataset', 'file', 'catalogue', 'summary'].includes(line.type)) throw new UsageError(`${shown}:${n}: unknown line type`);
      yield line;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${shown} not found`);
    throw e;
  }
}

const before = (a: Seq, b: Seq) => a[0] - b[0] || a[1] - b[1];

/**
 * `odlint merge-reports part-*.jsonl -f <format> -o <file>`: joins the jsonl parts of a run (the
 * shards of `--shard k/n`, in any order) into any report format, with the same bytes a single
 * run gives: datasets are merged by their place in the run, streaming (one line per part in
 * memory), and every shard of the run must be there exactly once.
 */
export async function runMergeReports(files: string[], flags: MergeFlags, io: CliIO): Promise<number> {
  if (files.length === 0) throw new UsageError('merge-reports needs the jsonl reports to merge');
  const { targets, maxWarnings } = outputOptions(flags, io.cwd);
  const scorecard = scorecardOptions(flags, io.cwd);
  const baselined = flags.baseline ? readBaseline(path.resolve(io.cwd, flags.baseline), flags.baseline) : undefined;
  const parts = files.map((f) => ({ shown: f, lines: partLines(path.resolve(io.cwd, f), f) }));

  // The run lines: one version, and (for shards) every part of n exactly once.
  const runs = [];
  for (const p of parts) {
    const first = (await p.lines.next()).value as Extract<Line, { type: 'run' }> | undefined;
    if (!first) throw new UsageError(`${p.shown} is empty`);
    runs.push(first);
  }
  const version = runs[0]!.tool.version;
  if (runs.some((r) => r.tool.version !== version)) throw new UsageError('the reports come from different odlint versions');
  const shards = runs.filter((r) => r.shard);
  if (shards.length) {
    const total = shards[0]!.shard!.total;
    const seen = new Set(shards.map((r) => r.shard!.index));
    if (shards.length !== runs.length || shards.some((r) => r.shard!.total !== total) || seen.size !== shards.length || seen.size !== total) {
      const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
      throw new UsageError(`the parts do not make one run: expected shards 1..${total} once each${missing.length ? ` (missing ${missing.map((i) => `${i}/${total}`).join(', ')})` : ''}`);
    }
  }

  // The reports need the rules' metas; only the catalogue rules the parts summarised are imported (as their lines come).
  const metas = await builtinRuleMetas();
  const rules = new Map([...metas].map(([id, meta]) => [id, metaOnlyRule(meta)]));
  // Every shard reads every descriptor: each part's inventory is the whole run's.
  const summaries: { inventory?: InventorySummary }[] = [];
  const { summary } = await writeReports(merged(parts, summaries, rules, io.cwd), {
    targets,
    io,
    version,
    rules: metas,
    quiet: Boolean(flags.quiet),
    color: flags.color,
    ...(flags.basePath !== undefined ? { basePath: path.resolve(io.cwd, flags.basePath) } : {}),
    ...(flags.csvBom ? { csvBom: true } : {}),
    ...(baselined ? { baseline: baselined } : {}),
    ...(scorecard ? { scorecard } : {}),
    inventory: () => summaries[0]?.inventory,
  });
  return finishRun(summary, flags.failOn, maxWarnings, io);
}

/**
 * The parts' datasets in run order (a k-way merge by `seq`), then their files' findings in run
 * order, then what the catalogue rules report from the shards' merged summaries.
 */
async function* merged(
  parts: { shown: string; lines: AsyncGenerator<Line> }[],
  summaries: { inventory?: InventorySummary }[],
  rules: Map<string, RuleModule>,
  cwd: string,
): AsyncGenerator<RunEvent> {
  const files: Extract<Line, { type: 'file' }>[] = [];
  const catalogue: CatalogueFacts = {};
  const heads: (Extract<Line, { type: 'dataset' }> | undefined)[] = [];
  const advance = async (i: number) => {
    for (;;) {
      const { value, done } = await parts[i]!.lines.next();
      if (done) return undefined;
      if (value.type === 'dataset') return value;
      if (value.type === 'file') files.push(value);
      if (value.type === 'summary') summaries.push(value.summary);
      // Each shard's summaries hold paths relative to the working directory: made absolute again.
      if (value.type === 'catalogue') {
        const facts = Object.fromEntries(Object.entries(value.facts).map(([id, e]) => [id, { ...e, root: path.resolve(cwd, e.root) }]));
        for (const [id, rule] of await importBuiltinRules(Object.keys(facts).filter((id) => rules.has(id)))) rules.set(id, rule);
        mergeFacts(catalogue, facts, rules);
      }
      if (value.type === 'run') throw new UsageError(`${parts[i]!.shown}: a second "run" line (concatenated reports?)`);
    }
  };
  for (let i = 0; i < parts.length; i++) heads[i] = await advance(i);
  let last: Seq | undefined;
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] && (min < 0 || before(heads[i]!.seq, heads[min]!.seq) < 0)) min = i;
    if (min < 0) break;
    const head = heads[min]!;
    if (last && before(head.seq, last) <= 0) throw new UsageError(`dataset ${head.dataset.id} appears twice or out of order (the same part given twice?)`);
    last = head.seq;
    yield { kind: 'dataset', seq: head.seq, report: head.dataset };
    heads[min] = await advance(min);
  }
  files.sort((a, b) => before(a.seq, b.seq));
  for (const f of files) yield { kind: 'file', seq: f.seq, report: f.file };
  yield* catalogueEvents(catalogue, rules, cwd, false);
}
