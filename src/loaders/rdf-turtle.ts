import type { Parser as N3Parser } from 'n3';
import { lineIndex } from './parse.js';
import type { RdfJsQuad } from './rdf-graph.js';

/**
 * Tolerant Turtle / N-Triples / N3 parsing. n3 stops at the first error (and on some inputs, such
 * as `@prefix a: <:x> .`, throws a TypeError from inside its lexer), so the text is cut into
 * statements by a light scan and parsed in windows of whole statements, each window by a fresh
 * synchronous n3 parser given the prefixes and base declared before it. A window that fails is
 * parsed again statement by statement: a statement that still fails is reported at the error's
 * line and column, retried with the offending term replaced by a placeholder IRI (so the rest of
 * the statement is read; triples with the placeholder are dropped), and skipped if that fails too.
 */

export type TurtleSyntax = 'turtle' | 'n-triples' | 'n3';

const FORMATS: Record<TurtleSyntax, string> = { turtle: 'Turtle', 'n-triples': 'N-Triples', n3: 'N3' };

/** A syntax error that was recovered from: where, and what n3 said. */
export interface RecoveredError {
  message: string;
  line: number;
  column: number;
}

export interface TurtleResult {
  prefixes: Record<string, string>;
  errors: RecoveredError[];
  /** Set when `maxErrors` was reached: the rest of the file was not read. */
  gaveUp: boolean;
}

/** Windows of about this many characters: most files are one window, parsed exactly as a whole. */
const WINDOW_CHARS = 1 << 20;
/** Placeholder put in place of a term n3 cannot read; every triple that uses it is dropped. */
const PLACEHOLDER = 'urn:x-odlint:unreadable';
/** Terms of one statement replaced before the statement is given up. */
const MAX_REPAIRS = 10;

interface Statement {
  start: number;
  end: number;
  /** `@base` / `BASE` directive: its IRI as written. */
  base?: string;
}

interface Failure {
  message: string;
  /** Offset of the offending text in the parsed text, when n3 says where. */
  offset?: number;
}

export async function parseTurtleTolerant(
  text: string,
  syntax: TurtleSyntax,
  baseIri: string,
  onQuad: (q: RdfJsQuad) => void,
  maxErrors: number,
): Promise<TurtleResult> {
  const { Parser, DataFactory } = await import('n3');
  // Anonymous blank nodes (`[ … ]`) numbered per file, not per process: reports are then the
  // same whichever worker parsed the file, and whatever it parsed before.
  let anonymous = 0;
  const factory = { ...DataFactory, blankNode: (name?: string) => DataFactory.blankNode(name || `n3-${anonymous++}`) };
  const toPos = lineIndex(text);
  const prefixes: Record<string, string> = {};
  const errors: RecoveredError[] = [];
  let base = baseIri;

  /**
   * Parses `body` (the text from offset `at`, possibly edited) on its own, after the prefixes and
   * base known so far. A failure's offset is into `body`.
   */
  const parse = (body: string, at: number): { quads: RdfJsQuad[] } | Failure => {
    // Line 1 is the preamble; padding puts the body at its own column of line 2, so n3's
    // line and column messages stay true.
    const padding = ' '.repeat(toPos(at).column - 1);
    const head = `${preambleOf(syntax, prefixes, base)}\n${padding}`;
    const parser = new Parser({ baseIRI: base, format: FORMATS[syntax], blankNodePrefix: '', factory }) as N3Parser;
    try {
      const onPrefix = (p: string, iri: { value: string }) => void (prefixes[p] = iri.value);
      return { quads: parser.parse(head + body, { onPrefix } as never) as unknown as RdfJsQuad[] };
    } catch (e) {
      const f = failure(e as Error & { context?: N3ErrorContext }, head + body);
      return f.offset === undefined || f.offset < head.length ? { message: f.message } : { message: f.message, offset: f.offset - head.length };
    }
  };

  const statements = splitStatements(text);
  let gaveUp = false;
  const commit = (quads: RdfJsQuad[]) => {
    for (const q of quads) if (!usesPlaceholder(q)) onQuad(q);
  };
  /** Records an error at `offset` of the text; false once `maxErrors` were recorded. */
  const report = (message: string, offset: number): boolean => {
    if (errors.length >= maxErrors) {
      gaveUp = true;
      return false;
    }
    errors.push({ message, ...toPos(offset) });
    return true;
  };

  for (let i = 0; i < statements.length && !gaveUp; ) {
    let j = i + 1;
    while (j < statements.length && statements[j]!.end - statements[i]!.start < WINDOW_CHARS) j++;
    const windowed = parse(text.slice(statements[i]!.start, statements[j - 1]!.end), statements[i]!.start);
    if ('quads' in windowed) commit(windowed.quads);
    for (let k = i; k < j && !gaveUp; k++) {
      if (!('quads' in windowed)) parseOne(statements[k]!);
      base = nextBase(statements[k]!, base);
    }
    i = j;
  }
  // The lexer reports before the parser: a statement's errors come in any order.
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { prefixes, errors, gaveUp };

  /** One statement on its own: each error reported, the offending term replaced, else skipped. */
  function parseOne(s: Statement): void {
    let body = text.slice(s.start, s.end);
    // Each edit made the body `delta` characters shorter from `at` (in the body as it was then).
    const edits: { at: number; delta: number }[] = [];
    for (let attempt = 0; ; attempt++) {
      const r = parse(body, s.start);
      if ('quads' in r) return commit(r.quads);
      if (!report(r.message, s.start + (r.offset === undefined ? 0 : unedit(r.offset, edits)))) return;
      if (r.offset === undefined || attempt >= MAX_REPAIRS) return;
      const length = termLength(body, r.offset);
      if (length === 0 || body.slice(r.offset, r.offset + length).includes('\n')) return;
      body = `${body.slice(0, r.offset)}<${PLACEHOLDER}>${body.slice(r.offset + length)}`;
      edits.push({ at: r.offset, delta: length - PLACEHOLDER.length - 2 });
    }
  }
}

/** Where n3 failed in `input`: the token it names, or the text its message quotes on that line. */
function failure(e: Error & { context?: N3ErrorContext }, input: string): Failure {
  const ctx = e.context;
  if (e instanceof TypeError || !ctx) return { message: 'the parser could not read this statement' };
  const message = e.message.replace(/ on line \d+\.?$/, '');
  const line = lineSpan(input, ctx.line);
  const lineText = input.slice(line.start, line.end);
  // n3 counts token columns from the first non-blank character of lines after the first.
  const indent = ctx.line > 1 ? /^[ \t]*/.exec(lineText)![0].length : 0;
  let col = ctx.token === undefined ? undefined : indent + ctx.token.start;
  if (col === undefined) {
    const what = /^Unexpected "(.*)"/s.exec(e.message)?.[1];
    const from = ctx.previousToken?.line === ctx.line ? indent + ctx.previousToken.end : 0;
    const found = what ? lineText.indexOf(what, from) : -1;
    if (found >= 0) col = found;
  }
  return col === undefined ? { message } : { message, offset: line.start + col };
}

interface N3ErrorContext {
  line: number;
  token?: { line: number; start: number; end: number };
  previousToken?: { line: number; start: number; end: number };
}

function usesPlaceholder(q: RdfJsQuad): boolean {
  const { subject, predicate, object } = q;
  if (subject.value.startsWith(PLACEHOLDER) || predicate.value.startsWith(PLACEHOLDER) || object.value.startsWith(PLACEHOLDER)) return true;
  // Only a literal has a datatype (n3 makes a new term at each read of it).
  return object.termType === 'Literal' && (object.datatype?.value.startsWith(PLACEHOLDER) ?? false);
}

/** An offset in the edited body back to the original one (latest edit first). */
function unedit(offset: number, edits: { at: number; delta: number }[]): number {
  let out = offset;
  for (let k = edits.length - 1; k >= 0; k--) if (out > edits[k]!.at) out += edits[k]!.delta;
  return out;
}

/** Prefix and base declarations that put a fresh parser where the previous one was. */
function preambleOf(syntax: TurtleSyntax, prefixes: Record<string, string>, base: string): string {
  if (syntax === 'n-triples') return '';
  const iri = (s: string) => `<${s.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;
  let out = `@base ${iri(base)} .`;
  for (const [p, ns] of Object.entries(prefixes)) out += ` @prefix ${p}: ${iri(ns)} .`;
  return out;
}

function nextBase(s: Statement, base: string): string {
  if (s.base === undefined) return base;
  try {
    return new URL(s.base, base).href;
  } catch {
    return base;
  }
}

/** Start and end offsets of a 1-based line. */
function lineSpan(input: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const n = input.indexOf('\n', start);
    if (n < 0) break;
    start = n + 1;
  }
  const end = input.indexOf('\n', start);
  return { start, end: end < 0 ? input.length : end };
}

/**
 * Length of the term starting at `at`: an IRI to its `>` on the same line, a string literal to its
 * closing quote (and language tag or datatype), a bare name or number (without a final `.`); 0 for punctuation, which cannot be
 * replaced by a term.
 */
export function termLength(text: string, at: number): number {
  const c = text[at];
  if (c === '<') {
    const close = text.indexOf('>', at);
    const eol = text.indexOf('\n', at);
    return close < 0 || (eol >= 0 && eol < close) ? 0 : close + 1 - at;
  }
  if (c === '"' || c === "'") {
    // With its language tag or datatype: a placeholder IRI cannot carry them.
    const suffix = /@[A-Za-z][A-Za-z0-9-]*|\^\^(<[^>\s]*>|[^\s;,[\](){}"'<#]*[^\s;,[\](){}"'<#.])/y;
    suffix.lastIndex = stringEnd(text, at);
    return (suffix.exec(text) ? suffix.lastIndex : stringEnd(text, at)) - at;
  }
  const m = /[^\s;,[\](){}"'<#]+/y;
  m.lastIndex = at;
  const word = m.exec(text)?.[0] ?? '';
  return word.replace(/\.+$/, '').length;
}

/** End of a string literal starting at `i` ("…", '…', """…""" or '''…'''), escapes included. */
export function stringEnd(text: string, i: number): number {
  const q = text[i]!;
  const long = text.startsWith(q.repeat(3), i);
  const close = long ? q.repeat(3) : q;
  for (let j = i + close.length; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text.startsWith(close, j)) return j + close.length;
    else if (!long && text[j] === '\n') return j;
  }
  return text.length;
}

/**
 * Top-level statements and directives: from the first token to the `.` that ends it (outside
 * strings, IRIs, comments and brackets), or the IRI of a SPARQL-style `PREFIX` / `BASE`.
 */
export function splitStatements(text: string): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Whitespace and comments between statements.
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
      continue;
    }
    const start = i;
    const sparql = /(PREFIX|BASE)\s/iy;
    sparql.lastIndex = i;
    const directive = /@?(prefix|base)\b/iy;
    directive.lastIndex = i;
    const dm = directive.exec(text);
    const isBase = dm?.[1]?.toLowerCase() === 'base';
    if (sparql.test(text) && text[i] !== '@') {
      // No final dot: the statement ends with its IRI.
      const open = text.indexOf('<', i);
      const close = open < 0 ? -1 : text.indexOf('>', open);
      const eol = text.indexOf('\n', i);
      const end = close >= 0 && (eol < 0 || close < eol) ? close + 1 : eol < 0 ? n : eol;
      out.push({ start, end, ...(isBase && open >= 0 && close > open ? { base: text.slice(open + 1, close) } : {}) });
      i = end;
      continue;
    }
    const end = statementEnd(text, i);
    const s: Statement = { start, end };
    if (dm && isBase) {
      const m = /<([^>\n]*)>/.exec(text.slice(i, end));
      if (m) s.base = m[1]!;
    }
    out.push(s);
    i = end;
  }
  return out;
}

function statementEnd(text: string, i: number): number {
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '"' || c === "'") i = stringEnd(text, i);
    else if (c === '<') i += termLength(text, i) || 1;
    else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '[' || c === '(' || c === '{') {
      depth++;
      i++;
    } else if (c === ']' || c === ')' || c === '}') {
      if (depth > 0) depth--;
      i++;
    } else if (c === '.' && depth === 0 && !/[\w:%-]/.test(text[i + 1] ?? ' ')) return i + 1;
    else i++;
  }
  return n;
}
