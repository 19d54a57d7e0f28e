import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load-config.js';
import { lint } from '../../src/engine/lint.js';
import { buildReport } from '../../src/reporters/index.js';
import type { Finding, Report } from '../../src/model/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
/** The real third-party samples, copied unchanged from ../shared/corpus (fixtures/corpus/SOURCES.md). */
export const CORPUS = path.join(FIXTURES, 'corpus');

export interface LintOptions {
  presets?: string[];
  rules?: string[];
  data?: boolean;
  /** Working directory (report paths are relative to it); defaults to the repository root. */
  cwd?: string;
  configFile?: string;
}

/** Lints inputs in-process exactly as the CLI does (no config discovery unless configFile). */
export async function lintReport(inputs: string[], opts: LintOptions = {}): Promise<Report> {
  const cwd = opts.cwd ?? ROOT;
  const config = await loadConfig({
    cwd,
    configFile: opts.configFile,
    presets: opts.presets,
    ruleFlags: opts.rules,
    noDiscovery: !opts.configFile,
  });
  const result = await lint({ inputs, config, cwd, data: opts.data ?? true, online: false });
  return buildReport(result, cwd, 'test');
}

/** All findings of a report (datasets then files), optionally of one rule. */
export function allFindings(report: Report, ruleId?: string): Finding[] {
  const all = [...report.datasets.flatMap((d) => d.findings), ...report.files.flatMap((f) => f.findings)];
  return ruleId ? all.filter((f) => f.ruleId === ruleId) : all;
}

/** The comparable essence of a finding: rule, message id, severity and location. */
export function brief(f: Finding) {
  return { ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, location: f.location };
}
