import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_LIMITS, pointerTokens, type Finding, type Fix, type Limits } from '../model/index.js';
import { yamlToJs } from '../loaders/parse.js';
import { yaml } from '../util/yaml.js';
import { writeFileAtomic } from '../util/write-atomic.js';

export interface FixOutcome {
  /** Files written, with the number of fixes applied to each. */
  written: { file: string; count: number }[];
  /** The findings whose fix was applied: they are no longer problems. */
  fixed: Set<Finding>;
  /** Each value changed (`--fix-dry-run` says them). */
  changes: Fix[];
}

export interface FixOptions {
  /** `--fix-dry-run`: work out the fixes, write nothing. */
  dryRun?: boolean;
  /** Texts of files that are not on disk (a descriptor read from standard input). */
  texts?: ReadonlyMap<string, string>;
}

/**
 * Applies the fixes carried by findings, file by file. Each fix replaces one scalar value in
 * place (a splice at the value's source range), so comments, key order, quoting and every other
 * byte stay as they were; a fix is skipped when the value no longer reads what the rule saw, or
 * when the edited file would differ anywhere else. Each file is written once, atomically.
 */
export function applyFixes(findings: Iterable<Finding>, limits: Limits = DEFAULT_LIMITS, options: FixOptions = {}): FixOutcome {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) if (f.fix) byFile.set(f.fix.file, [...(byFile.get(f.fix.file) ?? []), f]);
  const outcome: FixOutcome = { written: [], fixed: new Set(), changes: [] };
  for (const [file, list] of byFile) {
    let text: string;
    try {
      text = options.texts?.get(file) ?? readFileSync(file, 'utf8');
    } catch {
      continue; // gone since it was linted: nothing to fix
    }
    const { text: edited, applied } = fixText(text, list.map((f) => f.fix!), limits);
    if (applied.size === 0 || edited === text) continue;
    if (!options.dryRun) writeFileAtomic(file, edited);
    for (const f of list) if (applied.has(f.fix!)) outcome.fixed.add(f);
    const byPointer = new Map([...applied].map((x) => [x.pointer, x]));
    outcome.changes.push(...byPointer.values());
    outcome.written.push({ file, count: new Set([...applied].map((x) => x.pointer)).size });
  }
  return outcome;
}

/** A fix changes values, never keys: the yaml library's unique-key check (quadratic) is not needed. */
const NO_KEY_CHECK = { uniqueKeys: false } as const;

/** Applies fixes to the text of one JSON/YAML file; returns the new text and the fixes applied. */
export function fixText(text: string, fixes: Fix[], limits: Limits = DEFAULT_LIMITS): { text: string; applied: Set<Fix> } {
  const { parseDocument, isScalar } = yaml();
  const unchanged = { text, applied: new Set<Fix>() };
  // Aliases are expanded within the loader's limit (limits.yamlAliases): what loaded can be fixed.
  const toJs = (d: ReturnType<typeof parseDocument>) => yamlToJs(d, limits);
  const doc = parseDocument(text, NO_KEY_CHECK);
  let before: unknown;
  try {
    before = toJs(doc);
  } catch {
    return unchanged; // the loader reported it (limits or syntax): nothing to fix safely
  }
  const edits = new Map<number, { end: number; to: string; fixes: Fix[] }>();
  for (const fix of fixes) {
    const node = doc.getIn(pointerTokens(fix.pointer), true);
    if (!isScalar(node) || node.value !== fix.from || !node.range) continue;
    const [start, end] = node.range;
    const same = edits.get(start);
    if (same && same.to !== fix.to) continue; // two rules disagree: leave the value alone
    edits.set(start, { end, to: render(fix.to, text.slice(start, end)), fixes: [...(same?.fixes ?? []), fix] });
  }
  let out = text;
  for (const [start, edit] of [...edits].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + edit.to + out.slice(edit.end);

  // The result must be the same document with only the fixed values changed.
  const expected = parseDocument(text, NO_KEY_CHECK);
  for (const edit of edits.values()) for (const fix of edit.fixes) expected.setIn(pointerTokens(fix.pointer), fix.to);
  const after = parseDocument(out, NO_KEY_CHECK);
  if (after.errors.length) return unchanged;
  const afterJs = toJs(after);
  if (!isDeepStrictEqual(afterJs, toJs(expected)) || isDeepStrictEqual(before, afterJs)) return unchanged;
  return { text: out, applied: new Set([...edits.values()].flatMap((e) => e.fixes)) };
}

/** The new value written the way the old one was: same quotes, or plain when plain is safe. */
function render(value: string, original: string): string {
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  if (original.startsWith('"')) return JSON.stringify(value);
  return /^[A-Za-z0-9][A-Za-z0-9.+_/-]*$/.test(value) && yaml().parseDocument(value).toJS() === value ? value : JSON.stringify(value);
}
