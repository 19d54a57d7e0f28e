import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.js';
import { PRESETS } from '../config/presets.js';
import { CONFIG_FILES, findConfig } from '../config/load.js';
import { UsageError, type CliIO } from './io.js';

const STARTER = `# odlint configuration — https://github.com/odlint/odlint/blob/main/docs/configuration.md
# Validated against schemas/config.schema.json; run \`odlint rules\` to list rule ids.

# Presets, applied in order: ${PRESETS.join(', ')}
# (portal presets extend "recommended"), or relative paths of other config files.
extends:
  - recommended

# Per-rule severity: off | info | warning | error, or {severity, options}.
rules:
  # metadata/description-too-short:
  #   severity: warning
  #   options: { minLength: 101 }   # udata: more than 100 characters
  # metadata/keywords-missing: error

# Options without changing a rule's severity.
# options:
#   metadata/description-too-short: { minLength: 200 }

# Different settings for some files (globs relative to this file).
# overrides:
#   - files: ["legacy/**"]
#     rules:
#       licence/licence-missing: warning

# Files and folders never linted (globs relative to this file).
ignore:
  - "node_modules/**"
`;

/** `odlint init`: writes a commented starter config in the working directory. */
export function runInit(force: boolean, io: CliIO): number {
  const file = path.join(io.cwd, CONFIG_FILES[0]!);
  const existing = CONFIG_FILES.map((f) => path.join(io.cwd, f)).find((f) => existsSync(f));
  if (existing && !force) throw new UsageError(`${path.basename(existing)} already exists (use --force to overwrite)`);
  writeFileAtomic(file, STARTER);
  io.stdout(`wrote ${path.basename(file)}\n`);
  const parent = findConfig(path.dirname(io.cwd));
  if (parent) io.stdout(`note: ${parent} also exists higher up; the new file takes precedence here\n`);
  return 0;
}
