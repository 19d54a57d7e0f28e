import { loadBuiltinRules } from '../engine/registry.js';
import { loadPlugins, mergeRules } from './plugins.js';
import { configDisplay, readRequestedConfig, resolveWith, type ConfigRequest, type ResolvedConfig } from './resolve.js';

/**
 * The settings of a run: the config file named or discovered, with the plugins it lists
 * imported and its policies compiled, resolved against built-in, plugin and policy rules.
 * The CLI, the worker threads and the programmatic API all start here.
 */
export async function loadConfig(req: ConfigRequest): Promise<ResolvedConfig> {
  const config = readRequestedConfig(req);
  const [builtins, plugins] = await Promise.all([loadBuiltinRules(), loadPlugins(config.plugins, configDisplay(req.cwd))]);
  return resolveWith(mergeRules(builtins, plugins, config.policies), req, config, plugins);
}
