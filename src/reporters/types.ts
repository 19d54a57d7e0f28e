import type { Report } from '../model/index.js';
import type { RuleMeta } from '../engine/rule-api.js';

export interface FormatContext {
  /** Colours allowed (TTY and not --no-color). */
  color: boolean;
  /** Only errors (--quiet). */
  quiet: boolean;
  /** Metadata of every known rule (for formats that describe rules, e.g. SARIF). */
  rules: Map<string, RuleMeta>;
  cwd: string;
}

/**
 * A formatter: one file in `src/reporters/`, default-exported, discovered by name — adding a
 * format is adding a file.
 */
export interface Formatter {
  name: string;
  description: string;
  /** File extension for `-o` defaults and docs. */
  extension: string;
  format(report: Report, context: FormatContext): string | Promise<string>;
}
