import type { SeverityOrOff } from '../model/index.js';
import { pointer } from '../model/index.js';
import type { RuleLayer, RuleSetting } from './types.js';

/**
 * Turns the `rules` and `options` of a (validated) config object into a layer; `rules` entries
 * may be a severity, `[severity, options]` or `{severity, options}`.
 */
export function layerFromObject(obj: Record<string, unknown>, file: string, base = ''): RuleLayer[] {
  const layer: RuleLayer = new Map();
  const rules = (obj.rules ?? {}) as Record<string, unknown>;
  for (const [id, entry] of Object.entries(rules)) {
    const origin = { file, pointer: pointer(base, 'rules', id) };
    let setting: RuleSetting;
    if (typeof entry === 'string') setting = { severity: entry as SeverityOrOff, origin };
    else if (Array.isArray(entry)) setting = { severity: entry[0] as SeverityOrOff, options: entry[1] as Record<string, unknown> | undefined, origin };
    else {
      const e = entry as { severity?: SeverityOrOff; options?: Record<string, unknown> };
      setting = { severity: e.severity, options: e.options, origin };
    }
    layer.set(id, setting);
  }
  const options = (obj.options ?? {}) as Record<string, Record<string, unknown>>;
  for (const [id, opts] of Object.entries(options)) {
    const prev = layer.get(id);
    const origin = { file, pointer: pointer(base, 'options', id) };
    layer.set(id, { severity: prev?.severity, options: { ...opts, ...prev?.options }, origin: prev?.origin ?? origin });
  }
  return layer.size ? [layer] : [];
}
