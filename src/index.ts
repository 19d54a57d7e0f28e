/**
 * odlint's programmatic API (docs/api.md): `import { lint, loadConfig, formatters } from 'odlint'`.
 * The CLI is a thin wrapper over the same functions. Plugins use the rule API from here.
 */
export { lint, type LintOptions } from './api/lint.js';
export { loadConfig } from './config/load-config.js';
export { formatters, type FormatOptions } from './api/formatters.js';
export { ConfigError } from './config/types.js';
export { InputError } from './model/errors.js';
export type { ConfigRequest, ResolvedConfig } from './config/resolve.js';
export type { EffectiveRule } from './config/types.js';
export type { Formatter, FormatContext, FormatSession } from './reporters/index.js';

// The rule API, for plugins (docs/plugins.md).
export { defineRule, defineAnalysis, locate, firstText } from './engine/rule-api.js';
export type { RuleModule, RuleMeta, RuleContext, RuleHooks, CatalogueHooks, ReportDescriptor, RuleFamily, TableAnalysis, AnalysisDef } from './engine/rule-api.js';
export type { Plugin } from './config/plugins.js';

// The model rules see and the report they produce.
export type {
  Dataset,
  Distribution,
  Agent,
  Licence,
  Texts,
  Period,
  Located,
  SourceLocation,
  TableInfo,
  RowContext,
  TableSummary,
  Finding,
  Severity,
  Report,
  DatasetReport,
  FileReport,
  ReportSummary,
} from './model/index.js';
