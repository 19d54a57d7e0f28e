/** A rule's hooks made outside the engine, for tests that feed it rows themselves: its reports go to `report`. */
import type { ReportDescriptor, RuleModule } from '../../src/engine/rule-api.js';

export function ruleHooks(id: string, rule: Pick<RuleModule, 'meta' | 'create'>, options: Record<string, unknown>, report: (d: ReportDescriptor) => void) {
  return rule.create({
    ruleId: id,
    options: { ...(rule.meta.defaultOptions as object), ...options },
    severity: 'warning',
    settings: { cwd: '/', online: false, data: true },
    // Reports come in the rule's own order: a mark changes nothing here.
    report: (d) => report(d),
    mark: () => 0,
    analysis: () => {
      throw new Error('no analysis here');
    },
    contribute: () => {},
  });
}
