import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinRegistry, RuleRegistry } from '../../src/engine/registry.js';
import type { RuleMeta } from '../../src/engine/rule-api.js';

// A run resolves its config on the build's rule manifest and imports only the rules it enables
// (src/engine/registry.ts): the manifest must be exactly the rule files' metas, and a rule file
// that cannot be imported, or whose meta is not the manifest's, must be an error.

describe('the rule manifest', () => {
  it('is every rule file’s meta, in registry order (a stale build fails here: run npm run build)', async () => {
    const built = (JSON.parse(readFileSync(builtinRegistry.manifestFile, 'utf8')) as { rules: RuleMeta[] }).rules;
    const fromModules = await builtinRegistry.buildManifest();
    expect(built.map((m) => m.id)).toEqual(fromModules.map((m) => m.id));
    expect(built).toEqual(fromModules);
    expect(built.length).toBeGreaterThan(100);
  });
});

/** A rules folder with one rule file per entry (`family/name` → module source) and a manifest of `metas`. */
function registryOf(files: Record<string, string>, metas: unknown[] | undefined, editable = false): RuleRegistry {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-registry-'));
  for (const [id, source] of Object.entries(files)) {
    mkdirSync(path.join(dir, 'rules', path.dirname(id)), { recursive: true });
    writeFileSync(path.join(dir, 'rules', `${id}.mjs`), source);
  }
  const manifest = path.join(dir, 'rules.json');
  if (metas) writeFileSync(manifest, JSON.stringify({ rules: metas }));
  return new RuleRegistry(path.join(dir, 'rules'), '.mjs', manifest, editable);
}

const meta = (id: string, extra: Record<string, unknown> = {}) => ({ id, family: id.split('/')[0], description: 'd', rationale: 'r', severity: 'warning', presets: [], messages: { m: 'message' }, ...extra });
const ruleSource = (m: unknown) => `export const meta = ${JSON.stringify(m)};\nexport function create() { return {}; }\n`;

describe('RuleRegistry', () => {
  it('imports only the rules asked for', async () => {
    const reg = registryOf({ 'x/a': ruleSource(meta('x/a')), 'x/b': 'throw new Error("never imported");\n' }, [meta('x/a'), meta('x/b')]);
    expect([...(await reg.ruleMetas()).keys()]).toEqual(['x/a', 'x/b']);
    const rules = await reg.importRules(['x/a']);
    expect([...rules.keys()]).toEqual(['x/a']);
    expect([...reg.imported]).toEqual(['x/a']);
  });

  it('a family module beside the family’s folder (the build’s) gives its rules by name', async () => {
    const reg = registryOf({ 'x/a': 'throw new Error("the family module is imported instead");\n' }, [meta('x/a'), meta('x/b')]);
    writeFileSync(path.join(reg.dir, 'x.mjs'), `export const rules = { a: { meta: ${JSON.stringify(meta('x/a'))}, create() { return {}; } } };\n`);
    expect([...(await reg.importRules(['x/a'])).keys()]).toEqual(['x/a']);
    expect([...reg.imported]).toEqual(['x/a']);
    await expect(reg.importRules(['x/b'])).rejects.toThrow(/^rule file .*x\.mjs must export "meta" and "create"$/);
  });

  it('a rule file that fails to import is an error naming the rule and the cause', async () => {
    const reg = registryOf({ 'x/broken': 'export const meta = ;\n' }, [meta('x/broken')]);
    await expect(reg.importRules(['x/broken'])).rejects.toThrow(/^rule x\/broken \(.*x\/broken\.mjs\) failed to load: /);
    const missing = registryOf({}, [meta('x/gone')]);
    await expect(missing.importRules(['x/gone'])).rejects.toThrow(/^rule x\/gone \(.*\) failed to load: /);
  });

  it('a rule whose meta differs from the manifest is an error, not run', async () => {
    const reg = registryOf({ 'x/a': ruleSource(meta('x/a', { severity: 'error' })) }, [meta('x/a')]);
    await expect(reg.importRules(['x/a'])).rejects.toThrow(/^rule x\/a \(.*\): its meta differs from the rule manifest .*rules\.json: run npm run build$/);
  });

  it('a rule file without meta and create, or with another id, is an error', async () => {
    const reg = registryOf({ 'x/a': 'export const meta = {id: "x/a"};\n', 'x/b': ruleSource(meta('x/c')) }, [meta('x/a'), meta('x/b')]);
    await expect(reg.importRules(['x/a'])).rejects.toThrow(/must export "meta" and "create"/);
    await expect(reg.importRules(['x/b'])).rejects.toThrow(/declares id "x\/c", expected "x\/b"/);
  });

  it('an unknown id and a missing manifest are errors', async () => {
    await expect(registryOf({}, [meta('x/a')]).importRules(['x/nope'])).rejects.toThrow('unknown built-in rule "x/nope"');
    await expect(registryOf({ 'x/a': ruleSource(meta('x/a')) }, undefined).ruleMetas()).rejects.toThrow(/the rule manifest .* is missing: run npm run build/);
  });

  it('sources being edited: a manifest older than a rule file is rebuilt from the modules', async () => {
    const reg = registryOf({ 'x/a': ruleSource(meta('x/a', { description: 'new' })) }, [meta('x/a')], true);
    const old = new Date(Date.now() - 60_000);
    utimesSync(reg.manifestFile, old, old);
    expect((await reg.ruleMetas()).get('x/a')?.description).toBe('new');
    expect((await reg.importRules(['x/a'])).get('x/a')?.meta.description).toBe('new');
  });

  it('a meta that is not plain JSON cannot go into the manifest', async () => {
    const reg = registryOf({ 'x/a': `export const meta = ${JSON.stringify(meta('x/a')).replace(/\}$/, ', pattern: /a/ }')};\nexport function create() { return {}; }\n` }, []);
    await expect(reg.buildManifest()).rejects.toThrow('rule x/a: its meta must be plain JSON');
  });
});
