/**
 * Declarative rules (config `policies`): a rule given as data by people who do not write code —
 * a selector on the canonical model, one condition, an optional `when` filter, a message and a
 * severity (docs/declarative-rules.md). Each policy becomes an ordinary rule `policy/<id>`, so
 * severities, overrides, `--rule`, reports and baselines treat it like a built-in one.
 */
import type { Dataset, Distribution, Severity, SourceLocation } from '../model/index.js';
import type { RuleModule, RuleContext } from '../engine/rule-api.js';
import { parseSelector, select, countsDistributions, type Selector } from '../engine/selectors.js';
import { userPattern } from '../knowledge/user-pattern.js';
import { frequencyDays } from '../knowledge/dcat-ap.js';

/** The family (and id prefix) of every declarative rule. */
export const POLICY_FAMILY = 'policy';

/** The conditions a policy or a filter may state (exactly one each). */
export const CONDITIONS = ['present', 'absent', 'matches', 'notMatches', 'in', 'notIn', 'includes', 'minCount', 'maxCount', 'minLength', 'maxLength', 'withinDays', 'withinFrequency'] as const;
type ConditionName = (typeof CONDITIONS)[number];

/** A policy as written in the config (already validated by schemas/config.schema.json). */
export interface PolicySpec {
  id: string;
  description?: string;
  select: string;
  severity?: Severity;
  message: string;
  when?: FilterSpec | FilterSpec[];
  [condition: string]: unknown;
}

type FilterSpec = { select: string } & Record<string, unknown>;

interface Condition {
  name: ConditionName;
  value: unknown;
}

/** One way a selection fails its condition: the message and its data (value, count, limit...). */
interface Failure {
  messageId: 'failed' | 'notADate';
  data: Record<string, string | number>;
}

/** A mistake in a policy, with the JSON pointer (inside the policy) it is at. */
export class PolicyProblem extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** Turns a validated policy into a rule; a selector or condition that cannot work is a PolicyProblem. */
export function compilePolicy(spec: PolicySpec): RuleModule {
  const selector = selectorOf(spec.select, '/select');
  const condition = conditionOf(spec, '');
  const filters = ([] as FilterSpec[]).concat(spec.when ?? []).map((f, i) => {
    const at = Array.isArray(spec.when) ? `/when/${i}` : '/when';
    const s = selectorOf(f.select, `${at}/select`);
    if (s.entity === 'distribution' && selector.entity === 'dataset') {
      throw new PolicyProblem('a filter on distribution applies to policies that select on distribution', `${at}/select`);
    }
    return { selector: s, condition: conditionOf(f, at) };
  });
  const id = `${POLICY_FAMILY}/${spec.id}`;
  return {
    source: 'policy',
    meta: {
      id,
      family: POLICY_FAMILY,
      description: spec.description ?? spec.message,
      rationale: 'A policy of this configuration (declarative rule).',
      severity: spec.severity ?? 'warning',
      presets: [],
      messages: {
        failed: spec.message,
        notADate: `${spec.select} "{{value}}" is not a date`,
      },
    },
    create(context: RuleContext) {
      const check = (ds: Dataset, dist?: Distribution) => {
        if (!filters.every((f) => holds(f.selector, f.condition, ds, dist))) return;
        const { values, location } = select(selector, ds, dist);
        for (const failure of evaluate(condition, values, ds, false)) report(context, failure, location, spec.select);
      };
      return selector.entity === 'distribution' ? { distribution: (dist, ds) => check(ds, dist) } : { dataset: (ds) => check(ds) };
    },
  };
}

function report(context: RuleContext, { messageId, data }: Failure, location: SourceLocation, selector: string): void {
  context.report({ messageId, data: { selector, ...data }, location });
}

function selectorOf(text: string, pointer: string): Selector {
  const s = parseSelector(text);
  if (typeof s === 'string') throw new PolicyProblem(s, pointer);
  return s;
}

function conditionOf(spec: Record<string, unknown>, at: string): Condition {
  const stated = CONDITIONS.filter((c) => spec[c] !== undefined);
  if (stated.length !== 1) {
    const what = stated.length ? `one condition, not ${stated.join(' and ')}` : `a condition (${CONDITIONS.join(', ')})`;
    throw new PolicyProblem(`${at ? 'a filter' : 'a policy'} states ${what}`, at || '/');
  }
  const name = stated[0]!;
  const value = spec[name];
  if ((name === 'matches' || name === 'notMatches') && typeof value === 'string') {
    const p = userPattern(value);
    if (!p.ok) throw new PolicyProblem(`the pattern cannot be used: ${p.reason} (RE2 syntax: no backreferences or lookaround)`, `${at}/${name}`);
  }
  const selector = selectorOf(spec.select as string, `${at}/select`);
  if (countsDistributions(selector) && !['present', 'absent', 'minCount', 'maxCount'].includes(name)) {
    throw new PolicyProblem(`${spec.select as string} is counted: use present, absent, minCount or maxCount`, `${at}/${name}`);
  }
  return { name, value };
}

/** A filter holds when its condition holds and, for conditions on values, some value is selected. */
function holds(selector: Selector, condition: Condition, ds: Dataset, dist?: Distribution): boolean {
  const { values } = select(selector, ds, dist);
  return evaluate(condition, values, ds, true).length === 0;
}

const fold = (v: string) => v.trim().toLowerCase();
const DAY = 86_400_000;

/**
 * The failures of a condition on the selected values. As a check, a condition on values holds
 * for each value (none selected: nothing to check — pair it with `present`); as a filter
 * (`anyValue`), it holds when at least one selected value satisfies it.
 */
function evaluate(c: Condition, values: string[], ds: Dataset, anyValue: boolean): Failure[] {
  const count = values.length;
  const fail = (data: Record<string, string | number> = {}): Failure => ({ messageId: 'failed', data: { count, ...data } });
  switch (c.name) {
    case 'present':
      return count ? [] : [fail()];
    case 'absent':
      return count ? [fail({ value: values[0]! })] : [];
    case 'minCount':
      return count >= (c.value as number) ? [] : [fail({ limit: c.value as number })];
    case 'maxCount':
      return count <= (c.value as number) ? [] : [fail({ limit: c.value as number })];
    case 'includes': {
      const have = new Set(values.map(fold));
      return (c.value as (string | number)[]).flatMap((x) => (have.has(fold(String(x))) ? [] : [fail({ expected: String(x) })]));
    }
  }
  const test = valueTest(c, ds);
  const failures = values.flatMap((value) => {
    const f = test(value);
    return f ? [{ messageId: f.messageId, data: { ...f.data, value, count } }] : [];
  });
  if (!anyValue) return failures;
  return count > failures.length ? [] : [fail()];
}

type ValueTest = (value: string) => Failure | undefined;

function valueTest(c: Condition, ds: Dataset): ValueTest {
  const failed = (data: Record<string, string | number> = {}): Failure => ({ messageId: 'failed', data });
  switch (c.name) {
    case 'matches':
    case 'notMatches': {
      const p = userPattern(c.value as string);
      const want = c.name === 'matches';
      return (v) => (p.ok && p.matches(v) === want ? undefined : failed());
    }
    case 'in':
    case 'notIn': {
      const list = new Set((c.value as (string | number)[]).map((x) => fold(String(x))));
      const want = c.name === 'in';
      return (v) => (list.has(fold(v)) === want ? undefined : failed());
    }
    case 'minLength':
      return (v) => ([...v].length >= (c.value as number) ? undefined : failed({ length: [...v].length, limit: c.value as number }));
    case 'maxLength':
      return (v) => ([...v].length <= (c.value as number) ? undefined : failed({ length: [...v].length, limit: c.value as number }));
    case 'withinDays':
    case 'withinFrequency': {
      const grace = c.name === 'withinFrequency' && typeof c.value === 'object' ? ((c.value as { graceDays?: number }).graceDays ?? 0) : 0;
      const limit = c.name === 'withinDays' ? (c.value as number) : frequencyDays(ds.frequency);
      // No stated period (irregular, unknown or no frequency): nothing to hold the date to.
      if (limit === undefined) return () => undefined;
      const now = Date.now();
      return (v) => {
        const time = Date.parse(v);
        if (Number.isNaN(time)) return { messageId: 'notADate', data: {} };
        const days = Math.floor((now - time) / DAY);
        return days <= limit + grace ? undefined : failed({ days, limit: limit + grace });
      };
    }
    default:
      return () => undefined;
  }
}
