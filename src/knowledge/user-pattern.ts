import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';

/**
 * A regular expression written by a user (a Table Schema `pattern`, a date `format`), compiled for
 * RE2 semantics: matching time is linear in the input, whatever the pattern — `(a+)+` on 31 `a`s
 * and a `!` hung the backtracking engine for minutes. re2js is RE2/J ported to plain JavaScript
 * (no native or WebAssembly code to install); measured on 200 000 cells it runs typical patterns
 * 1.5–20× slower than V8’s engine and 4–16× faster than re2-wasm, whose calls cross into
 * WebAssembly. Backreferences and lookaround have no linear-time implementation: such a pattern
 * is not run, and the caller reports it.
 */
export type UserPattern = { ok: true; matches(value: string): boolean } | { ok: false; reason: string };

/** Compiled patterns, by source; bounded, as a hostile schema may hold any number of them. */
const cache = new Map<string, UserPattern>();
const CACHE_SIZE = 1000;

/** The pattern matched against a whole value (XML Schema and Table Schema patterns are anchored). */
export function userPattern(source: string): UserPattern {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = compile(source);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(source, compiled);
  }
  return compiled;
}

/**
 * `\u00C0` (JavaScript, XML Schema and Table Schema authors write it: the SCDL schemas do) in
 * RE2's spelling `\x{00C0}`; an escaped backslash before it (`\\u`) is left alone.
 */
function re2Escapes(source: string): string {
  return source.replace(/(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g, '$1\\x{$2}');
}

/** re2js (260 KB) is required with the first pattern: most runs have none. */
let re2: typeof RE2JSClass | undefined;

function compile(source: string): UserPattern {
  re2 ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS;
  try {
    const re = re2.compile(re2Escapes(source));
    return { ok: true, matches: (value) => re.matches(value) };
  } catch (e) {
    // "error parsing regexp: invalid escape sequence: `\1`" → "invalid escape sequence: `\1`"
    return { ok: false, reason: (e as Error).message.replace(/^error parsing regexp: /, '') };
  }
}
