import { builtinRuleMetas, importBuiltinRules, metaOnlyRule } from '../engine/registry.js';
import { loadPlugins, mergeRules } from './plugins.js';
import { configDisplay, readRequestedConfig, resolveWith, type ConfigRequest, type ResolvedConfig } from './resolve.js';

/**
 * The settings of a run: the config file named or discovered, with the plugins it lists
 * imported and its policies compiled, resolved against built-in, plugin and policy rules.
 * The CLI, the worker threads and the programmatic API all start here.
 *
 * Built-in rules are resolved on their metas (the build's rule manifest); only the rules that
 * some setting turns on are then imported — a preset's run never loads the code (and the
 * knowledge) of the rules it leaves off. `core/*` rules are the engine's own findings: their
 * meta is all a run needs of them.
 */
export async function loadConfig(req: ConfigRequest): Promise<ResolvedConfig> {
  const config = readRequestedConfig(req);
  const [metas, plugins] = await Promise.all([builtinRuleMetas(), loadPlugins(config.plugins, configDisplay(req.cwd))]);
  const builtins = new Map([...metas].map(([id, meta]) => [id, metaOnlyRule(meta)]));
  const resolved = resolveWith(mergeRules(builtins, plugins, config.policies), req, config, plugins);
  const wanted = [...resolved.switchedOn].filter((id) => metas.get(id) && metas.get(id)!.family !== 'core');
  // Same keys: the rule set keeps its order.
  for (const [id, rule] of await importBuiltinRules(wanted)) resolved.rules.set(id, rule);
  return resolved;
}
