import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { CST, Document, LineCounter, Node as YamlNode } from 'yaml';
import { DEFAULT_LIMITS, fileClock, LimitExceeded, escapePointerToken, pointerTokens, type Limits, type PositionResolver } from '../model/index.js';
import type { ParsedDocument } from './types.js';
import { descriptorDir, extensionOf } from './paths.js';
import { yaml } from '../util/yaml.js';

/** A syntax error with its position: becomes a `core/parse-error` finding. */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Line starts of a text (one 32-bit number per line), to turn offsets into 1-based line/column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Uint32Array(lines);
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** Containers down to this many pointer tokens get an anchor (`/result/results/17` in a package_search page). */
const ANCHOR_DEPTH = 3;

/** Where a shallow container sits in the text: its value's range and, for a property, its key. */
interface Anchor {
  start: number;
  end: number;
  key?: number;
}

/** Thrown from the error list to stop jsonc-parser once `limits.parseErrors` errors are kept. */
const STOP_PARSING = Symbol('stop parsing');

/**
 * The offsets of the shallow containers of a JSON text (a catalogue page's datasets are anchors:
 * a pointer below one is found by parsing only that anchor's text), and the offset of the first
 * container nested deeper than `maxDepth` (-1 if none) — one char-code pass, no tree, no
 * recursion. Nothing is validated: on text that is not JSON the anchors mean nothing (the
 * caller only uses them once `JSON.parse` accepted the text). Below ANCHOR_DEPTH only strings and
 * brackets are followed.
 */
export function jsonAnchors(body: string, maxDepth: number): { anchors: Map<string, Anchor>; tooDeep: number } {
  interface Frame {
    array: boolean;
    pointer: string;
    index: number;
    /** The key just read (objects), and where it starts. */
    key: string | undefined;
    keyAt: number;
    start: number;
    /** Where the container's own key starts (a property's value). */
    ownKey: number | undefined;
  }
  const anchors = new Map<string, Anchor>();
  const stack: Frame[] = [];
  let depth = 0;
  /** The pointer and key offset of a value starting now in the innermost frame (shallow levels only). */
  const place = (): { pointer: string; key: number | undefined } | undefined => {
    const parent = stack[stack.length - 1];
    if (!parent) return { pointer: '', key: undefined };
    if (parent.array) return { pointer: parent.pointer + '/' + parent.index++, key: undefined };
    const key = parent.key;
    parent.key = undefined;
    return key === undefined ? undefined : { pointer: parent.pointer + '/' + escapePointerToken(key), key: parent.keyAt };
  };
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const c = body.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      i = stringEnd(body, i) - 1; // on the closing quote
      if (depth > ANCHOR_DEPTH || depth === 0) continue;
      const top = stack[depth - 1]!;
      if (!top.array && top.key === undefined && body.charCodeAt(nextNonSpace(body, i + 1)) === 58 /* : */) {
        const raw = body.slice(start + 1, i);
        top.key = raw.indexOf('\\') >= 0 ? keyText(raw) : raw;
        top.keyAt = start;
      } else place();
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > maxDepth) return { anchors, tooDeep: i };
      if (depth > ANCHOR_DEPTH + 1) continue;
      const at = depth - 1 <= ANCHOR_DEPTH ? place() : undefined;
      stack.push({ array: c === 91, pointer: at?.pointer ?? '\u0000', index: 0, key: undefined, keyAt: 0, start: i, ownKey: at?.key });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 0) continue;
      if (depth <= ANCHOR_DEPTH + 1) {
        const f = stack.pop()!;
        if (f.pointer !== '\u0000') anchors.set(f.pointer, { start: f.start, end: i + 1, ...(f.ownKey !== undefined ? { key: f.ownKey } : {}) });
      }
      depth--;
    } else if (depth > 0 && depth <= ANCHOR_DEPTH && (c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110)) {
      // A number or literal: it takes an index (arrays) or consumes the key (objects).
      place();
      while (i + 1 < n && !isDelimiter(body.charCodeAt(i + 1))) i++;
    }
  }
  return { anchors, tooDeep: -1 };
}

/**
 * Follows `tokens` (from `from` on) through the valid JSON value that starts at `at`, skipping
 * what is not on the way: the offset of the property's key (what an editor highlights) or of
 * the array item; -1 when the pointer leads nowhere. No tree, no allocation but for escaped keys.
 * A key written twice resolves to its last occurrence, whose value `JSON.parse` keeps (as the
 * anchors do).
 */
export function locateInJson(body: string, at: number, tokens: readonly string[], from = 0): number {
  let i = nextNonSpace(body, at);
  let found = -1;
  for (let t = from; t < tokens.length; t++) {
    const token = tokens[t]!;
    const c = body.charCodeAt(i);
    found = -1;
    if (c === 123 /* { */) {
      i = nextNonSpace(body, i + 1);
      // The last property with that key: the one whose value JSON.parse keeps.
      let value = -1;
      while (body.charCodeAt(i) === 34) {
        const key = i;
        i = stringEnd(body, i);
        const same = keyIs(body, key, i, token);
        i = nextNonSpace(body, nextNonSpace(body, i) + 1);
        if (same) [found, value] = [key, i];
        i = nextNonSpace(body, valueEnd(body, i));
        if (body.charCodeAt(i) === 44 /* , */) i = nextNonSpace(body, i + 1);
      }
      i = value;
    } else if (c === 91 /* [ */ && /^\d+$/.test(token)) {
      i = nextNonSpace(body, i + 1);
      if (body.charCodeAt(i) === 93 /* ] */) return -1;
      for (let k = Number(token); k > 0; k--) {
        i = nextNonSpace(body, valueEnd(body, i));
        if (body.charCodeAt(i) !== 44) return -1;
        i = nextNonSpace(body, i + 1);
      }
      found = i;
    }
    if (found < 0) return -1;
  }
  return found;
}

/**
 * The offset just past the string starting (with its quote) at `i` (the text's length when it
 * is not closed). Strings are most of a descriptor's text: `indexOf` jumps from quote to quote
 * far faster than a loop over char codes; a quote is the string's end unless an odd number of
 * backslashes escapes it.
 */
export function stringEnd(body: string, i: number): number {
  for (let from = i + 1; ; ) {
    const q = body.indexOf('"', from);
    if (q < 0) return body.length;
    let b = q - 1;
    while (body.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The offset just past the JSON value starting at `i`. */
function valueEnd(body: string, i: number): number {
  const c = body.charCodeAt(i);
  if (c === 34) return stringEnd(body, i);
  if (c !== 123 && c !== 91) {
    while (i < body.length && !isDelimiter(body.charCodeAt(i))) i++;
    return i;
  }
  let depth = 0;
  for (; i < body.length; i++) {
    const d = body.charCodeAt(i);
    if (d === 34) i = stringEnd(body, i) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
  }
  return i;
}

/** Whether the key string between `start` (its opening quote) and `end` (past its closing quote) reads `token`. */
function keyIs(body: string, start: number, end: number, token: string): boolean {
  for (let i = start + 1; i < end - 1; i++) if (body.charCodeAt(i) === 92) return keyText(body.slice(start + 1, end - 1)) === token;
  return end - start - 2 === token.length && body.startsWith(token, start + 1);
}

function nextNonSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
  return i;
}

const isDelimiter = (c: number) => c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9;

function keyText(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Parses strict JSON (no comments, no trailing commas); positions for any JSON pointer. The
 * data come from `JSON.parse`; positions from a compact index (line starts and the offsets of
 * shallow containers) that re-reads only the part of the text a pointer falls in — no parse tree
 * is kept, so a page of 1,000 datasets costs its text and its data, not ten times that.
 */
export function parseJson(text: string, limits: Limits = DEFAULT_LIMITS): { data: unknown; position: PositionResolver } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body === text ? 0 : 1;
  const toPos = lineIndex(text);
  // One pass finds the shallow containers and checks the depth before anything recurses.
  const { anchors, tooDeep: deep } = jsonAnchors(body, limits.depth);
  if (deep >= 0) throw new LimitExceeded('depth', limits.depth, toPos(deep + shift));
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw jsonSyntaxProblem(body, shift, toPos, limits);
  }
  // The members of the last anchor a pointer went below: a dataset's findings are resolved one
  // after the other and mostly fall in the same package, which is then scanned once, not once
  // per finding. One entry only: nothing grows with the file.
  let last: Members | undefined;
  const position: PositionResolver = (ptr) => {
    const tokens = pointerTokens(ptr);
    for (let depth = Math.min(tokens.length, ANCHOR_DEPTH); depth >= 0; depth--) {
      // The pointer's own text up to its depth-th token is that prefix's pointer, already escaped.
      const anchor = anchors.get(depth === tokens.length ? ptr : ptr.slice(0, nthSlash(ptr, depth)));
      if (!anchor) continue;
      if (depth === tokens.length) return toPos((anchor.key ?? anchor.start) + shift);
      if (last?.at !== anchor.start) last = membersOf(body, anchor.start, last);
      const member = memberAt(body, last, tokens[depth]!);
      if (!member) return undefined;
      const at = depth + 1 === tokens.length ? member.at : locateInJson(body, member.value, tokens, depth + 1);
      return at < 0 ? undefined : toPos(at + shift);
    }
    return undefined;
  };
  return { data, position };
}

/** The offset of the `n`-th `/` of a pointer (0-based), or its length when it has fewer. */
function nthSlash(ptr: string, n: number): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = ptr.indexOf('/', i + 1);
    if (i < 0) return ptr.length;
  }
  return i;
}

/**
 * The members of the container at `at`: for an object, `[keyStart, keyEnd, valueStart]` per
 * property; for an array, each item's start. Offsets only, no key strings.
 */
interface Members {
  at: number;
  object: boolean;
  offsets: number[];
}

/** `reuse`: the previous members, whose list is refilled (one list per file, not per dataset). */
function membersOf(body: string, at: number, reuse?: Members): Members {
  let i = nextNonSpace(body, at);
  const c = body.charCodeAt(i);
  const offsets = reuse?.offsets ?? [];
  offsets.length = 0;
  if (c === 123 /* { */) {
    i = nextNonSpace(body, i + 1);
    while (body.charCodeAt(i) === 34) {
      const key = i;
      i = stringEnd(body, i);
      const keyEnd = i;
      i = nextNonSpace(body, nextNonSpace(body, i) + 1);
      offsets.push(key, keyEnd, i);
      i = nextNonSpace(body, valueEnd(body, i));
      if (body.charCodeAt(i) === 44 /* , */) i = nextNonSpace(body, i + 1);
    }
  } else if (c === 91 /* [ */) {
    i = nextNonSpace(body, i + 1);
    while (i < body.length && body.charCodeAt(i) !== 93 /* ] */) {
      offsets.push(i);
      i = nextNonSpace(body, valueEnd(body, i));
      if (body.charCodeAt(i) !== 44) break;
      i = nextNonSpace(body, i + 1);
    }
  }
  return { at, object: c === 123, offsets };
}

/**
 * The member `token` names: where a finding points (a property's key, an item's start) and
 * where its value starts. A key written twice is its last occurrence, as `JSON.parse` keeps.
 */
function memberAt(body: string, members: Members, token: string): { at: number; value: number } | undefined {
  const { offsets } = members;
  if (members.object) {
    for (let j = offsets.length - 3; j >= 0; j -= 3) if (keyIs(body, offsets[j]!, offsets[j + 1]!, token)) return { at: offsets[j]!, value: offsets[j + 2]! };
    return undefined;
  }
  if (!/^\d+$/.test(token)) return undefined;
  const item = offsets[Number(token)];
  return item === undefined ? undefined : { at: item, value: item };
}

/**
 * The first syntax error of an invalid JSON text, with its line and column (jsonc-parser's
 * words); past `limits.parseErrors` errors (malformed input yields one every few bytes) the
 * parser is stopped and the limit is what is reported.
 */
function jsonSyntaxProblem(body: string, shift: number, toPos: (offset: number) => { line: number; column: number }, limits: Limits): SyntaxProblem | LimitExceeded {
  const errors: ParseError[] = [];
  const capped = { push: (e: ParseError) => (errors.length < limits.parseErrors ? errors.push(e) : stopParsing()) } as unknown as ParseError[];
  let tree: Node | undefined;
  try {
    tree = parseTree(body, capped, { allowTrailingComma: false, disallowComments: true });
  } catch (e) {
    if (e !== STOP_PARSING) throw e;
    const first = errors[0]!;
    return new LimitExceeded('parseErrors', limits.parseErrors, toPos(first.offset + shift), { first: `invalid JSON: ${describeJsonError(printParseErrorCode(first.error))}` });
  }
  const first = errors[0];
  const at = toPos((first?.offset ?? 0) + shift);
  const what = first ? describeJsonError(printParseErrorCode(first.error)) : tree ? 'invalid document' : 'empty document';
  return new SyntaxProblem(`invalid JSON: ${what}`, at.line, at.column);
}

function stopParsing(): never {
  throw STOP_PARSING;
}

function describeJsonError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: 'unexpected content after the end of the document',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * The YAML CST, parsed lexeme by lexeme so that hostile text is stopped early: when more than
 * `limits.depth` collections are open (the parser's stack holds them), and when the file's time
 * is up (8 MiB of `a: b: c` lines took the parser a minute and 1.8 GB). Throws `LimitExceeded`.
 */
function yamlTokens(text: string, limits: Limits, lineCounter: LineCounter, toPos: (offset: number) => { line: number; column: number }): CST.Token[] {
  const { Parser, Lexer } = yaml();
  const parser = new Parser(lineCounter.addNewLine);
  const clock = fileClock(limits);
  const tokens: CST.Token[] = [];
  lineCounter.addNewLine(0);
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > limits.depth + 1) {
      const deep = parser.stack.filter((t) => COLLECTIONS.has(t.type))[limits.depth];
      if (deep) throw new LimitExceeded('depth', limits.depth, toPos(deep.offset));
    }
    if ((++lexemes & 4095) === 0) clock.check(toPos(parser.offset));
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * Offset of the first collection nested deeper than `max` in a YAML CST, or -1: the composer
 * that builds the document recurses. (The parser's stack catches deep text first; this is the
 * check of what it built.)
 */
function yamlTooDeepAt(tokens: CST.Token[], max: number): number {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document' && token.value) stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return -1;
}

/**
 * A YAML document as plain data, its aliases expanded at most `limits.yamlAliases` times (the
 * loader and the `--fix` fixer share this, so a file that loads can be fixed). A "billion
 * laughs" document throws `LimitExceeded` at its first alias.
 */
export function yamlToJs(doc: Document, limits: Limits = DEFAULT_LIMITS, toPos?: (offset: number) => { line: number; column: number }): unknown {
  try {
    return doc.toJS({ maxAliasCount: limits.yamlAliases });
  } catch (e) {
    if (!(e instanceof ReferenceError) || !/alias count/i.test(e.message)) throw e;
    const { visit } = yaml();
    let first: number | undefined;
    visit(doc, { Alias: (_, node) => ((first = node.range?.[0]), visit.BREAK) });
    throw new LimitExceeded('yamlAliases', limits.yamlAliases, first !== undefined && toPos ? toPos(first) : {});
  }
}

/**
 * Offset of the first key repeated in its map, or undefined. The yaml library's own check
 * (`uniqueKeys`) compares each key with every earlier one: a map of a million keys took minutes.
 */
export function firstDuplicateKey(doc: Document): number | undefined {
  const { visit, isScalar } = yaml();
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) {
          found = key.range?.[0] ?? 0;
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}

/** Parses one YAML document; positions for any JSON pointer into it. */
export function parseYaml(text: string, limits: Limits = DEFAULT_LIMITS): { data: unknown; position: PositionResolver } {
  const { Composer, LineCounter, YAMLParseError, visit, isNode, isScalar, isMap, isSeq } = yaml();
  const lineCounter = new LineCounter();
  const toPos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // parseDocument's steps, with the depth check between parsing and composing.
  const tokens = yamlTokens(text, limits, lineCounter, toPos);
  const deep = yamlTooDeepAt(tokens, limits.depth);
  if (deep >= 0) throw new LimitExceeded('depth', limits.depth, toPos(deep));
  const docs = new Composer({ prettyErrors: false, uniqueKeys: false }).compose(tokens, true, text.length);
  const doc = docs.next().value as Document.Parsed;
  const second = docs.next().value as Document.Parsed | undefined;
  if (second) doc.errors.push(new YAMLParseError([second.range[0], second.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== undefined && !(doc.errors[0] && doc.errors[0].pos[0] <= duplicate)) {
    const pos = toPos(duplicate);
    throw new SyntaxProblem('invalid YAML: Map keys must be unique', pos.line, pos.column);
  }
  const error = doc.errors[0];
  // The composer catches its own stack overflow: a limit, whatever `limits.depth` says.
  if (error?.code === 'RESOURCE_EXHAUSTION') throw new LimitExceeded('depth', limits.depth, toPos(error.pos[0]));
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new SyntaxProblem(`invalid YAML: ${message}`, pos.line, pos.col);
  }
  const position: PositionResolver = (ptr) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const token of pointerTokens(ptr)) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === token);
        if (!pair) return undefined;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(token)];
      } else return undefined;
    }
    const anchor = (isNode(keyNode) ? keyNode : node) as YamlNode | undefined;
    const start = anchor?.range?.[0];
    if (start === undefined) return undefined;
    const pos = lineCounter.linePos(start);
    return { line: pos.line, column: pos.col };
  };
  let data: unknown;
  try {
    data = yamlToJs(doc, limits, toPos);
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    // `*x` before (or without) `&x`: the yaml library throws when building the data.
    const name = /^Unresolved alias.*: (.+)$/.exec((e as Error).message)?.[1];
    let at = 0;
    if (name) visit(doc, { Alias: (_, node) => (node.source === name ? ((at = node.range?.[0] ?? 0), visit.BREAK) : undefined) });
    const pos = toPos(at);
    throw new SyntaxProblem(`invalid YAML: ${(e as Error).message}`, pos.line, pos.column);
  }
  return { data, position };
}

/** Parses a descriptor file's text by its syntax (chosen from the extension, then content). */
export function parseDocumentText(file: string, text: string, limits: Limits = DEFAULT_LIMITS): ParsedDocument {
  const ext = extensionOf(file);
  const looksJson = /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
  const syntax: 'json' | 'yaml' = ext === '.yaml' || ext === '.yml' ? 'yaml' : ext === '.json' || ext === '.jsonld' || looksJson ? 'json' : 'yaml';
  const { data, position } = syntax === 'json' ? parseJson(text, limits) : parseYaml(text, limits);
  return { file, dir: descriptorDir(file), syntax, data, position, limits };
}
