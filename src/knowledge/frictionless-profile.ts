/**
 * Validation of Table Schemas and CSV dialects against the official Frictionless profiles
 * (schemas/frictionless/, Data Package v2), with errors condensed to what a publisher can act
 * on: the profile's `oneOf` alternatives (a field per type, a foreign key as strings or lists)
 * would otherwise give one error per alternative.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { packageRoot } from '../util/package-root.js';
import { describeAjvError } from '../util/json-schema.js';

export interface ProfileError {
  /** JSON pointer inside the validated object (`/fields/2/type`); `` for the object itself. */
  pointer: string;
  message: string;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function profile(name: 'tableschema' | 'tabledialect'): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    // draft-07, unlike the 2020-12 instance odlint's own schemas use; ajv is required on first
    // use (a run whose data declare no Table Schema or dialect does not load it).
    ajv ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false });
    const schema = JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', 'frictionless', `${name}.json`), 'utf8')) as { properties: Record<string, unknown> };
    // The published profile says `fieldsMatch` is an array (with `item` for `items`); the
    // specification's text says a string, and that is what every tool writes (SOURCES.md).
    if (name === 'tableschema') schema.properties.fieldsMatch = { type: 'string', enum: ['exact', 'equal', 'subset', 'superset', 'partial'] };
    fn = ajv.compile(schema);
    compiled.set(name, fn);
  }
  return fn;
}

const FIELD_TYPES = ['string', 'number', 'integer', 'date', 'time', 'datetime', 'year', 'yearmonth', 'boolean', 'object', 'geopoint', 'geojson', 'array', 'duration', 'any'];

/** The Table Schema's errors, one per problem, in document order. */
export function tableSchemaErrors(schema: unknown): ProfileError[] {
  const validate = profile('tableschema');
  if (validate(schema)) return [];
  const errors = condense(validate.errors ?? []);
  // A field of an unknown type fails every alternative: say that instead.
  const fields = (schema as { fields?: unknown }).fields;
  const unknownType = new Set<string>();
  if (Array.isArray(fields)) {
    fields.forEach((f, i) => {
      const type = (f as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !FIELD_TYPES.includes(type)) unknownType.add(`/fields/${i}`);
    });
  }
  const out: ProfileError[] = [...unknownType].map((p) => ({ pointer: `${p}/type`, message: `unknown field type "${String((fields as { type: string }[])[Number(p.split('/')[2])]!.type)}": one of ${FIELD_TYPES.join(', ')}` }));
  for (const e of errors) if (![...unknownType].some((p) => e.pointer === p || e.pointer.startsWith(`${p}/`))) out.push(e);
  return dedupe(out);
}

/** The CSV dialect's errors. */
export function dialectErrors(dialect: unknown): ProfileError[] {
  const validate = profile('tabledialect');
  return validate(dialect) ? [] : dedupe(condense(validate.errors ?? []));
}

/**
 * For each failed `oneOf`, only the errors of its closest alternative (the fewest errors) are
 * kept; an object matching several alternatives keeps the `oneOf` error itself.
 */
function condense(errors: ErrorObject[]): ProfileError[] {
  let kept = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const ambiguous: ErrorObject[] = [];
  for (const o of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const prefix = `${o.schemaPath}/`;
    const inside = kept.filter((e) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(o.instancePath));
    if (!inside.length) {
      ambiguous.push(o);
      continue;
    }
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const best = [...byBranch.values()].reduce((a, b) => (b.length < a.length ? b : a));
    kept = kept.filter((e) => !inside.includes(e) || best.includes(e));
  }
  return [...kept, ...ambiguous].map((e) => ({ pointer: e.instancePath, message: describe(e) }));
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'required') return `"${String(e.params.missingProperty)}" is required`;
  if (e.keyword === 'oneOf') return 'matches more than one of the forms the specification allows';
  return describeAjvError(e);
}

function dedupe(errors: ProfileError[]): ProfileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.pointer}\0${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
