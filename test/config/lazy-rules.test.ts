import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { builtinRuleMetas, importedBuiltinRules } from '../../src/engine/registry.js';
import { ROOT } from '../helpers/lint.js';

// A run imports only the rules its config turns on (src/config/load-config.ts). Nothing else in
// this file imports rules, so the registry's record of what it imported is this test's doing.
// (Under vitest a manifest older than a rule source is rebuilt by importing every rule: run
// `npm run build` first, as `npm test` does.)

/** The non-core rules a config enables for a file, as `forFile` resolves them. */
function enabled(config: Awaited<ReturnType<typeof loadConfig>>, file: string): string[] {
  return [...config.forFile(file)].filter(([id, eff]) => eff.severity !== 'off' && !id.startsWith('core/')).map(([id]) => id);
}

describe('loadConfig imports only the enabled rules', () => {
  it('a preset run imports its rules and no other; the others are known by their metas', async () => {
    // dcat-ap turns off some of the recommended rules it extends; --rule turns off one of its own.
    const config = await loadConfig({ cwd: ROOT, presets: ['dcat-ap'], ruleFlags: ['data/ragged-rows=off'], noDiscovery: true });
    const file = path.join(ROOT, 'x.json');
    const on = enabled(config, file);
    expect(on).not.toContain('data/ragged-rows');
    expect(on).not.toContain('licence/licence-missing');
    const all = await builtinRuleMetas();
    expect(on.length).toBeGreaterThan(10);
    expect(on.length).toBeLessThan(all.size - 20);
    expect([...importedBuiltinRules()].sort()).toEqual([...on].sort());
    // Every rule is in the rule set, with its meta (reports, `--print-config`, fingerprints need them) …
    expect([...config.rules.keys()]).toEqual([...all.keys()]);
    const off = [...all.keys()].find((id) => !on.includes(id) && !id.startsWith('core/'))!;
    expect(config.rules.get(off)!.meta).toEqual(all.get(off));
    // … and one that is off was never imported, so it cannot be created.
    expect(() => config.rules.get(off)!.create({} as never)).toThrow(`rule ${off} is off in this config, so its module was not imported`);
  });

  it('a rule turned on by --rule or only by an override is imported too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-lazy-'));
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'extends: dcat-ap\noverrides:\n  - files: ["special/**"]\n    rules:\n      gender/total-missing: warning\n');
    const config = await loadConfig({ cwd: dir, ruleFlags: ['data/duplicate-rows=error'] });
    const imported = importedBuiltinRules();
    expect(imported.has('data/duplicate-rows')).toBe(true);
    expect(imported.has('gender/total-missing')).toBe(true);
    expect(enabled(config, path.join(dir, 'plain.csv'))).not.toContain('gender/total-missing');
    expect(enabled(config, path.join(dir, 'special', 'a.csv'))).toContain('gender/total-missing');
    // Still far from all of them.
    expect(imported.size).toBeLessThan((await builtinRuleMetas()).size - 20);
  });
});
