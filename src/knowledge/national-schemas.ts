/**
 * National schemas vendored in schemas/national/ (the SCDL Table Schemas of
 * schema.data.gouv.fr; schemas/national/SOURCES.md says where each comes from): which one a
 * distribution declares — udata `schema: {name, version}`, a `dct:conformsTo` URL — or which
 * one a data file's header matches, so the Table Schema checks the reader already has
 * (data/schema-*) validate it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dataset, Distribution, TableSchema } from '../model/index.js';
import { packageRoot } from '../util/package-root.js';

export interface NationalSchema {
  /** The id schema.data.gouv.fr gives it: `scdl/subventions`. */
  id: string;
  version: string;
  title: string;
  schema: TableSchema;
}

/** The vendored schemas, by file name in schemas/national/fr/ (`scdl-subventions.json` → `scdl/subventions`). */
const FOLDER = 'schemas/national/fr';
let loaded: NationalSchema[] | undefined;

export function nationalSchemas(): readonly NationalSchema[] {
  if (!loaded) {
    const dir = path.join(packageRoot(), FOLDER);
    loaded = [
      'budget',
      'catalogue',
      'deliberations',
      'equipements',
      'menus-collectifs',
      'plats-menus-collectifs',
      'prenoms',
      'subventions',
    ].map((name) => {
      const schema = JSON.parse(readFileSync(path.join(dir, `scdl-${name}.json`), 'utf8')) as TableSchema;
      return { id: `scdl/${name}`, version: String(schema.version ?? '').replace(/^v/, ''), title: String(schema.title ?? name), schema };
    });
  }
  return loaded;
}

const byId = (id: string) => nationalSchemas().find((s) => s.id === id.trim().toLowerCase());

/** The schema a URL names: schema.data.gouv.fr pages and files, or the SCDL repositories (gitlab, git.opendatafrance.net). */
function schemaOfUrl(url: string): NationalSchema | undefined {
  const m = /(?:schema\.data\.gouv\.fr\/(?:schemas\/)?|opendatafrance[^/]*\/(?:[^/]+\/)?)(scdl)\/([a-z-]+)/i.exec(url) ?? /\b(scdl)[-/]([a-z-]+)/i.exec(url);
  return m ? byId(`scdl/${m[2]!.replace(/\.(json|html)$/, '')}`) : undefined;
}

export interface DeclaredSchema {
  schema: NationalSchema;
  /** What declared it, for messages: `udata schema`, `conformsTo`. */
  by: 'udata schema' | 'conformsTo';
  /** The version the metadata asks for, when it names one. */
  version?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The vendored national schema a distribution (or its dataset) declares, if any. */
export function declaredNationalSchema(dist: Distribution, ds: Dataset): DeclaredSchema | undefined {
  const udata = dist.extras.schema;
  if (udata && typeof udata === 'object' && !Array.isArray(udata)) {
    const u = udata as Record<string, unknown>;
    const schema = (str(u.name) && byId(str(u.name)!)) || (str(u.url) && schemaOfUrl(str(u.url)!));
    const version = str(u.version);
    if (schema) return { schema, by: 'udata schema', ...(version ? { version } : {}) };
  }
  // ckanext-validation: the resource's `schema` as a URL.
  const url = str(udata);
  const linked = url && /^https?:\/\//.test(url.trim()) ? schemaOfUrl(url) : undefined;
  if (linked) return { schema: linked, by: 'conformsTo' };
  for (const url of [...(dist.conformsTo ?? []), ...ds.conformsTo]) {
    const schema = schemaOfUrl(url);
    if (schema) return { schema, by: 'conformsTo' };
  }
  return undefined;
}

/**
 * The vendored schema a header matches: every required field of the schema is a column, and
 * at least 80% of the schema's fields are (names compared exactly, as Table Schema does).
 */
export function nationalSchemaByHeader(header: readonly string[]): NationalSchema | undefined {
  const columns = new Set(header.map((h) => h.trim()));
  let best: { schema: NationalSchema; share: number } | undefined;
  for (const s of nationalSchemas()) {
    const fields = s.schema.fields;
    const required = fields.filter((f) => (f.constraints as { required?: boolean } | undefined)?.required);
    if (!required.every((f) => columns.has(f.name))) continue;
    const share = fields.filter((f) => columns.has(f.name)).length / fields.length;
    if (share >= 0.8 && (!best || share > best.share)) best = { schema: s, share };
  }
  return best?.schema;
}

/**
 * Normalisation step: a distribution that declares a vendored national schema and has no
 * Table Schema of its own gets that schema, located at the declaration, so the Table Schema
 * rules validate its data.
 */
export function adoptDeclaredSchemas(ds: Dataset): void {
  for (const dist of ds.distributions) {
    if (dist.schema) continue;
    const declared = declaredNationalSchema(dist, ds);
    if (!declared) continue;
    dist.schema = declared.schema.schema;
    dist.nationalSchema = { id: declared.schema.id, version: declared.schema.version, by: declared.by, ...(declared.version ? { declaredVersion: declared.version } : {}) };
    const at = declared.by === 'udata schema' ? dist.locations['extras.schema'] : (dist.locations.conformsTo ?? ds.locations.conformsTo);
    if (at) dist.locations.schema = at;
  }
}
