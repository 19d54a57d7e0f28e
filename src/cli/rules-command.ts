import { existsSync, readFileSync } from 'node:fs';
import { closest } from 'fastest-levenshtein';
import { loadBuiltinRules, ruleDocsPath } from '../engine/registry.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { UsageError, type CliIO } from './io.js';

/** `odlint rules [--json]`: every built-in rule with its default severity and presets. */
export async function runRulesList(json: boolean, io: CliIO): Promise<number> {
  const rules = [...(await loadBuiltinRules()).values()].map((r) => r.meta);
  if (json) {
    io.stdout(JSON.stringify(rules.map(publicMeta), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...rules.map((m) => m.id.length));
  for (const m of rules) io.stdout(`${m.id.padEnd(width)}  ${m.severity.padEnd(7)}  ${m.description}\n`);
  io.stdout(`\n${rules.length} rules. Details: odlint rules explain <id>\n`);
  return 0;
}

function publicMeta(m: RuleMeta) {
  return {
    id: m.id,
    family: m.family,
    description: m.description,
    rationale: m.rationale,
    severity: m.severity,
    presets: m.presets,
    options: m.optionsSchema ?? null,
    defaultOptions: m.defaultOptions ?? null,
    messages: m.messages,
    fixable: Boolean(m.fixable),
  };
}

/** `odlint rules explain <id>`: the rule's metadata and its Markdown docs. */
export async function runRulesExplain(id: string, io: CliIO): Promise<number> {
  const rules = await loadBuiltinRules();
  const rule = rules.get(id);
  if (!rule) {
    const guess = closest(id, [...rules.keys()]);
    throw new UsageError(`unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  io.stdout(explainText(rule.meta));
  return 0;
}

export function explainText(m: RuleMeta): string {
  const lines = [
    `${m.id}  (${m.severity}${m.fixable ? ', fixable with --fix' : ''})`,
    '',
    m.description,
    '',
    `Why: ${m.rationale}`,
    `Presets: ${m.presets.join(', ') || '(none)'}`,
  ];
  const props = (m.optionsSchema?.['properties'] ?? {}) as Record<string, { description?: string; type?: string }>;
  if (Object.keys(props).length) {
    lines.push('', 'Options:');
    for (const [name, s] of Object.entries(props)) {
      const def = m.defaultOptions?.[name];
      lines.push(`  ${name} (${s.type ?? 'value'}${def !== undefined ? `, default ${JSON.stringify(def)}` : ''}): ${s.description ?? ''}`);
    }
  }
  lines.push('', 'Messages:', ...Object.entries(m.messages).map(([k, v]) => `  ${k}: ${v}`));
  const docs = ruleDocsPath(m.id);
  if (existsSync(docs)) lines.push('', '---', '', readFileSync(docs, 'utf8').trim());
  return lines.join('\n') + '\n';
}
