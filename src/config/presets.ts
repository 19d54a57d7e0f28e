import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RuleModule } from '../engine/rule-api.js';
import { packageRoot } from '../util/package-root.js';
import { readDataFile } from '../util/data-file.js';
import { ConfigError, type RuleLayer } from './types.js';
import { layerFromObject } from './layers.js';

/** Presets shipped with odlint. Portal presets are YAML data in `presets/`; they extend `recommended`. */
export const PRESETS = ['recommended', 'strict', 'dcat-ap', 'hvd', 'mqa', 'brussels', 'luxembourg', 'france', 'netherlands'] as const;

export function isPreset(name: string): boolean {
  return (PRESETS as readonly string[]).includes(name);
}

/**
 * The layers a preset stands for, in application order: the presets it extends, the rules that
 * name it in their `meta.presets` (at their default severity), then its YAML file's own settings.
 * `strict` enables every rule.
 */
export function presetLayers(name: string, rules: Map<string, RuleModule>, seen: string[] = []): RuleLayer[] {
  if (!isPreset(name)) throw new ConfigError(`unknown preset "${name}" (known: ${PRESETS.join(', ')})`);
  if (seen.includes(name)) throw new ConfigError(`preset cycle: ${[...seen, name].join(' → ')}`);
  const file = path.join(packageRoot(), 'presets', `${name}.yaml`);
  const data = existsSync(file) ? (readDataFile(`presets/${name}.yaml`) as Record<string, unknown> | null) ?? {} : {};
  const parents = ([] as string[]).concat((data.extends as string | string[] | undefined) ?? []);
  const layers = parents.flatMap((p) => presetLayers(p, rules, [...seen, name]));

  const own: RuleLayer = new Map();
  for (const rule of rules.values()) {
    // Plugins' and policies' rules are enabled by their own presets and settings, not odlint's.
    if (rule.source) continue;
    const wanted = name === 'strict' || rule.meta.presets.includes(name) || (name === 'recommended' && rule.meta.family === 'core');
    if (wanted) own.set(rule.meta.id, { severity: rule.meta.severity, origin: { file: `preset:${name}`, pointer: '' } });
  }
  layers.push(own);
  if (Object.keys(data).length) layers.push(...layerFromObject(data, `preset:${name}`));
  return layers;
}
