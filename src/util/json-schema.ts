import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ValidateFunction, ErrorObject } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';

let ajv: Ajv2020 | undefined;

/**
 * One shared ajv instance (draft 2020-12, all errors, formats). ajv and ajv-formats (CommonJS,
 * ~40 ms to load) are required on first use: a run without a config file or rule options never
 * validates anything with them.
 */
export function getAjv(): Ajv2020 {
  if (!ajv) {
    const require = createRequire(import.meta.url);
    const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    // ajv-formats' function is its `.default` (CommonJS).
    const formats = require('ajv-formats') as { default?: typeof addFormatsModule };
    ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    ((formats.default ?? formats) as unknown as (a: Ajv2020) => void)(ajv);
  }
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();

/** Compiles a schema shipped in `schemas/` once. */
export function schemaValidator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const schema = JSON.parse(readFileSync(path.join(packageRoot(), 'schemas', name), 'utf8')) as object;
    fn = getAjv().compile(schema);
    compiled.set(name, fn);
  }
  return fn;
}

/** The most useful error of an ajv run: the deepest one, skipping oneOf/anyOf summaries. */
export function mainError(errors: ErrorObject[] | null | undefined): ErrorObject | undefined {
  if (!errors?.length) return undefined;
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const pool = specific.length ? specific : errors;
  return pool.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a));
}

export function describeAjvError(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'unevaluatedProperties') return `unknown property "${String(e.params.unevaluatedProperty)}"`;
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'propertyNames') return `invalid property name "${String(e.params.propertyName)}"`;
  return e.message ?? e.keyword;
}
