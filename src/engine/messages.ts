import type { Finding, Severity } from '../model/index.js';
import type { ReportDescriptor, RuleModule } from './rule-api.js';
import { maskStrings } from '../knowledge/personal-data/mask-text.js';

/** Fills `{{name}}` placeholders from `data`; unknown placeholders stay visible. */
export function formatMessage(template: string, data?: Record<string, string | number>): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/**
 * A finding from a rule's report: the message filled from the rule's template (an unknown
 * message id is a bug in the rule), the fix kept only for rules marked fixable. The data come
 * from data files and descriptors (column names, values, paths): they are masked here, before
 * they reach the message, so no rule can forget it (docs/personal-data.md).
 */
export function toFinding(ruleId: string, severity: Severity, d: ReportDescriptor, rule?: RuleModule): Finding {
  const template = rule?.meta.messages[d.messageId];
  if (rule && template === undefined) throw new Error(`rule ${ruleId} reported unknown messageId "${d.messageId}"`);
  // A copy: the finding must not change should the rule reuse its data object.
  const data = d.data && maskStrings({ ...d.data });
  return {
    ruleId,
    severity: d.severity ?? severity,
    messageId: d.messageId,
    message: formatMessage(template ?? d.messageId, data),
    location: d.location,
    ...(data ? { data } : {}),
    ...(d.fix && rule?.meta.fixable ? { fix: d.fix } : {}),
  };
}
