import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, loadConfig, formatters, ConfigError, InputError } from '../../src/index.js';
import { ROOT } from '../helpers/lint.js';

const BIN = path.join(ROOT, 'bin', 'odlint.js');
const cli = (args: string[]) => execa('node', [BIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });

describe("programmatic API: import { lint, loadConfig, formatters } from 'odlint'", () => {
  it('lint() returns the report `odlint -f json` prints, and formatters render it byte for byte', async () => {
    const inputs = ['fixtures/odlint/bad', 'fixtures/ckan/bad'];
    const [report, json, stylish] = await Promise.all([
      lint(inputs, { cwd: ROOT, noConfigDiscovery: true }),
      cli([...inputs, '-f', 'json']),
      cli([...inputs]),
    ]);
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report).toEqual(JSON.parse(json.stdout));
    expect(await formatters.format('json', report, { cwd: ROOT })).toBe(json.stdout + '\n');
    expect(await formatters.format('stylish', report, { cwd: ROOT })).toBe(stylish.stdout + '\n');
    expect(formatters.names()).toEqual(expect.arrayContaining(['json', 'jsonl', 'sarif', 'junit', 'github', 'markdown', 'html', 'csv', 'stylish']));
  });

  it('loadConfig() resolves the config once for several lint() calls, with presets and rule settings', async () => {
    const config = await loadConfig({ cwd: ROOT, noDiscovery: true, presets: ['strict'], ruleFlags: ['licence/licence-missing=info'] });
    expect(config.forFile(path.join(ROOT, 'x.yaml')).get('licence/licence-missing')?.severity).toBe('info');
    const report = await lint(['fixtures/odlint/bad'], { cwd: ROOT, config });
    const licence = report.datasets[0]!.findings.find((f) => f.ruleId === 'licence/licence-missing');
    expect(licence?.severity).toBe('info');
    // strict enables rules recommended leaves off: more findings than the default run.
    const recommended = await lint(['fixtures/odlint/bad'], { cwd: ROOT, noConfigDiscovery: true });
    expect(report.datasets[0]!.findings.length).toBeGreaterThan(recommended.datasets[0]!.findings.length);
  });

  it('throws ConfigError and InputError for what the CLI exits 2 on; a broken file is a finding', async () => {
    await expect(loadConfig({ cwd: ROOT, noDiscovery: true, ruleFlags: ['nope'] })).rejects.toBeInstanceOf(ConfigError);
    await expect(lint(['no/such/folder'], { cwd: ROOT, noConfigDiscovery: true })).rejects.toBeInstanceOf(InputError);
    const report = await lint(['fixtures/malformed'], { cwd: ROOT, noConfigDiscovery: true });
    expect(report.files.flatMap((f) => f.findings).some((f) => f.ruleId === 'core/parse-error')).toBe(true);
  });

  it('ships type declarations for the API (dist/src/index.d.ts, the package "types")', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }>; types: string };
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    const dts = path.join(ROOT, pkg.types);
    expect(existsSync(dts)).toBe(true);
    const text = readFileSync(dts, 'utf8');
    for (const name of ['lint', 'loadConfig', 'formatters', 'defineRule', 'RuleModule', 'Plugin', 'Report']) expect(text).toContain(name);
  });
});
