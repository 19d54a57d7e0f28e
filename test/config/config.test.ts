import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { resolveConfig, ResolvedConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/config/types.js';
import type { RuleModule } from '../../src/engine/rule-api.js';

let rules: Map<string, RuleModule>;
beforeAll(async () => {
  rules = await loadBuiltinRules();
});

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const severityOf = (c: ResolvedConfig, id: string, file = '/x/dataset.yaml') => c.forFile(file).get(id)?.severity;

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config resolution', () => {
  it('defaults to the recommended preset with each rule at its own severity', () => {
    const c = resolveConfig(rules, { cwd: tmp({}), noDiscovery: true });
    expect(severityOf(c, 'licence/licence-missing')).toBe('error');
    expect(severityOf(c, 'metadata/description-too-short')).toBe('warning');
    expect(c.forFile('/x/d.yaml').get('metadata/description-too-short')?.options).toEqual({ minLength: 101 });
  });

  it('applies config rules (severity, [severity, options], {severity, options}) and top-level options', () => {
    const dir = tmp({
      'odlint.config.yaml': [
        'rules:',
        '  licence/licence-missing: warning',
        '  metadata/keywords-missing: [error]',
        '  metadata/title-missing: {severity: "off"}',
        'options:',
        '  metadata/description-too-short: {minLength: 200}',
      ].join('\n'),
    });
    const c = resolveConfig(rules, { cwd: dir });
    expect(c.file).toBe(path.join(dir, 'odlint.config.yaml'));
    expect(severityOf(c, 'licence/licence-missing')).toBe('warning');
    expect(severityOf(c, 'metadata/keywords-missing')).toBe('error');
    expect(severityOf(c, 'metadata/title-missing')).toBe('off');
    expect(c.forFile('/x/d.yaml').get('metadata/description-too-short')).toEqual({ severity: 'warning', options: { minLength: 200 } });
  });

  it('is discovered walking up from the working directory', () => {
    const dir = tmp({ '.odlintrc.json': '{"rules": {"licence/licence-missing": "info"}}', 'a/b/.keep': '' });
    const c = resolveConfig(rules, { cwd: path.join(dir, 'a', 'b') });
    expect(c.file).toBe(path.join(dir, '.odlintrc.json'));
    expect(severityOf(c, 'licence/licence-missing')).toBe('info');
  });

  it('applies overrides only to matching files, and --rule last of all', () => {
    const dir = tmp({
      'odlint.config.yaml': 'overrides:\n  - files: ["legacy/**"]\n    rules:\n      licence/licence-missing: warning\n',
    });
    const c = resolveConfig(rules, { cwd: dir, ruleFlags: ['metadata/title-missing=info'] });
    expect(severityOf(c, 'licence/licence-missing', path.join(dir, 'legacy', 'x', 'dataset.yaml'))).toBe('warning');
    expect(severityOf(c, 'licence/licence-missing', path.join(dir, 'current', 'dataset.yaml'))).toBe('error');
    expect(severityOf(c, 'metadata/title-missing', path.join(dir, 'legacy', 'dataset.yaml'))).toBe('info');
  });

  it('extends presets and other config files in order', () => {
    const dir = tmp({
      'base.yaml': 'extends: luxembourg\nrules:\n  metadata/keywords-missing: error\n',
      'odlint.config.yaml': 'extends: ./base.yaml\nrules:\n  metadata/title-missing: warning\n',
    });
    const c = resolveConfig(rules, { cwd: dir });
    expect(severityOf(c, 'metadata/description-too-short')).toBe('error'); // from the luxembourg preset
    expect(severityOf(c, 'metadata/keywords-missing')).toBe('error');
    expect(severityOf(c, 'metadata/title-missing')).toBe('warning');
  });

  it('-p replaces the base presets: strict enables every rule', () => {
    const c = resolveConfig(rules, { cwd: tmp({}), presets: ['strict'], noDiscovery: true });
    for (const id of rules.keys()) expect(severityOf(c, id)).not.toBe('off');
  });

  it('names the file and JSON pointer of an unknown rule, with a suggestion', () => {
    const dir = tmp({ 'odlint.config.yaml': 'rules:\n  licence/licence-mising: error\n' });
    const e = configError(() => resolveConfig(rules, { cwd: dir }));
    expect(e.message).toBe('odlint.config.yaml at /rules/licence~1licence-mising: unknown rule "licence/licence-mising" (did you mean "licence/licence-missing"?)');
  });

  it('validates rule options against the rule schema', () => {
    const dir = tmp({ 'odlint.config.yaml': 'rules:\n  metadata/description-too-short: [warning, {minLength: "long"}]\n' });
    const e = configError(() => resolveConfig(rules, { cwd: dir }));
    expect(e.message).toBe('odlint.config.yaml at /rules/metadata~1description-too-short: rule metadata/description-too-short option minLength: must be integer');
  });

  it('validates the config structure with line and column', () => {
    const dir = tmp({ 'odlint.config.yaml': 'extends: recommended\nrulez:\n  a/b: error\n' });
    const e = configError(() => resolveConfig(rules, { cwd: dir }));
    expect(e.message).toBe('odlint.config.yaml at /rulez: unknown property "rulez" (line 2, column 1)');
  });

  it('rejects bad severities, unknown presets and YAML syntax errors', () => {
    expect(configError(() => resolveConfig(rules, { cwd: tmp({ 'odlint.config.yaml': 'rules:\n  licence/licence-missing: fatal\n' }) })).message).toMatch(
      /^odlint\.config\.yaml at \/rules\/licence~1licence-missing: must be one of "off", "info", "warning", "error"/,
    );
    expect(configError(() => resolveConfig(rules, { cwd: tmp({ 'odlint.config.yaml': 'extends: [recomended]\n' }) })).message).toBe(
      'odlint.config.yaml at /extends/0: unknown preset "recomended"',
    );
    expect(configError(() => resolveConfig(rules, { cwd: tmp({ 'odlint.config.yaml': 'rules: [\n' }) })).message).toMatch(
      /^odlint\.config\.yaml: invalid YAML: .* \(line \d+, column \d+\)$/,
    );
    expect(configError(() => resolveConfig(rules, { cwd: tmp({}), noDiscovery: true, ruleFlags: ['licence/licence-missing'] })).message).toBe(
      '--rule expects <id>=<off|info|warning|error>, got "licence/licence-missing"',
    );
  });

  it('ignores node_modules and configured globs', () => {
    const dir = tmp({ 'odlint.config.yaml': 'ignore: ["archive/**"]\n' });
    const c = resolveConfig(rules, { cwd: dir });
    expect(c.isIgnored(path.join(dir, 'archive', 'old', 'dataset.yaml'))).toBe(true);
    expect(c.isIgnored(path.join(dir, 'x', 'node_modules', 'p', 'package.json'))).toBe(true);
    expect(c.isIgnored(path.join(dir, 'current', 'dataset.yaml'))).toBe(false);
  });
});
