/**
 * Row formulas (frictionless `row-constraint`): the Python expression subset that frictionless
 * evaluates with simpleeval (`salary == bonus * 5`, `val in ['one', 'two']`,
 * `not (end < start)`), parsed once into a tree and evaluated per row over the row's values.
 *
 * Written here rather than taken from npm because it must never run code: there is no attribute
 * or property access, no indexing into host objects, no assignment, no lambdas or comprehensions,
 * and the only calls are the pure functions in FUNCTIONS. Values are plain numbers, strings,
 * booleans, null (Python's None) and lists of them. Operators follow Python: `==` compares
 * numbers with numbers and strings with strings; ordering a string against a number, or
 * arithmetic on None, is a TypeError (which fails the row, as in frictionless).
 */

export type FormulaValue = number | string | boolean | null | FormulaValue[];

type Node =
  | { k: 'lit'; v: FormulaValue }
  | { k: 'name'; name: string }
  | { k: 'list'; items: Node[] }
  | { k: 'unary'; op: string; arg: Node }
  | { k: 'bin'; op: string; left: Node; right: Node }
  | { k: 'bool'; op: 'and' | 'or'; left: Node; right: Node }
  | { k: 'cmp'; ops: string[]; args: Node[] }
  | { k: 'if'; test: Node; then: Node; else: Node }
  | { k: 'call'; fn: string; args: Node[] };

/** A syntax error in a formula, or an evaluation error in one row (Python's TypeError, NameError...). */
export class FormulaError extends Error {}

/** A formula longer than this is refused: formulas come from configs, never from data. */
const MAX_LENGTH = 10_000;
/** Nesting depth (parentheses, operators) the parser follows before it refuses. */
const MAX_DEPTH = 200;
/** Longest string or list an expression may build (`'a' * 10**9` must not exhaust memory). */
const MAX_SIZE = 1_000_000;

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'True', 'False', 'None']);
const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '&', '|', '^', '~', '<<', '>>'];
const UNSUPPORTED = new Set(['&', '|', '^', '~', '<<', '>>']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
    if (num) {
      tokens.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(source.slice(i, i + 400));
    if (name) {
      tokens.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const e = source[++j]!;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else v += source[j];
      }
      if (j >= source.length) throw new FormulaError('unterminated string');
      tokens.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    const op = [...OPERATORS].sort((a, b) => b.length - a.length).find((o) => source.startsWith(o, i));
    if (!op) throw new FormulaError(`unexpected character "${c}" at position ${i + 1}`);
    if (UNSUPPORTED.has(op)) throw new FormulaError(`the operator "${op}" is not supported`);
    tokens.push({ t: 'op', v: op });
    i += op.length;
  }
  tokens.push({ t: 'end' });
  return tokens;
}

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return (t.t === 'op' || t.t === 'name') && t.v === v;
  }
  private take(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.at++;
    return true;
  }
  private expect(v: string): void {
    if (!this.take(v)) throw new FormulaError(`expected "${v}"`);
  }

  parse(): Node {
    const node = this.expr();
    if (this.peek().t !== 'end') throw new FormulaError(`unexpected ${describe(this.peek())}`);
    return node;
  }

  private expr(): Node {
    if (++this.depth > MAX_DEPTH) throw new FormulaError('the formula is nested too deeply');
    const test = this.or();
    let node = test;
    if (this.take('if')) {
      const cond = this.or();
      this.expect('else');
      node = { k: 'if', test: cond, then: test, else: this.expr() };
    }
    this.depth--;
    return node;
  }
  private or(): Node {
    let left = this.and();
    while (this.take('or')) left = { k: 'bool', op: 'or', left, right: this.and() };
    return left;
  }
  private and(): Node {
    let left = this.not();
    while (this.take('and')) left = { k: 'bool', op: 'and', left, right: this.not() };
    return left;
  }
  private not(): Node {
    if (this.take('not')) return { k: 'unary', op: 'not', arg: this.not() };
    return this.comparison();
  }
  private comparison(): Node {
    const args = [this.sum()];
    const ops: string[] = [];
    for (;;) {
      let op: string | undefined;
      if (['==', '!=', '<', '<=', '>', '>=', 'in'].some((o) => this.isOp(o))) op = (this.peek() as { v: string }).v;
      if (op) this.at++;
      else if (this.isOp('not') && (this.tokens[this.at + 1] as { v?: string }).v === 'in') {
        this.at += 2;
        op = 'not in';
      } else if (this.take('is')) op = this.take('not') ? 'is not' : 'is';
      if (!op) break;
      ops.push(op);
      args.push(this.sum());
    }
    return ops.length ? { k: 'cmp', ops, args } : args[0]!;
  }
  private sum(): Node {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.at++] as { v: string }).v;
      left = { k: 'bin', op, left, right: this.term() };
    }
    return left;
  }
  private term(): Node {
    let left = this.factor();
    while (['*', '/', '//', '%'].some((o) => this.isOp(o))) {
      const op = (this.tokens[this.at++] as { v: string }).v;
      left = { k: 'bin', op, left, right: this.factor() };
    }
    return left;
  }
  private factor(): Node {
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.tokens[this.at++] as { v: string }).v;
      if (++this.depth > MAX_DEPTH) throw new FormulaError('the formula is nested too deeply');
      const arg = this.factor();
      this.depth--;
      return { k: 'unary', op, arg };
    }
    const base = this.atom();
    // `**` binds tighter than a unary minus on its left and is right-associative: -2 ** 2 == -4.
    return this.take('**') ? { k: 'bin', op: '**', left: base, right: this.factor() } : base;
  }
  private atom(): Node {
    const t = this.tokens[this.at++]!;
    if (t.t === 'num' || t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'name') {
      if (t.v === 'True' || t.v === 'False') return { k: 'lit', v: t.v === 'True' };
      if (t.v === 'None') return { k: 'lit', v: null };
      if (KEYWORDS.has(t.v)) throw new FormulaError(`unexpected "${t.v}"`);
      if (this.take('(')) {
        if (!Object.hasOwn(FUNCTIONS, t.v)) throw new FormulaError(`the function "${t.v}" is not available (only ${Object.keys(FUNCTIONS).join(', ')})`);
        return { k: 'call', fn: t.v, args: this.items(')') };
      }
      return { k: 'name', name: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      if (this.take(')')) return { k: 'list', items: [] };
      const first = this.expr();
      if (this.take(')')) return first;
      this.expect(',');
      return { k: 'list', items: [first, ...this.items(')')] };
    }
    if (t.t === 'op' && t.v === '[') return { k: 'list', items: this.items(']') };
    throw new FormulaError(`unexpected ${describe(t)}`);
  }
  /** Comma-separated expressions up to `close` (a trailing comma is allowed, as in Python). */
  private items(close: string): Node[] {
    const items: Node[] = [];
    while (!this.take(close)) {
      items.push(this.expr());
      if (!this.take(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }
}

function describe(t: Token): string {
  return t.t === 'end' ? 'end of formula' : t.t === 'str' ? 'string' : `"${t.v}"`;
}

/** A parsed formula: `names` are the fields it reads; `test` evaluates it over one row. */
export interface Formula {
  readonly names: string[];
  /** Python truthiness of the formula's value for the row; throws FormulaError when it cannot be evaluated. */
  test(values: (name: string) => FormulaValue | undefined): boolean;
}

/** Parses a formula (throws FormulaError on a syntax error or an unsupported construct). */
export function parseFormula(source: string): Formula {
  if (source.length > MAX_LENGTH) throw new FormulaError(`the formula is longer than ${MAX_LENGTH} characters`);
  const root = new Parser(tokenize(source)).parse();
  const names = new Set<string>();
  const walk = (n: Node): void => {
    if (n.k === 'name') names.add(n.name);
    for (const child of children(n)) walk(child);
  };
  walk(root);
  return {
    names: [...names],
    test: (values) => truthy(evaluate(root, values)),
  };
}

function children(n: Node): Node[] {
  switch (n.k) {
    case 'list':
      return n.items;
    case 'unary':
      return [n.arg];
    case 'bin':
    case 'bool':
      return [n.left, n.right];
    case 'cmp':
      return n.args;
    case 'if':
      return [n.test, n.then, n.else];
    case 'call':
      return n.args;
    default:
      return [];
  }
}

function evaluate(n: Node, values: (name: string) => FormulaValue | undefined): FormulaValue {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'name': {
      const v = values(n.name);
      if (v === undefined) throw new FormulaError(`name "${n.name}" is not defined`);
      return v;
    }
    case 'list':
      return n.items.map((i) => evaluate(i, values));
    case 'unary': {
      const v = evaluate(n.arg, values);
      if (n.op === 'not') return !truthy(v);
      const x = numeric(v, n.op);
      return n.op === '-' ? -x : x;
    }
    case 'bool': {
      const left = evaluate(n.left, values);
      // Python returns the deciding operand, not a boolean.
      if (n.op === 'and') return truthy(left) ? evaluate(n.right, values) : left;
      return truthy(left) ? left : evaluate(n.right, values);
    }
    case 'if':
      return truthy(evaluate(n.test, values)) ? evaluate(n.then, values) : evaluate(n.else, values);
    case 'cmp': {
      let left = evaluate(n.args[0]!, values);
      for (let i = 0; i < n.ops.length; i++) {
        const right = evaluate(n.args[i + 1]!, values);
        if (!compare(n.ops[i]!, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'bin':
      return binary(n.op, evaluate(n.left, values), evaluate(n.right, values));
    case 'call':
      return FUNCTIONS[n.fn]!(n.args.map((a) => evaluate(a, values)));
  }
}

/** Python's name for a value's type, for error messages (never the value itself: it may be personal data). */
function typeName(v: FormulaValue): string {
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'str';
}

function isNumber(v: FormulaValue): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

function numeric(v: FormulaValue, op: string): number {
  if (!isNumber(v)) throw new FormulaError(`bad operand type for ${op}: '${typeName(v)}'`);
  return Number(v);
}

export function truthy(v: FormulaValue): boolean {
  if (v === null) return false;
  if (Array.isArray(v) || typeof v === 'string') return v.length > 0;
  return Boolean(v);
}

/** Python `==`: numbers (and booleans) by value, strings and lists by content, None only equals None. */
export function pyEquals(a: FormulaValue, b: FormulaValue): boolean {
  if (isNumber(a) && isNumber(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]!));
  return a === b;
}

function order(op: string, a: FormulaValue, b: FormulaValue): number {
  if (isNumber(a) && isNumber(b)) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i]!, b[i]!)) return order(op, a[i]!, b[i]!);
    }
    return a.length - b.length;
  }
  throw new FormulaError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function contains(item: FormulaValue, container: FormulaValue): boolean {
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  throw new FormulaError(`'in' not supported between '${typeName(item)}' and '${typeName(container)}'`);
}

function compare(op: string, a: FormulaValue, b: FormulaValue): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case 'is':
      return a === b || (a === null && b === null);
    case 'is not':
      return !(a === b || (a === null && b === null));
    case 'in':
      return contains(a, b);
    case 'not in':
      return !contains(a, b);
    case '<':
      return order(op, a, b) < 0;
    case '<=':
      return order(op, a, b) <= 0;
    case '>':
      return order(op, a, b) > 0;
    default:
      return order(op, a, b) >= 0;
  }
}

function bounded<T extends string | FormulaValue[]>(v: T): T {
  if (v.length > MAX_SIZE) throw new FormulaError(`the result is longer than ${MAX_SIZE}`);
  return v;
}

function repeat(seq: string | FormulaValue[], times: number): string | FormulaValue[] {
  if (!Number.isInteger(times)) throw new FormulaError("can't multiply sequence by non-int of type 'float'");
  const n = Math.max(0, times);
  if (seq.length * n > MAX_SIZE) throw new FormulaError(`the result is longer than ${MAX_SIZE}`);
  return typeof seq === 'string' ? seq.repeat(n) : Array.from({ length: n }, () => seq).flat(1);
}

function binary(op: string, a: FormulaValue, b: FormulaValue): FormulaValue {
  const unsupported = () => new FormulaError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  if (op === '+') {
    if (isNumber(a) && isNumber(b)) return Number(a) + Number(b);
    if (typeof a === 'string' && typeof b === 'string') return bounded(a + b);
    if (Array.isArray(a) && Array.isArray(b)) return bounded([...a, ...b]);
    throw unsupported();
  }
  if (op === '*') {
    if (isNumber(a) && isNumber(b)) return Number(a) * Number(b);
    if ((typeof a === 'string' || Array.isArray(a)) && isNumber(b)) return repeat(a, Number(b));
    if (isNumber(a) && (typeof b === 'string' || Array.isArray(b))) return repeat(b, Number(a));
    throw unsupported();
  }
  if (!isNumber(a) || !isNumber(b)) throw unsupported();
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '-':
      return x - y;
    case '/':
      if (y === 0) throw new FormulaError('division by zero');
      return x / y;
    case '//':
      if (y === 0) throw new FormulaError('integer division or modulo by zero');
      return Math.floor(x / y);
    case '%':
      if (y === 0) throw new FormulaError('integer division or modulo by zero');
      // Python's modulo takes the sign of the divisor.
      return ((x % y) + y) % y;
    default:
      if (x === 0 && y < 0) throw new FormulaError('0.0 cannot be raised to a negative power');
      return x ** y;
  }
}

function arity(name: string, args: FormulaValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new FormulaError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s) (${args.length} given)`);
}

/** Python's str() of a number: integers without a decimal point, other floats with one. */
function pyStr(v: FormulaValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  return v;
}

/**
 * The functions a formula may call: simpleeval's default ones (int, float, str), less its random
 * ones, and a few pure ones that row constraints need (len, abs, min, max, round).
 */
const FUNCTIONS: Record<string, (args: FormulaValue[]) => FormulaValue> = {
  int(args) {
    arity('int', args, 1);
    const v = args[0]!;
    if (isNumber(v)) return Math.trunc(Number(v));
    if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
    throw new FormulaError(`invalid literal for int(): '${typeName(v)}'`);
  },
  float(args) {
    arity('float', args, 1);
    const v = args[0]!;
    if (isNumber(v)) return Number(v);
    if (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v.trim());
    throw new FormulaError(`could not convert ${typeName(v)} to float`);
  },
  str(args) {
    arity('str', args, 1);
    return pyStr(args[0]!);
  },
  len(args) {
    arity('len', args, 1);
    const v = args[0]!;
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    throw new FormulaError(`object of type '${typeName(v)}' has no len()`);
  },
  abs(args) {
    arity('abs', args, 1);
    return Math.abs(numeric(args[0]!, 'abs()'));
  },
  min(args) {
    const items = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    if (!items.length) throw new FormulaError('min() arg is an empty sequence');
    return items.reduce((m, x) => (order('<', x, m) < 0 ? x : m));
  },
  max(args) {
    const items = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    if (!items.length) throw new FormulaError('max() arg is an empty sequence');
    return items.reduce((m, x) => (order('>', x, m) > 0 ? x : m));
  },
  round(args) {
    arity('round', args, 1, 2);
    const x = numeric(args[0]!, 'round()');
    const digits = args[1] === undefined ? 0 : numeric(args[1], 'round()');
    const f = 10 ** digits;
    // Python rounds halves to even.
    const scaled = x * f;
    const r = Math.round(scaled);
    const even = Math.abs(scaled % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    return even / f;
  },
};
