import { defineRule, shaclResults, type RuleModule } from '../../src/engine/rule-api.js';
import type { Severity } from '../../src/model/index.js';

/**
 * The `dcat-ap/*` rules are one shape: each reports the SHACL results of one vendored shape set
 * (src/shacl/shape-sets.ts) at the focus node's source, one finding per focus node, path and
 * constraint whichever sets found it. The configured severity is a ceiling: each finding takes
 * its shape's sh:severity (Violation = error, Warning = warning, Info = info) under it.
 */

/** Message per constraint component (sh:resultMessage, from the shape or the engine, is `message`). */
const MESSAGES: Record<string, string> = {
  minCount: '{{node}}: {{path}} is missing ({{message}})',
  maxCount: '{{node}}: {{path}} has too many values ({{message}})',
  nodeKind: '{{node}}: {{path}} has a value of the wrong kind, {{value}} ({{message}})',
  datatype: '{{node}}: {{path}} has a value of the wrong datatype, {{value}} ({{message}})',
  class: '{{node}}: {{path}} points to {{value}}, not of the class the profile requires ({{message}})',
  node: '{{node}}: {{path}} has a value that does not conform, {{value}} ({{message}})',
  or: '{{node}}: {{path}} conforms to none of the alternatives ({{message}})',
  hasValue: '{{node}}: {{path}} lacks the required value ({{message}})',
  in: '{{node}}: {{path}} has a value outside the allowed list, {{value}} ({{message}})',
  pattern: '{{node}}: {{path}} does not match the required pattern, {{value}} ({{message}})',
  other: '{{node}}: {{path}} does not conform ({{message}})',
};

const SEVERITY: Record<string, Severity> = { Violation: 'error', Warning: 'warning', Info: 'info' };
const ORDER: Severity[] = ['info', 'warning', 'error'];

export interface ShaclRuleSpec {
  id: string;
  set: string;
  description: string;
  rationale: string;
  severity: Severity;
  presets: string[];
}

export function shaclRule(spec: ShaclRuleSpec): RuleModule {
  return defineRule({
    meta: { ...spec, family: 'dcat-ap', shapes: spec.set, messages: MESSAGES },
    create(context) {
      return {
        dataset(ds) {
          for (const r of shaclResults(ds, spec.set)) {
            const own = SEVERITY[r.severity] ?? 'error';
            const severity = ORDER.indexOf(own) < ORDER.indexOf(context.severity) ? own : context.severity;
            const messageId = r.component in MESSAGES ? r.component : 'other';
            const data = { node: r.node, path: r.path || 'the node', message: r.message || r.component, value: r.value ?? '', component: r.component };
            context.report({ messageId, data, location: r.location, severity });
          }
        },
      };
    },
  });
}
