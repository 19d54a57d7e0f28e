import { readdirSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleMeta, RuleModule } from './rule-api.js';
import { packageRoot } from '../util/package-root.js';

/**
 * Built-in rules are discovered, not listed: every `rules/<family>/<id>.{ts,js}` is a rule.
 * Adding a rule is one new file. Works from sources (vitest) and from `dist/` (tsc output),
 * since both keep `rules/` two folders above this module.
 *
 * A run imports only the rules its config enables (ESLint's lazy rule loading): the build writes
 * every rule's `meta` to a manifest (`dist/data/rules.json`, scripts/compile-data.mjs), config
 * resolution works on those metas, and `importRules` then imports the enabled rules' modules —
 * and through them only the knowledge those rules use. An imported rule whose `meta` is not
 * the manifest's is an error (a stale build), never silently run.
 *
 * Once built, a family's rules are one module beside the family's folder,
 * `dist/rules/<family>.js` (scripts/bundle.mjs: on Node 20 every module opened costs more than
 * the code of a family's other rules), so a run imports the families of the rules it enables.
 */
const ownExt = path.extname(fileURLToPath(import.meta.url)); // .ts under vitest, .js once built

/** A family module (scripts/bundle.mjs): each of the family's rule modules by rule name. */
interface FamilyModule {
  rules: Record<string, Partial<RuleModule>>;
}

/** A folder of rule files and the manifest of their metas. */
export class RuleRegistry {
  private metas?: Promise<Map<string, RuleMeta>>;
  private readonly modules = new Map<string, Promise<RuleModule>>();
  /** The rules whose module this registry imported in this thread (the test of lazy loading reads it). */
  readonly imported = new Set<string>();
  private readonly familyModules = new Map<string, boolean>();

  constructor(
    /** `rules/`: one folder per family, one file per rule. */
    readonly dir: string,
    /** The rule files' extension (`.ts` under vitest, `.js` once built). */
    readonly ext: string,
    readonly manifestFile: string,
    /**
     * Sources being edited (vitest): a manifest older than a rule file is rebuilt in memory from
     * the modules (importing them all), as src/util/data-file.ts reads a YAML newer than its JSON.
     */
    readonly editable: boolean,
  ) {}

  /** Every rule's meta, in registry order (sorted by file), read from the manifest. */
  ruleMetas(): Promise<Map<string, RuleMeta>> {
    this.metas ??= this.readMetas().then((list) => new Map(list.map((m) => [m.id, m])));
    return this.metas;
  }

  /** The rule modules of `ids` (each imported once, checked against its manifest entry), in registry order. */
  async importRules(ids: Iterable<string>): Promise<Map<string, RuleModule>> {
    const metas = await this.ruleMetas();
    const wanted = new Set(ids);
    for (const id of wanted) if (!metas.has(id)) throw new Error(`unknown built-in rule "${id}"`);
    const order = [...metas.keys()].filter((id) => wanted.has(id));
    const modules = await Promise.all(order.map((id) => this.importRule(id, metas.get(id)!)));
    return new Map(order.map((id, i) => [id, modules[i]!]));
  }

  /** Every rule file's meta, imported: what the build writes as the manifest. */
  async buildManifest(): Promise<RuleMeta[]> {
    const ids = this.ruleFiles().map((f) => this.idOf(f));
    const modules = await Promise.all(ids.map((id) => this.importModule(id)));
    return modules.map((mod, i) => {
      const meta = mod.meta;
      // The manifest is JSON: a meta that does not survive JSON (a RegExp, a function, undefined) would differ once read back.
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(meta)), meta)) throw new Error(`rule ${ids[i]}: its meta must be plain JSON (no RegExp, function or undefined value)`);
      return meta;
    });
  }

  private async readMetas(): Promise<RuleMeta[]> {
    const built = statSync(this.manifestFile, { throwIfNoEntry: false });
    if (this.editable && (!built || this.ruleFiles().some((f) => statSync(f).mtimeMs > built.mtimeMs))) return this.buildManifest();
    if (!built) throw new Error(`the rule manifest ${this.manifestFile} is missing: run npm run build`);
    return (JSON.parse(readFileSync(this.manifestFile, 'utf8')) as { rules: RuleMeta[] }).rules;
  }

  private importRule(id: string, expected: RuleMeta): Promise<RuleModule> {
    let mod = this.modules.get(id);
    if (!mod) {
      mod = this.importModule(id).then((m) => {
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(m.meta)), expected)) {
          throw new Error(`rule ${id} (${this.fileOf(id)}): its meta differs from the rule manifest ${this.manifestFile}: run npm run build`);
        }
        return m;
      });
      this.modules.set(id, mod);
    }
    return mod;
  }

  private async importModule(id: string): Promise<RuleModule> {
    const family = this.familyModuleOf(id);
    const file = family ?? this.fileOf(id);
    let mod: Partial<RuleModule>;
    try {
      mod = family ? (((await import(pathToFileURL(family).href)) as FamilyModule).rules[path.basename(id)] ?? {}) : ((await import(pathToFileURL(file).href)) as Partial<RuleModule>);
    } catch (e) {
      throw new Error(`rule ${id} (${file}) failed to load: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.imported.add(id);
    if (!mod.meta || typeof mod.create !== 'function') throw new Error(`rule file ${file} must export "meta" and "create"`);
    if (mod.meta.id !== id) throw new Error(`rule file ${file} declares id "${mod.meta.id}", expected "${id}"`);
    return mod as RuleModule;
  }

  /** The rule files, sorted by path (the registry order). */
  private ruleFiles(): string[] {
    const files: string[] = [];
    if (existsSync(this.dir)) {
      for (const family of readdirSync(this.dir, { withFileTypes: true })) {
        if (!family.isDirectory()) continue;
        for (const f of readdirSync(path.join(this.dir, family.name))) {
          if (f.endsWith(this.ext) && !f.endsWith('.d.ts') && !f.startsWith('_') && !f.includes('.test.')) {
            files.push(path.join(this.dir, family.name, f));
          }
        }
      }
    }
    return files.sort();
  }

  private idOf(file: string): string {
    return `${path.basename(path.dirname(file))}/${path.basename(file, this.ext)}`;
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}${this.ext}`);
  }

  /** `<dir>/<family><ext>`, the module of the family's rules, where the build wrote one; else undefined. */
  private familyModuleOf(id: string): string | undefined {
    const file = path.join(this.dir, `${path.dirname(id)}${this.ext}`);
    let exists = this.familyModules.get(file);
    if (exists === undefined) this.familyModules.set(file, (exists = existsSync(file)));
    return exists ? file : undefined;
  }
}

/**
 * `rules/` under vitest (sources), `dist/rules/` once built: found from the package root, not from
 * this module, which the build bundles into a shared chunk (scripts/bundle.mjs).
 */
function builtinRulesDir(): string {
  return ownExt === '.ts' ? path.join(packageRoot(), 'rules') : path.join(packageRoot(), 'dist', 'rules');
}

/** odlint's own rules. */
export const builtinRegistry = new RuleRegistry(builtinRulesDir(), ownExt, path.join(packageRoot(), 'dist', 'data', 'rules.json'), ownExt === '.ts');

/** Every built-in rule's meta, without importing any rule's code. */
export function builtinRuleMetas(): Promise<Map<string, RuleMeta>> {
  return builtinRegistry.ruleMetas();
}

/** The built-in rules of `ids`, imported (only those). */
export function importBuiltinRules(ids: Iterable<string>): Promise<Map<string, RuleModule>> {
  return builtinRegistry.importRules(ids);
}

let all: Promise<Map<string, RuleModule>> | undefined;

/** Every built-in rule, imported (`odlint rules` and config resolution need only `builtinRuleMetas`). */
export function loadBuiltinRules(): Promise<Map<string, RuleModule>> {
  all ??= builtinRuleMetas().then((metas) => builtinRegistry.importRules(metas.keys()));
  return all;
}

/**
 * A built-in rule as config resolution sees it before its module is imported: its meta only.
 * `loadConfig` imports every rule a setting turns on; the engine creates only those, so this
 * `create` is never called.
 */
export function metaOnlyRule(meta: RuleMeta): RuleModule {
  return {
    meta,
    create() {
      throw new Error(`rule ${meta.id} is off in this config, so its module was not imported`);
    },
  };
}

/** The built-in rules whose module this thread has imported. */
export function importedBuiltinRules(): ReadonlySet<string> {
  return builtinRegistry.imported;
}

/** The Markdown docs of a rule: `rules/<family>/<id>.md` in the package (beside the sources). */
export function ruleDocsPath(id: string): string {
  return path.join(packageRoot(), 'rules', `${id}.md`);
}
