import { DEFAULT_LIMITS, LimitExceeded, pointer, pointerTokens, type Limits, type PositionResolver } from '../model/index.js';
import { parseJson, SyntaxProblem } from './parse.js';
import { descriptorDir } from './paths.js';
import type { LoadIssue, ParsedDocument } from './types.js';

/** Extensions of JSON Lines files: one JSON record per line. */
export const JSON_LINES_EXTENSIONS = ['.jsonl', '.ndjson'];

/** Text whose first line is a whole JSON object and whose next record starts a line: JSON Lines, whatever its name. */
export function looksLikeJsonLines(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2 || !/^\s*\{/.test(lines[1]!)) return false;
  try {
    const { data } = parseJson(lines[0]!.trimEnd());
    return typeof data === 'object' && data !== null && !Array.isArray(data);
  } catch {
    return false;
  }
}

/**
 * A JSON Lines descriptor (the open.canada.ca bulk export: one CKAN package per line) read as
 * one document: a list whose item `k` is the k-th record, every pointer into it resolving to
 * the record's own line. A line that does not parse, or holds something other than an object,
 * is a problem at that line and is left out; the other lines still load.
 */
export function parseJsonLines(file: string, text: string, limits: Limits = DEFAULT_LIMITS, firstLine = 1): { doc: ParsedDocument; problems: LoadIssue[] } {
  const records: unknown[] = [];
  const positions: { line: number; position: PositionResolver }[] = [];
  const problems: LoadIssue[] = [];
  const lines = text.split('\n');
  lines.every((raw, i) => {
    const line = i + firstLine; // a part of a big file read in batches starts further down
    // Lines of garbage: give up after limits.parseErrors bad lines rather than report them all.
    if (problems.length >= limits.parseErrors) {
      const e = new LimitExceeded('parseErrors', limits.parseErrors, { line, column: 1 }, { first: String(problems[0]!.data?.message) });
      problems.push({ ruleId: 'core/limit-exceeded', messageId: e.limit, data: e.data, location: { file, ...e.where } });
      return false;
    }
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (body.trim() === '') return true;
    try {
      const { data, position } = parseJson(body, limits);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        const what = Array.isArray(data) ? 'a list' : data === null ? 'null' : `a ${typeof data}`;
        problems.push({ ruleId: 'core/invalid-descriptor', messageId: 'schemaViolation', data: { message: `line ${line} holds ${what}, not a record (JSON Lines: one JSON object per line)` }, location: { file, line, column: 1 } });
        return true;
      }
      records.push(data);
      positions.push({ line, position });
    } catch (e) {
      if (e instanceof LimitExceeded) problems.push({ ruleId: 'core/limit-exceeded', messageId: e.limit, data: e.data, location: { file, line, column: e.where.column ?? 1 } });
      else if (e instanceof SyntaxProblem) problems.push({ ruleId: 'core/parse-error', messageId: 'syntax', data: { message: `line ${line}: ${e.message}` }, location: { file, line, column: e.column } });
      else throw e;
    }
    return true;
  });
  const position: PositionResolver = (ptr) => {
    const [first, ...rest] = pointerTokens(ptr);
    if (first === undefined) return { line: firstLine, column: 1 };
    const record = /^\d+$/.test(first) ? positions[Number(first)] : undefined;
    if (!record) return undefined;
    const inner = record.position(pointer('', ...rest));
    return inner && { line: record.line, column: inner.column };
  };
  return { doc: { file, dir: descriptorDir(file), syntax: 'json', data: records, position, limits }, problems };
}
