import type { SeverityOrOff } from '../model/index.js';

/** Where a config value was written: reported when it is wrong. */
export interface Origin {
  file: string;
  pointer: string;
}

export interface RuleSetting {
  severity?: SeverityOrOff;
  options?: Record<string, unknown>;
  origin: Origin;
}

/** One layer of settings (a preset, a config file, an override, the command line). */
export type RuleLayer = Map<string, RuleSetting>;

export interface Override {
  files: string[];
  excludedFiles: string[];
  /** Folder the globs are relative to. */
  base: string;
  layer: RuleLayer;
}

/** The effective settings of one rule for one file. */
export interface EffectiveRule {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

/** A config that cannot be used: exit code 2 with this one line. */
export class ConfigError extends Error {
  constructor(message: string, readonly origin?: Origin) {
    super(origin ? `${origin.file}${origin.pointer ? ` at ${origin.pointer}` : ''}: ${message}` : message);
  }
}
