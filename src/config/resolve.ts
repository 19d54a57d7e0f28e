import path from 'node:path';
import { didYouMean } from '../util/suggest.js';
import { minimatch } from 'minimatch';
import type { RuleModule } from '../engine/rule-api.js';
import { resolveLimits, type Limits, type SeverityOrOff } from '../model/index.js';
import { getAjv, mainError, describeAjvError } from '../util/json-schema.js';
import { presetLayers } from './presets.js';
import { readConfig, findConfig, emptyConfigFile, type ConfigFile } from './load.js';
import { pluginPresetLayers, type LoadedPlugin } from './plugins.js';
import { ConfigError, type EffectiveRule, type RuleLayer, type RuleSetting, type Override } from './types.js';

export interface ConfigRequest {
  cwd: string;
  /** `-c <file>`; when absent the config is discovered from `cwd`. */
  configFile?: string;
  /** `-p <name>` (repeatable): replaces the config's base presets when given. */
  presets?: string[];
  /** `--rule id=severity` (repeatable), applied last. */
  ruleFlags?: string[];
  /** `--no-config`-like escape hatch for tests: skip discovery. */
  noDiscovery?: boolean;
}

/**
 * The settings odlint runs with: every rule's severity and (validated) options, per file.
 * Layers apply in order: base presets → the config's own rules/options → matching overrides →
 * command-line `--rule`.
 */
export class ResolvedConfig {
  private readonly cache = new Map<string, Map<string, EffectiveRule>>();
  /** The request this config was resolved from: worker threads resolve it again from this. */
  request?: ConfigRequest;
  /** The config's policies as written (declarative rules: their conditions are not in `layers`). */
  policies: readonly unknown[] = [];

  constructor(
    readonly rules: Map<string, RuleModule>,
    readonly file: string | undefined,
    private readonly layers: RuleLayer[],
    private readonly overrides: Override[],
    private readonly cliLayer: RuleLayer,
    readonly ignore: { base: string; patterns: string[] },
    /** Resource limits of the run (docs/limits.md). */
    readonly limits: Limits = resolveLimits(),
    /** Folders symlinks may lead into (config `allowedRoots`, absolute). */
    readonly allowedRoots: readonly string[] = [],
    /** The plugins the config loaded (namespace, file, version): what a cache must key on besides the config. */
    readonly plugins: readonly Pick<LoadedPlugin, 'namespace' | 'spec' | 'file' | 'version' | 'hash'>[] = [],
  ) {}

  /** Effective settings for a descriptor or data file (absolute path). */
  forFile(absFile: string): Map<string, EffectiveRule> {
    const matching = this.overrides.filter((o) => matchesOverride(o, absFile));
    const key = matching.map((o) => this.overrides.indexOf(o)).join(',');
    let effective = this.cache.get(key);
    if (!effective) {
      effective = merge(this.rules, [...this.layers, ...matching.map((o) => o.layer), this.cliLayer]);
      this.cache.set(key, effective);
    }
    return effective;
  }

  /**
   * Everything the results depend on, as text (`--cache` keys on it): the rules there are, the
   * layers, overrides and command-line settings, the ignore globs, the limits.
   */
  fingerprint(): string {
    const plain = (_key: string, v: unknown) => (v instanceof Map ? [...v] : v instanceof RegExp ? String(v) : v);
    return JSON.stringify([[...this.rules.keys()], this.layers, this.overrides, this.cliLayer, this.ignore, this.limits, this.allowedRoots, this.plugins, this.policies], plain);
  }

  /**
   * The rules on for some file — with the config's layers and `--rule`, alone or with one of the
   * overrides (a file matching several gets no rule none of them turns on): the rules a run may
   * create, so the rules it imports. Worked out by `resolveWith` from the settings it validates.
   */
  switchedOn: ReadonlySet<string> = new Set();

  /** True when `absPath` is ignored by the config's `ignore` globs. */
  isIgnored(absPath: string): boolean {
    const rel = path.relative(this.ignore.base, absPath).split(path.sep).join('/');
    if (rel.startsWith('..')) return false;
    return this.ignore.patterns.some((p) => minimatch(rel, p, { dot: true }) || minimatch(rel, `${p.replace(/\/+$/, '')}/**`, { dot: true }));
  }
}

function matchesOverride(o: Override, absFile: string): boolean {
  const rel = path.relative(o.base, absFile).split(path.sep).join('/');
  const hit = (patterns: string[]) => patterns.some((p) => minimatch(rel, p, { dot: true, matchBase: !p.includes('/') }));
  return hit(o.files) && !hit(o.excludedFiles);
}

function merge(rules: Map<string, RuleModule>, layers: RuleLayer[]): Map<string, EffectiveRule> {
  const out = new Map<string, EffectiveRule>();
  for (const rule of rules.values()) {
    out.set(rule.meta.id, { severity: 'off', options: { ...structuredClone(rule.meta.defaultOptions ?? {}) } });
  }
  for (const layer of layers) {
    for (const [id, setting] of layer) {
      const current = out.get(id);
      if (!current) continue; // unknown ids were rejected when the layer was checked
      if (setting.severity) current.severity = setting.severity;
      if (setting.options) current.options = { ...current.options, ...setting.options };
    }
  }
  // The merged options are checked once per rule, blamed on the last layer that set some.
  const lastOrigin = new Map<string, RuleSetting['origin']>();
  for (const layer of layers) for (const [id, setting] of layer) if (setting.options) lastOrigin.set(id, setting.origin);
  for (const [id, origin] of lastOrigin) validateOptions(rules.get(id)!, out.get(id)!.options, origin);
  return out;
}

const validators = new Map<string, ReturnType<ReturnType<typeof getAjv>['compile']>>();

function validateOptions(rule: RuleModule, options: Record<string, unknown>, origin: { file: string; pointer: string }): void {
  const schema = rule.meta.optionsSchema;
  if (!schema) {
    if (Object.keys(options).length) throw new ConfigError(`rule ${rule.meta.id} takes no options`, origin);
    return;
  }
  let validate = validators.get(rule.meta.id);
  if (!validate) {
    validate = getAjv().compile({ type: 'object', additionalProperties: false, ...schema });
    validators.set(rule.meta.id, validate);
  }
  if (!validate(options)) {
    const err = mainError(validate.errors)!;
    const at = err.instancePath ? ` option ${err.instancePath.slice(1)}` : ' options';
    throw new ConfigError(`rule ${rule.meta.id}${at}: ${describeAjvError(err)}`, origin);
  }
}

function checkIds(rules: Map<string, RuleModule>, layer: RuleLayer): void {
  for (const [id, setting] of layer) {
    if (!rules.has(id)) {
      const guess = didYouMean(id, rules.keys());
      throw new ConfigError(`unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`, setting.origin);
    }
  }
}

const SEVERITIES: SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

/** Parses `--rule id=severity` flags into a layer. */
export function cliRuleLayer(flags: string[]): RuleLayer {
  const layer: RuleLayer = new Map();
  for (const flag of flags) {
    const m = /^([^=]+)=(.+)$/.exec(flag.trim());
    if (!m || !SEVERITIES.includes(m[2] as SeverityOrOff)) {
      throw new ConfigError(`--rule expects <id>=<off|info|warning|error>, got "${flag}"`);
    }
    layer.set(m[1]!, { severity: m[2] as SeverityOrOff, origin: { file: '--rule', pointer: '' } });
  }
  return layer;
}

/** Config paths as the messages show them: relative to the working directory. */
export const configDisplay = (cwd: string) => (f: string) => path.relative(cwd, f).split(path.sep).join('/') || f;

/** The config file a request names or discovers, read and validated (plugins not loaded yet). */
export function readRequestedConfig(req: ConfigRequest): ConfigFile & { file?: string } {
  const file = req.configFile ? path.resolve(req.cwd, req.configFile) : req.noDiscovery ? undefined : findConfig(req.cwd);
  return file ? readConfig(file, configDisplay(req.cwd)) : emptyConfigFile(req.cwd);
}

/**
 * Resolves a config with `rules` as the rule set (built-in rules and the config's policies). A
 * config that lists plugins needs `loadConfig` (src/config/load-config.ts), which imports them.
 */
export function resolveConfig(rules: Map<string, RuleModule>, req: ConfigRequest): ResolvedConfig {
  const config = readRequestedConfig(req);
  if (config.plugins.length) throw new ConfigError('this config lists plugins: load it with loadConfig(), which imports them');
  const all = new Map(rules);
  for (const p of config.policies) all.set(p.meta.id, p);
  return resolveWith(all, req, config, []);
}

/** Resolves a read config against the run's whole rule set (built-in, plugins', policies). */
export function resolveWith(rules: Map<string, RuleModule>, req: ConfigRequest, config: ConfigFile, plugins: LoadedPlugin[]): ResolvedConfig {
  const { file } = config;
  const base = req.presets?.length ? [...config.base.filter((b) => typeof b !== 'string'), ...req.presets] : config.base.length ? config.base : ['recommended'];
  const layers = base.flatMap((b) => (typeof b !== 'string' ? [b] : b.startsWith('plugin:') ? pluginPresetLayers(b, plugins, config.presetOrigins.get(b)) : presetLayers(b, rules)));
  layers.push(...config.layers);
  const cliLayer = cliRuleLayer(req.ruleFlags ?? []);
  for (const layer of [...layers, ...config.overrides.map((o) => o.layer), cliLayer]) checkIds(rules, layer);

  const resolved = new ResolvedConfig(rules, file, layers, config.overrides, cliLayer, {
    base: config.dir,
    patterns: ['**/node_modules/**', '**/.git/**', ...config.ignore],
  }, resolveLimits(config.limits), config.allowedRoots, plugins.map(({ namespace, spec, file, version, hash }) => ({ namespace, spec, file, ...(version ? { version } : {}), hash })));
  resolved.request = req;
  resolved.policies = config.policySpecs;
  // Validate every combination of options up front: a bad config exits 2 before any work.
  const switchedOn = new Set<string>();
  for (const settings of [merge(rules, [...layers, cliLayer]), ...config.overrides.map((o) => merge(rules, [...layers, o.layer, cliLayer]))]) {
    for (const [id, { severity }] of settings) if (severity !== 'off') switchedOn.add(id);
  }
  resolved.switchedOn = switchedOn;
  return resolved;
}
