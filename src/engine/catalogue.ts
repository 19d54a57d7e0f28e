/**
 * Catalogue-level rules (GUIDE §3): a rule with a `catalogue` part contributes a compact
 * summary per dataset (`context.contribute`) — counters, a few ids, never the dataset — and
 * reports once, after the last dataset, from the merged summary. Summaries are plain JSON and
 * merge in any grouping (`merge` is associative and commutative in what `report` reads), so
 * units on worker threads and shards on other machines each merge their own, and the run (or
 * `merge-reports`, for shards) merges theirs.
 */
import type { Finding, Severity, SourceLocation } from '../model/index.js';
import type { RuleModule } from './rule-api.js';
import { toFinding } from './messages.js';

/** One rule's merged summary, with the settings it reports under (enough for `merge-reports`). */
export interface CatalogueEntry {
  severity: Severity;
  options: Record<string, unknown>;
  summary: unknown;
  /** The descriptor files that contributed, reduced to their common folder or file. */
  root: string;
}

/** Catalogue summaries by rule id: what units, workers and shards pass on. */
export type CatalogueFacts = Record<string, CatalogueEntry>;

/** The longest common path of two `/`-separated paths (a file, or the folder both are in). */
export function commonPath(a: string, b: string): string {
  if (a === b) return a;
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join('/') || '.';
}

/** A dataset's contribution to a rule's summary (from `context.contribute`). */
export function contribute(facts: CatalogueFacts, rule: RuleModule, severity: Severity, options: Record<string, unknown>, summary: unknown, file: string): void {
  mergeEntry(facts, rule.meta.id, { severity, options, summary, root: file }, rule);
}

/** Adds `entry` into `facts` for `ruleId`, merging with what is there. */
export function mergeEntry(facts: CatalogueFacts, ruleId: string, entry: CatalogueEntry, rule: RuleModule | undefined): void {
  const seen = facts[ruleId];
  if (!seen) {
    facts[ruleId] = entry;
    return;
  }
  if (!rule?.catalogue) return;
  seen.summary = rule.catalogue.merge(seen.summary, entry.summary);
  seen.root = commonPath(seen.root, entry.root);
}

/** Merges a whole set of facts (a unit's, a shard's) into `into`. */
export function mergeFacts(into: CatalogueFacts, from: CatalogueFacts, rules: ReadonlyMap<string, RuleModule>): void {
  // Sorted ids: the merged object's key order does not depend on which part came first.
  for (const id of Object.keys(from).sort()) mergeEntry(into, id, from[id]!, rules.get(id));
}

/** Runs each catalogue rule's `report` on its merged summary; a rule that throws is a core/rule-crashed finding. */
export function catalogueFindings(facts: CatalogueFacts, rules: ReadonlyMap<string, RuleModule>): { file: string; findings: Finding[] }[] {
  const byFile = new Map<string, Finding[]>();
  for (const id of Object.keys(facts).sort()) {
    const rule = rules.get(id);
    const entry = facts[id]!;
    if (!rule?.catalogue) continue;
    const at: SourceLocation = { file: entry.root };
    const out: Finding[] = [];
    try {
      rule.catalogue.report(entry.summary, {
        ruleId: id,
        options: entry.options,
        severity: entry.severity,
        location: at,
        report: (d) => out.push(toFinding(id, d.severity ?? entry.severity, d, rule)),
      });
    } catch (err) {
      const crashed = rules.get('core/rule-crashed');
      out.push(toFinding('core/rule-crashed', 'error', { messageId: 'crashed', data: { rule: id, message: err instanceof Error ? err.message : String(err) }, location: at }, crashed));
    }
    for (const f of out) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  }
  return [...byFile].map(([file, findings]) => ({ file, findings }));
}
