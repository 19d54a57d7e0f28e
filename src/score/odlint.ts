import type { Finding, Severity } from '../model/index.js';

/**
 * odlint's own 0–100 score: 100 minus a penalty for each rule that fired on the dataset, at the
 * worst severity it fired with. A rule counts once however many rows or fields it flagged: one
 * broken column is one problem to fix, not a thousand. Weights are in docs/scores.md.
 */
export const ODLINT_WEIGHTS: Record<Severity, number> = { error: 20, warning: 5, info: 1 };

export function odlintScore(findings: readonly Finding[]): number {
  const worst = new Map<string, number>();
  for (const f of findings) worst.set(f.ruleId, Math.max(worst.get(f.ruleId) ?? 0, ODLINT_WEIGHTS[f.severity]));
  const penalty = [...worst.values()].reduce((a, b) => a + b, 0);
  return Math.max(0, 100 - penalty);
}
