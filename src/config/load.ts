import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJson, parseYaml, SyntaxProblem } from '../loaders/parse.js';
import { schemaValidator, mainError, describeAjvError } from '../util/json-schema.js';
import { isPreset } from './presets.js';
import { layerFromObject } from './layers.js';
import { ConfigError, type Origin, type Override, type RuleLayer } from './types.js';
import type { RuleModule } from '../engine/rule-api.js';
import type { PluginRef } from './plugins.js';
import { compilePolicy, PolicyProblem, type PolicySpec } from './policies.js';
import { pointer } from '../model/index.js';
import { LimitExceeded, type Limits } from '../model/index.js';

export const CONFIG_FILES = [
  'odlint.config.yaml',
  'odlint.config.yml',
  'odlint.config.json',
  '.odlintrc.yaml',
  '.odlintrc.yml',
  '.odlintrc.json',
  '.odlintrc',
];

/** A config file read and validated; `extends` still names presets (resolved by the caller). */
export interface ConfigFile {
  file?: string;
  /** Folder that `ignore` and `overrides` globs are relative to. */
  dir: string;
  /** In application order: preset names, each followed by the layers of extended files. */
  base: (string | RuleLayer)[];
  layers: RuleLayer[];
  overrides: Override[];
  ignore: string[];
  /** `limits:` values, extended files' first (the defaults fill the rest). */
  limits: Partial<Limits>;
  /** `allowedRoots`, absolute. */
  allowedRoots: string[];
  /** `plugins:` of this file and the files it extends (those first), resolved from each file's folder. */
  plugins: PluginRef[];
  /** `policies:` (declarative rules) as rules, extended files' first. */
  policies: RuleModule[];
  /** The same policies as written (what a cache keys on). */
  policySpecs: PolicySpec[];
  /** Where each `plugin:` preset of `extends` was written (for errors about it). */
  presetOrigins: Map<string, Origin>;
}

/** A config with nothing in it (no file found): the defaults apply. */
export function emptyConfigFile(dir: string): ConfigFile {
  return { dir, base: [], layers: [], overrides: [], ignore: [], limits: {}, allowedRoots: [], plugins: [], policies: [], policySpecs: [], presetOrigins: new Map() };
}

/** The first config file found walking up from `cwd`, or undefined. */
export function findConfig(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readConfig(file: string, display: (f: string) => string = (f) => f, seen: string[] = []): ConfigFile {
  const shown = display(file);
  if (seen.includes(file)) throw new ConfigError(`config "extends" cycle: ${[...seen, file].map(display).join(' → ')}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: shown, pointer: '' });
  }
  let data: unknown;
  let position: ReturnType<typeof parseJson>['position'];
  try {
    const isJson = file.endsWith('.json') || (file.endsWith('.odlintrc') && /^\s*\{/.test(text));
    ({ data, position } = isJson ? parseJson(text) : parseYaml(text));
  } catch (e) {
    if (e instanceof SyntaxProblem) throw new ConfigError(`${e.message} (line ${e.line}, column ${e.column})`, { file: shown, pointer: '' });
    if (e instanceof LimitExceeded) {
      const at = e.where.line ? ` (line ${e.where.line}, column ${e.where.column})` : '';
      throw new ConfigError(`the file goes beyond limits.${e.limit} (${e.max})${at}`, { file: shown, pointer: '' });
    }
    throw e;
  }
  data ??= {};
  // A key whose entries are all commented out (`rules:` followed by comments) is null: treat it as absent.
  if (typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (v === null) delete (data as Record<string, unknown>)[k];
  }
  const validate = schemaValidator('config.schema.json');
  if (!validate(data)) {
    const err = mainError(validate.errors)!;
    const extra = err.keyword === 'additionalProperties' ? err.params.additionalProperty : err.keyword === 'unevaluatedProperties' ? err.params.unevaluatedProperty : undefined;
    const ptr = extra !== undefined ? `${err.instancePath}/${String(extra)}` : err.instancePath;
    const pos = position(ptr) ?? position(err.instancePath);
    const where = pos ? ` (line ${pos.line}, column ${pos.column})` : '';
    throw new ConfigError(`${describeAjvError(err)}${where}`, { file: shown, pointer: ptr || '/' });
  }
  const obj = data as Record<string, unknown>;
  const dir = path.dirname(file);

  const base: (string | RuleLayer)[] = [];
  let limits: Partial<Limits> = {};
  const plugins: PluginRef[] = [];
  const policies: RuleModule[] = [];
  const policySpecs: PolicySpec[] = [];
  const presetOrigins = new Map<string, Origin>();
  const extendsList = ([] as string[]).concat((obj.extends as string | string[] | undefined) ?? []);
  extendsList.forEach((entry, i) => {
    const entryPointer = Array.isArray(obj.extends) ? `/extends/${i}` : '/extends';
    if (isPreset(entry)) base.push(entry);
    else if (entry.startsWith('plugin:')) {
      // Checked once the plugins are loaded (resolve.ts), against what the plugin offers.
      if (!/^plugin:[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/.test(entry)) throw new ConfigError(`a plugin preset is written plugin:<namespace>/<preset> (got "${entry}")`, { file: shown, pointer: entryPointer });
      base.push(entry);
      presetOrigins.set(entry, { file: shown, pointer: entryPointer });
    } else if (entry.startsWith('.') || entry.includes('/') || /\.(ya?ml|json)$/.test(entry)) {
      const parent = readConfig(path.resolve(dir, entry), display, [...seen, file]);
      base.push(...parent.base, ...parent.layers);
      limits = { ...limits, ...parent.limits };
      plugins.push(...parent.plugins);
      policies.push(...parent.policies);
      policySpecs.push(...parent.policySpecs);
      for (const [k, v] of parent.presetOrigins) presetOrigins.set(k, v);
    } else {
      throw new ConfigError(`unknown preset "${entry}"`, { file: shown, pointer: entryPointer });
    }
  });

  ((obj.plugins ?? []) as string[]).forEach((spec, i) => plugins.push({ spec, dir, origin: { file: shown, pointer: `/plugins/${i}` } }));
  // Each policy is a rule, on at its severity unless `rules:` (here or later) says otherwise.
  const policyLayer: RuleLayer = new Map();
  ((obj.policies ?? []) as PolicySpec[]).forEach((spec, i) => {
    const at = `/policies/${i}`;
    const origin = { file: shown, pointer: at };
    let rule: RuleModule;
    try {
      rule = compilePolicy(spec);
    } catch (e) {
      if (!(e instanceof PolicyProblem)) throw e;
      const ptr = e.pointer === '/' ? at : `${at}${e.pointer}`;
      const pos = position(ptr);
      throw new ConfigError(`${e.message}${pos ? ` (line ${pos.line}, column ${pos.column})` : ''}`, { file: shown, pointer: ptr });
    }
    if (policies.some((p) => p.meta.id === rule.meta.id)) {
      const pos = position(pointer(at, 'id'));
      throw new ConfigError(`the policy id "${spec.id}" is used twice${pos ? ` (line ${pos.line}, column ${pos.column})` : ''}`, { file: shown, pointer: `${at}/id` });
    }
    policies.push(rule);
    policySpecs.push(spec);
    policyLayer.set(rule.meta.id, { severity: rule.meta.severity, origin });
  });

  const overrides = ((obj.overrides ?? []) as Record<string, unknown>[]).map((o, i) => ({
    files: ([] as string[]).concat(o.files as string | string[]),
    excludedFiles: ([] as string[]).concat((o.excludedFiles as string | string[] | undefined) ?? []),
    base: dir,
    layer: layerFromObject(o, shown, `/overrides/${i}`)[0] ?? new Map(),
  }));

  return {
    file,
    dir,
    base,
    layers: [...(policyLayer.size ? [policyLayer] : []), ...layerFromObject(obj, shown)],
    overrides,
    ignore: (obj.ignore as string[] | undefined) ?? [],
    limits: { ...limits, ...(obj.limits as Partial<Limits> | undefined) },
    allowedRoots: ((obj.allowedRoots as string[] | undefined) ?? []).map((r) => path.resolve(dir, r)),
    plugins,
    policies,
    policySpecs,
    presetOrigins,
  };
}
