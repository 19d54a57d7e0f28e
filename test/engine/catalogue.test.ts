import { describe, it, expect } from 'vitest';
import { catalogueFindings, commonPath, mergeFacts, type CatalogueFacts } from '../../src/engine/catalogue.js';
import { defineRule, type RuleModule } from '../../src/engine/rule-api.js';

/** A counting rule: each dataset contributes 1; the report says the total. */
const counting = defineRule<Record<string, unknown>, number>({
  meta: { id: 'catalogue/count', family: 'catalogue', description: 'd', rationale: 'r', severity: 'info', presets: [], messages: { total: '{{n}} datasets' } },
  create: () => ({}),
  catalogue: { merge: (a, b) => a + b, report: (n, c) => c.report({ messageId: 'total', data: { n }, location: c.location }) },
});
const crashing = defineRule<Record<string, unknown>, number>({
  meta: { id: 'catalogue/crash', family: 'catalogue', description: 'd', rationale: 'r', severity: 'info', presets: [], messages: {} },
  create: () => ({}),
  catalogue: { merge: (a, b) => a + b, report: () => { throw new Error('boom'); } },
});
const rules = new Map<string, RuleModule>([
  ['catalogue/count', counting as RuleModule],
  ['catalogue/crash', crashing as RuleModule],
]);
const entry = (summary: number, root: string) => ({ severity: 'info' as const, options: {}, summary, root });

describe('catalogue summaries', () => {
  it('the common path of the contributing files: the file itself, else the folder they share', () => {
    expect(commonPath('/a/b/c.json', '/a/b/c.json')).toBe('/a/b/c.json');
    expect(commonPath('/a/b/c.json', '/a/b/d.json')).toBe('/a/b');
    expect(commonPath('/a/b/c.json', '/a/e/d.json')).toBe('/a');
    expect(commonPath('a/x.json', 'b/y.json')).toBe('.');
  });

  it('merges in any grouping to the same result (units, then the run; or shards, then merge-reports)', () => {
    const parts: CatalogueFacts[] = [1, 2, 3, 4].map((n) => ({ 'catalogue/count': entry(n, `/cat/p${n}/d.json`) }));
    const byUnits: CatalogueFacts = {};
    for (const p of parts) mergeFacts(byUnits, structuredClone(p), rules);
    const left: CatalogueFacts = {};
    const right: CatalogueFacts = {};
    for (const p of [parts[3]!, parts[1]!]) mergeFacts(left, structuredClone(p), rules);
    for (const p of [parts[2]!, parts[0]!]) mergeFacts(right, structuredClone(p), rules);
    mergeFacts(right, left, rules);
    expect(right).toEqual(byUnits);
    expect(byUnits['catalogue/count']).toEqual(entry(10, '/cat'));
  });

  it('reports once from the whole; a report that throws is core/rule-crashed, the others still report', () => {
    const facts: CatalogueFacts = { 'catalogue/crash': entry(1, '/cat/a.json'), 'catalogue/count': entry(7, '/cat/a.json') };
    const out = catalogueFindings(facts, rules);
    expect(out.map((f) => [f.file, f.findings.map((x) => [x.ruleId, x.message, x.data])])).toEqual([
      ['/cat/a.json', [['catalogue/count', '7 datasets', { n: 7 }], ['core/rule-crashed', 'crashed', { rule: 'catalogue/crash', message: 'boom' }]]],
    ]);
  });
});
