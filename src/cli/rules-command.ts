import { existsSync, readFileSync } from 'node:fs';
import { didYouMean } from '../util/suggest.js';
import { builtinRuleMetas, ruleDocsPath } from '../engine/registry.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { UsageError, type CliIO } from './io.js';
import { colorWanted } from './color.js';

/** `odlint rules [--json|--markdown]`: every built-in rule with its default severity and presets. */
export async function runRulesList(as: 'text' | 'json' | 'markdown', io: CliIO): Promise<number> {
  const rules = [...(await builtinRuleMetas()).values()];
  if (as === 'markdown') {
    io.stdout(rulesMarkdown(rules));
    return 0;
  }
  if (as === 'json') {
    io.stdout(JSON.stringify(rules.map(publicMeta), null, 2) + '\n');
    return 0;
  }
  io.stdout(rulesText(rules, io.isTTY && io.stdoutColumns ? io.stdoutColumns : TEXT_WIDTH));
  return 0;
}

/** Width of `odlint rules` when stdout is no terminal (piped, CI logs). */
const TEXT_WIDTH = 100;

/**
 * `odlint rules`: per rule, its id with default severity, whether --fix repairs it and the presets
 * that enable it, then its description; every line wrapped to `width` (the terminal's).
 */
export function rulesText(rules: RuleMeta[], width: number): string {
  const out: string[] = [];
  for (const m of rules) {
    const head = `${m.id}  ${m.severity}${m.fixable ? ', fixable' : ''}  presets: ${m.presets.join(', ') || '(none)'}`;
    out.push(...wrap(head, width, '    '), ...wrap(m.description, width, '    ', '    '));
  }
  out.push('', `${rules.length} rules. Details: odlint rules explain <id>`);
  return out.join('\n') + '\n';
}

/** Wraps text at spaces to lines of at most `width` characters (a longer word stays whole); runs of spaces inside a line are kept. */
export function wrap(text: string, width: number, indent = '', first = ''): string[] {
  const lines: string[] = [];
  let line = first;
  const parts = text.replace(/[\t\n]+/g, ' ').trim().split(/( +)/);
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    const sep = i === 0 ? '' : parts[i - 1]!;
    if (line.trim() !== '' && [...line].length + sep.length + [...word].length > width) {
      lines.push(line);
      line = indent + word;
    } else line += line.trim() === '' ? word : sep + word;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
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
    equivalents: m.equivalents ?? null,
  };
}

/** `frictionless `extra-cell`, `missing-cell`; csvlint `ragged_rows``: the peers' types a rule's findings stand for. */
function equivalentsText(m: RuleMeta): string | undefined {
  const peers = Object.entries(m.equivalents ?? {}).map(([peer, byMessage]) => {
    const types = [...new Set(Object.values(byMessage ?? {}).flat())];
    return `${peer} ${types.map((t) => `\`${t}\``).join(', ')}`;
  });
  return peers.length ? peers.join('; ') : undefined;
}

/** `odlint rules explain <id>`: the rule's metadata and its Markdown docs. */
export async function runRulesExplain(id: string, io: CliIO, color?: boolean): Promise<number> {
  const rules = await builtinRuleMetas();
  const meta = rules.get(id);
  if (!meta) {
    const guess = didYouMean(id, rules.keys());
    throw new UsageError(`unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  const text = explainText(meta);
  // On a terminal (with colours) the Markdown docs are rendered; piped, they stay Markdown.
  const cut = text.indexOf('\n---\n\n');
  if (!colorWanted(color, io) || cut < 0) io.stdout(text);
  else io.stdout(text.slice(0, cut + 1) + '\n' + (await renderMarkdown(text.slice(cut + 6), io.stdoutColumns ?? 80)));
  return 0;
}

/** Markdown for a terminal (marked + marked-terminal): headings, emphasis, code, lists, tables. */
async function renderMarkdown(markdown: string, width: number): Promise<string> {
  const [{ Marked }, { markedTerminal }, { default: chalk }] = await Promise.all([import('marked'), import('marked-terminal'), import('chalk')]);
  // odlint decided to colour (colorWanted): chalk must not second-guess it from the environment.
  chalk.level = Math.max(chalk.level, 1) as typeof chalk.level;
  const marked = new Marked(markedTerminal({ width: Math.min(Math.max(width, 40), 120), reflowText: false, tab: 2 }));
  return String(await marked.parse(markdown)).replace(/\n+$/, '') + '\n';
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
  const equivalents = equivalentsText(m);
  if (equivalents) lines.push(`Equivalents: ${equivalents}`);
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

/** docs/rules.md, generated from the rules' metadata (`npm run docs:rules`; a test keeps it current). */
export function rulesMarkdown(rules: RuleMeta[]): string {
  const out = [
    '# Rules reference',
    '',
    '<!-- Generated by `npm run docs:rules` from each rule\'s `meta`; do not edit by hand. -->',
    '',
    `${rules.length} built-in rules. \`odlint rules explain <id>\` prints a rule\'s full documentation (rules/<family>/<id>.md).`,
    'Presets: a rule is enabled by the presets listed; `strict` enables every rule.',
    '',
  ];
  const families = [...new Set(rules.map((r) => r.family))];
  for (const family of families) {
    out.push(`## ${family}`, '', '| rule | severity | presets | description |', '|---|---|---|---|');
    for (const m of rules.filter((r) => r.family === family)) {
      const fix = m.fixable ? ' (fixable)' : '';
      out.push(`| [\`${m.id}\`](../rules/${m.id}.md) | ${m.severity}${fix} | ${m.presets.join(', ')} | ${m.description.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
