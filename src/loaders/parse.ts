import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineCounter, parseDocument, isNode, isScalar, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { pointerTokens, type PositionResolver } from '../model/index.js';
import type { ParsedDocument } from './types.js';
import { descriptorDir, extensionOf } from './paths.js';

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

/** Line starts of a text, to turn offsets into 1-based line/column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
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

function jsonValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) out[key.value as string] = jsonValue(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/** Parses strict JSON (no comments, no trailing commas); positions for any JSON pointer. */
export function parseJson(text: string): { data: unknown; position: PositionResolver } {
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body === text ? 0 : 1;
  const tree = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  const toPos = lineIndex(text);
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const at = toPos((first?.offset ?? 0) + shift);
    const what = first ? describeJsonError(printParseErrorCode(first.error)) : 'empty document';
    throw new SyntaxProblem(`invalid JSON: ${what}`, at.line, at.column);
  }
  const position: PositionResolver = (ptr) => {
    const tokens = pointerTokens(ptr).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    let node = findNodeAtLocation(tree, tokens);
    // Array indexes come back as numbers; object keys that look numeric need the string form.
    if (!node && tokens.some((t) => typeof t === 'number')) node = findNodeAtLocation(tree, pointerTokens(ptr));
    if (!node) return undefined;
    // Point at the key for properties (what an editor highlights), at the value for items.
    const anchor = node.parent?.type === 'property' ? node.parent : node;
    return toPos(anchor.offset + shift);
  };
  return { data: jsonValue(tree), position };
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

/** Parses one YAML document; positions for any JSON pointer into it. */
export function parseYaml(text: string): { data: unknown; position: PositionResolver } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
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
  return { data: doc.toJS({ maxAliasCount: 1000 }), position };
}

/** Parses a descriptor file's text by its syntax (chosen from the extension, then content). */
export function parseDocumentText(file: string, text: string): ParsedDocument {
  const ext = extensionOf(file);
  const looksJson = /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
  const syntax: 'json' | 'yaml' = ext === '.yaml' || ext === '.yml' ? 'yaml' : ext === '.json' || ext === '.jsonld' || looksJson ? 'json' : 'yaml';
  const { data, position } = syntax === 'json' ? parseJson(text) : parseYaml(text);
  return { file, dir: descriptorDir(file), syntax, data, position };
}
