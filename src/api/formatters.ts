import type { Report } from '../model/index.js';
import type { RuleMeta } from '../engine/rule-api.js';
import { builtinRuleMetas } from '../engine/registry.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { formatNames, loadFormatter, type Formatter } from '../reporters/index.js';

export interface FormatOptions {
  /** Report paths are relative to it (default: process.cwd()). */
  cwd?: string;
  color?: boolean;
  /** Errors only. */
  quiet?: boolean;
  /** The run's config: its plugins' and policies' rules are described too (SARIF rule list). */
  config?: ResolvedConfig;
}

/** The report formats (`-f`): their names, and a report rendered in one of them. */
export const formatters = {
  /** stylish, json, jsonl, sarif, junit, github, markdown, html, csv... */
  names: (): string[] => formatNames(),
  /** The formatter itself (a streaming `open` and a whole-report `format`), or undefined. */
  get: (name: string): Promise<Formatter | undefined> => loadFormatter(name),
  /** A report (from `lint()`) rendered as the CLI writes it with `-f <name>`. */
  async format(name: string, report: Report, options: FormatOptions = {}): Promise<string> {
    const formatter = await loadFormatter(name);
    if (!formatter) throw new Error(`unknown format "${name}" (available: ${formatNames().join(', ')})`);
    const rules: Map<string, RuleMeta> = options.config ? new Map([...options.config.rules].map(([id, r]) => [id, r.meta])) : await builtinRuleMetas();
    return formatter.format(report, { color: Boolean(options.color), quiet: Boolean(options.quiet), rules, cwd: options.cwd ?? process.cwd() });
  },
};
