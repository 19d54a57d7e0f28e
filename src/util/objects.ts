/**
 * `{ ...base, ...extra }` for objects made per unit, dataset or finding, with a hidden class
 * shared by all of them. On Node 20's V8 (11.3), an object literal that *begins* with a spread
 * and then gets keys the spread did not bring (`{ ...a, b }`, `{ ...(x ? { x } : {}), y }`, or
 * `{ ...a }` followed by `o.b = …`) is given a hidden class of its own once the spread's inline
 * cache is warm (from about the ninth object on). Made by the thousand, such objects fill V8's
 * megamorphic stub cache, so property reads on them — and on the model's objects, evicted with
 * them — go to the runtime, and code that met them is deoptimised and compiled again
 * (docs/performance.md, seventeenth pass). `Object.assign` onto a new `{}` follows the shared
 * transitions, as does a literal that begins with a key of its own (`{ a, ...b }`).
 * Only for objects whose keys are odlint's own: `Object.assign` sets, so a parsed `__proto__`
 * key would set the prototype.
 */
export function extended<T extends object, U extends object>(base: T, extra: U): T & U {
  return Object.assign({}, base, extra);
}

/**
 * The entries of `entries` whose value is defined, in their order, as a new object: the idiom
 * `{ ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) }` for objects made
 * per dataset, without its hidden class per object (see `extended`).
 */
export function definedOnly<T extends object>(entries: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const key in entries) if (entries[key] !== undefined) out[key] = entries[key];
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
