/**
 * Plugins (config `plugins: [odlint-plugin-foo, ./local-rules]`): modules of rules written with
 * the same `defineRule` API as the built-in ones, namespaced `foo/rule-id`, with presets of
 * their own (`extends: plugin:foo/recommended`). Names resolve from the folder of the config file
 * that lists them, as Node resolves packages (docs/plugins.md). Worker threads (`--jobs`) load
 * the same config and so import the same resolved files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleModule } from '../engine/rule-api.js';
import { getAjv, mainError, describeAjvError, schemaValidator } from '../util/json-schema.js';
import { layerFromObject } from './layers.js';
import { POLICY_FAMILY } from './policies.js';
import { ConfigError, type Origin, type RuleLayer } from './types.js';

/** A plugin as listed in a config file. */
export interface PluginRef {
  spec: string;
  /** Folder of the config file that lists it (names resolve from there). */
  dir: string;
  origin: Origin;
}

/** A loaded plugin. */
export interface LoadedPlugin {
  namespace: string;
  /** As written in the config. */
  spec: string;
  /** The module file imported (absolute). */
  file: string;
  /** The plugin package's version, when it has a package.json. */
  version?: string;
  /** Digest of the plugin's code (its package's JS and JSON files, or its one file): `--cache` keys on it. */
  hash: string;
  /** Its rules, under their full ids (`foo/rule-id`). */
  rules: Map<string, RuleModule>;
  /** `configs` of the plugin: preset name → `{rules, options}` as in a config file. */
  configs: Record<string, Record<string, unknown>>;
  /** Where the config lists it. */
  origin: Origin;
}

/**
 * What a plugin module exports, as its default export or as named exports (docs/plugins.md).
 * Rules are keyed by their name; odlint sets their full id (`<namespace>/<name>`) and family.
 */
export interface Plugin {
  meta?: { namespace?: string; version?: string };
  rules: Record<string, RuleModule<never> | RuleModule>;
  /** Presets: `plugin:<namespace>/<name>`, with the `rules` and `options` of a config file. */
  configs?: Record<string, { rules?: Record<string, unknown>; options?: Record<string, Record<string, unknown>> }>;
}

/** What a plugin module exports (as its default export or as named exports). */
interface PluginExports {
  meta?: { namespace?: string; name?: string; version?: string };
  rules?: Record<string, Partial<RuleModule>>;
  configs?: Record<string, unknown>;
}

const NAMESPACE = /^[a-z][a-z0-9-]*$/;
const RULE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const PACKAGE_NAME = /^(@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

/** Imports the plugins a config lists (each file once), checking their shape and namespaces. */
export async function loadPlugins(refs: PluginRef[], display: (f: string) => string): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const ref of refs) {
    const { file, packageDir } = resolvePlugin(ref);
    if (loaded.some((p) => p.file === file)) continue;
    let mod: PluginExports & { default?: PluginExports };
    try {
      mod = (await import(pathToFileURL(file).href)) as PluginExports & { default?: PluginExports };
    } catch (e) {
      throw new ConfigError(`plugin "${ref.spec}" (${display(file)}) failed to load: ${e instanceof Error ? e.message : String(e)}`, ref.origin);
    }
    const plugin = checkPlugin(ref, file, packageDir, mod.default && typeof mod.default === 'object' && mod.default.rules ? mod.default : mod);
    const twin = loaded.find((p) => p.namespace === plugin.namespace);
    if (twin) throw new ConfigError(`plugins "${twin.spec}" and "${ref.spec}" both use the namespace "${plugin.namespace}"`, ref.origin);
    loaded.push(plugin);
  }
  return loaded;
}

/** The rule set of a run: built-in rules, then the plugins' rules, then the config's policies. */
export function mergeRules(builtins: Map<string, RuleModule>, plugins: LoadedPlugin[], policies: RuleModule[]): Map<string, RuleModule> {
  const rules = new Map(builtins);
  const families = new Set([...builtins.values()].map((r) => r.meta.family));
  for (const p of plugins) {
    if (families.has(p.namespace)) throw new ConfigError(`plugin "${p.spec}" uses the namespace "${p.namespace}", which is odlint's own (docs/plugins.md)`, p.origin);
    for (const [id, r] of p.rules) rules.set(id, r);
  }
  for (const r of policies) rules.set(r.meta.id, r);
  return rules;
}

/**
 * The layers of a plugin preset `plugin:<namespace>/<name>`: the plugin's rules whose
 * `meta.presets` name it (every rule for `all`) at their default severity, then the settings of
 * the plugin's `configs[name]`.
 */
export function pluginPresetLayers(preset: string, plugins: LoadedPlugin[], origin?: Origin): RuleLayer[] {
  const m = /^plugin:([^/]+)\/(.+)$/.exec(preset);
  const plugin = m ? plugins.find((p) => p.namespace === m[1]) : undefined;
  if (!m || !plugin) {
    const known = plugins.map((p) => p.namespace).join(', ') || 'none';
    throw new ConfigError(`unknown plugin in preset "${preset}" (plugins loaded: ${known}; list it under "plugins")`, origin);
  }
  const name = m[2]!;
  const names = pluginPresetNames(plugin);
  if (!names.includes(name)) throw new ConfigError(`plugin ${plugin.namespace} has no preset "${name}" (it has: ${names.join(', ')})`, origin);
  const own: RuleLayer = new Map();
  for (const rule of plugin.rules.values()) {
    if (name === 'all' || rule.meta.presets.includes(name)) own.set(rule.meta.id, { severity: rule.meta.severity, origin: { file: preset, pointer: '' } });
  }
  const config = plugin.configs[name];
  return [own, ...(config ? layerFromObject(config, preset) : [])];
}

/** The presets a plugin offers: `all`, the names its rules' `meta.presets` use, its `configs`. */
export function pluginPresetNames(plugin: LoadedPlugin): string[] {
  return [...new Set(['all', ...[...plugin.rules.values()].flatMap((r) => r.meta.presets), ...Object.keys(plugin.configs)])].sort();
}

function checkPlugin(ref: PluginRef, file: string, packageDir: string | undefined, mod: PluginExports): LoadedPlugin {
  const fail = (why: string): never => {
    throw new ConfigError(`plugin "${ref.spec}" ${why} (docs/plugins.md)`, ref.origin);
  };
  const pkg = packageDir ? readPackage(packageDir) : undefined;
  const namespace = mod.meta?.namespace ?? namespaceOf(ref.spec, pkg?.name);
  if (!NAMESPACE.test(namespace)) fail(`has no usable namespace ("${namespace}"): export meta.namespace, lower-case letters, digits and "-"`);
  if (namespace === POLICY_FAMILY) fail(`uses the namespace "${namespace}", which is odlint's own`);
  if (!mod.rules || typeof mod.rules !== 'object' || !Object.keys(mod.rules).length) fail('exports no rules (export `rules: { "rule-id": rule }`)');

  const rules = new Map<string, RuleModule>();
  for (const [name, rule] of Object.entries(mod.rules!)) {
    if (!RULE_NAME.test(name)) fail(`names a rule "${name}": rule names are kebab-case`);
    const id = `${namespace}/${name}`;
    const meta = rule?.meta;
    if (!meta || typeof rule.create !== 'function') fail(`rule "${name}" must have "meta" and "create"`);
    if (meta!.id !== undefined && meta!.id !== name && meta!.id !== id) fail(`rule "${name}" declares the id "${meta!.id}" (expected "${id}" or "${name}")`);
    if (!['error', 'warning', 'info'].includes(meta!.severity as string)) fail(`rule "${name}" has no severity (error, warning or info)`);
    if (!meta!.messages || typeof meta!.messages !== 'object') fail(`rule "${name}" has no messages`);
    if (typeof meta!.description !== 'string') fail(`rule "${name}" has no description`);
    // The engine and the reports see the full id; the plugin's own object is left as it is.
    rules.set(id, {
      meta: { ...meta!, rationale: meta!.rationale ?? '', id, family: namespace, presets: meta!.presets ?? [] },
      create: rule.create!.bind(rule),
      ...(rule.catalogue ? { catalogue: rule.catalogue } : {}),
      source: 'plugin',
    });
  }
  const configs = (mod.configs ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, config] of Object.entries(configs)) checkPluginConfig(name, config, fail);
  return { namespace, spec: ref.spec, file, ...(pkg?.version ? { version: pkg.version } : {}), hash: codeHash(file, packageDir), rules, configs, origin: ref.origin };
}

let configsValidator: ReturnType<ReturnType<typeof getAjv>['compile']> | undefined;

/** A plugin's preset has the `rules`/`options` of a config file (same schema). */
function checkPluginConfig(name: string, config: unknown, fail: (why: string) => never): void {
  schemaValidator('config.schema.json'); // registers the schema's $id for the references below
  configsValidator ??= getAjv().compile({
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: { $ref: 'https://odlint.dev/schemas/config.schema.json#/$defs/rules' },
      options: { $ref: 'https://odlint.dev/schemas/config.schema.json#/$defs/options' },
    },
  });
  if (!configsValidator(config)) {
    const err = mainError(configsValidator.errors)!;
    fail(`preset "${name}"${err.instancePath ? ` at ${err.instancePath}` : ''}: ${describeAjvError(err)}`);
  }
}

/** `odlint-plugin-foo` → foo, `@acme/odlint-plugin-foo` → acme-foo, `@acme/odlint-plugin` → acme, `./local-rules` → local-rules. */
function namespaceOf(spec: string, packageName: string | undefined): string {
  const bare = !spec.startsWith('.') && !path.isAbsolute(spec);
  const name = bare ? spec : (packageName ?? path.basename(spec).replace(/\.[cm]?js$/, ''));
  const m = /^(?:@([^/]+)\/)?(.*)$/.exec(name)!;
  const base = m[2]!.replace(/^odlint-plugin-?/, '');
  return [m[1], base].filter(Boolean).join('-');
}

/** The module file of a plugin (a relative or absolute path to a file or package folder, or a package name) and its package folder. */
export function resolvePlugin(ref: PluginRef): { file: string; packageDir?: string } {
  const notFound = (where: string): never => {
    throw new ConfigError(`cannot find plugin "${ref.spec}" ${where}`, ref.origin);
  };
  if (ref.spec.startsWith('.') || path.isAbsolute(ref.spec)) {
    const target = path.resolve(ref.dir, ref.spec);
    for (const candidate of [target, `${target}.js`, `${target}.mjs`]) {
      const st = statSync(candidate, { throwIfNoEntry: false });
      if (st?.isFile()) return { file: candidate };
      if (st?.isDirectory()) return { file: packageEntry(candidate) ?? notFound(`(${candidate} has no package.json entry point or index.js)`), packageDir: candidate };
    }
    return notFound(`(no file or folder ${target})`);
  }
  if (!PACKAGE_NAME.test(ref.spec)) return notFound('(not a package name; local plugins start with "./")');
  for (let dir = ref.dir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ref.spec);
    if (statSync(candidate, { throwIfNoEntry: false })?.isDirectory()) {
      return { file: packageEntry(candidate) ?? notFound(`(${candidate} has no entry point)`), packageDir: candidate };
    }
    if (path.dirname(dir) === dir) return notFound(`in node_modules from ${ref.dir} up (npm install ${ref.spec})`);
  }
}

/** A package folder's ESM entry point: `exports` (import/node/default conditions), `main`, or index.js. */
function packageEntry(dir: string): string | undefined {
  const pkg = readPackage(dir) ?? {};
  let target = pkg.exports;
  if (target && typeof target === 'object' && !Array.isArray(target) && Object.keys(target).some((k) => k.startsWith('.'))) target = (target as Record<string, unknown>)['.'];
  while (target && typeof target === 'object' && !Array.isArray(target)) {
    const key = Object.keys(target).find((k) => ['import', 'node', 'default'].includes(k));
    target = key ? (target as Record<string, unknown>)[key] : undefined;
  }
  const entry = typeof target === 'string' ? target : (pkg.main ?? 'index.js');
  const file = path.resolve(dir, entry);
  for (const candidate of [file, `${file}.js`, path.join(file, 'index.js')]) if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  return undefined;
}

/** A digest of a plugin's code: every .js/.mjs/.cjs/.json file of its package folder (bounded), else its one file. */
function codeHash(file: string, packageDir: string | undefined): string {
  const hash = createHash('sha1');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (files.length >= 5000) return;
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path.join(dir, e.name));
      else if (e.isFile() && /\.(m?js|cjs|json)$/.test(e.name)) files.push(path.join(dir, e.name));
    }
  };
  if (packageDir) walk(packageDir);
  else files.push(file);
  for (const f of files) hash.update(`${path.relative(packageDir ?? path.dirname(file), f)}\0`).update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

interface PackageJson {
  name?: string;
  version?: string;
  exports?: unknown;
  main?: string;
}

/** A folder's package.json, if it has a readable one. */
function readPackage(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}
