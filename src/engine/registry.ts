import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleModule } from './rule-api.js';
import { packageRoot } from '../util/package-root.js';

/**
 * Built-in rules are discovered, not listed: every `rules/<family>/<id>.{ts,js}` is a rule.
 * Adding a rule is one new file. Works from sources (vitest) and from `dist/` (tsc output),
 * since both keep `rules/` two folders above this module.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const ownExt = path.extname(fileURLToPath(import.meta.url)); // .ts under vitest, .js once built
const rulesDir = path.resolve(here, '..', '..', 'rules');

let cache: Promise<Map<string, RuleModule>> | undefined;

export function loadBuiltinRules(): Promise<Map<string, RuleModule>> {
  cache ??= discover();
  return cache;
}

async function discover(): Promise<Map<string, RuleModule>> {
  const files: string[] = [];
  if (existsSync(rulesDir)) {
    for (const family of readdirSync(rulesDir, { withFileTypes: true })) {
      if (!family.isDirectory()) continue;
      for (const f of readdirSync(path.join(rulesDir, family.name))) {
        if (f.endsWith(ownExt) && !f.endsWith('.d.ts') && !f.startsWith('_') && !f.includes('.test.')) {
          files.push(path.join(rulesDir, family.name, f));
        }
      }
    }
  }
  files.sort();
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(f).href) as Promise<Partial<RuleModule>>));
  const rules = new Map<string, RuleModule>();
  modules.forEach((mod, i) => {
    const file = files[i]!;
    if (!mod.meta || typeof mod.create !== 'function') {
      throw new Error(`rule file ${file} must export "meta" and "create"`);
    }
    const expected = `${path.basename(path.dirname(file))}/${path.basename(file, ownExt)}`;
    if (mod.meta.id !== expected) throw new Error(`rule file ${file} declares id "${mod.meta.id}", expected "${expected}"`);
    rules.set(mod.meta.id, mod as RuleModule);
  });
  return rules;
}

/** The Markdown docs of a rule: `rules/<family>/<id>.md` in the package (beside the sources). */
export function ruleDocsPath(id: string): string {
  return path.join(packageRoot(), 'rules', `${id}.md`);
}
