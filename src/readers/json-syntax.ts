import { DEFAULT_LIMITS, LimitExceeded } from '../model/index.js';

/**
 * A streaming JSON syntax checker (RFC 8259): text goes in chunk by chunk, nothing is built,
 * memory is the nesting stack. It stops at the first error with its line and column, which
 * JSON.parse does not give for files too large to hold in memory.
 */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** What the parser expects next. */
const enum Expect {
  Value,
  ValueOrEnd, // after '['
  KeyOrEnd, // after '{'
  Key, // after ',' in an object
  Colon,
  CommaOrEnd,
  Done,
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const LITERALS = new Set(['true', 'false', 'null']);

export class JsonSyntaxChecker {
  private line = 1;
  private column = 0;
  private expect = Expect.Value;
  /** Open containers: true for an object, false for an array. */
  private readonly stack: boolean[] = [];
  private inString = false;
  private escape = 0; // 1 after a backslash, 2..5 while reading \uXXXX digits
  private stringIsKey = false;
  private word = ''; // a number or literal being read
  private wordAt: [number, number] = [0, 0];
  /** Type of the top-level value, once known. */
  topLevel: 'object' | 'array' | 'scalar' | undefined;

  /** `maxDepth`: deeper nesting is a `LimitExceeded` (limits.depth): nothing deeper is worth checking. */
  constructor(private readonly maxDepth = DEFAULT_LIMITS.depth) {}

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.line, this.column);
  }

  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.column = 0;
      } else {
        this.column++;
      }
      if (this.inString) this.stringChar(c);
      else if (this.word !== '' && isWordChar(c)) this.word += text[i];
      else {
        if (this.word !== '') this.endWord();
        this.structural(c, text[i]!);
      }
    }
  }

  end(): void {
    if (this.inString) this.fail('unterminated string at the end of the file');
    if (this.word !== '') this.endWord();
    if (this.expect !== Expect.Done) this.fail(this.topLevel ? 'unexpected end of the file: a container is not closed' : 'the file holds no JSON value');
  }

  private stringChar(c: number): void {
    if (this.escape === 1) {
      if (c === 117 /* u */) this.escape = 2;
      else if ('"\\/bfnrt'.includes(String.fromCharCode(c))) this.escape = 0;
      else this.fail('invalid escape in a string');
    } else if (this.escape >= 2) {
      if (!/[0-9a-fA-F]/.test(String.fromCharCode(c))) this.fail('invalid \\u escape in a string');
      this.escape = this.escape === 5 ? 0 : this.escape + 1;
    } else if (c === 92) this.escape = 1;
    else if (c === 34) {
      this.inString = false;
      this.afterValue(this.stringIsKey);
    } else if (c < 32) this.fail('control character inside a string (unescaped line break?)');
  }

  private structural(c: number, ch: string): void {
    if (c === 32 || c === 9 || c === 10 || c === 13) return;
    if (c === 0xfeff && this.line === 1 && this.column === 1) return; // BOM
    const e = this.expect;
    switch (ch) {
      case '{':
      case '[':
        if (e !== Expect.Value && e !== Expect.ValueOrEnd) this.fail(`unexpected "${ch}"`);
        this.topLevel ??= ch === '{' ? 'object' : 'array';
        if (this.stack.push(ch === '{') > this.maxDepth) throw new LimitExceeded('depth', this.maxDepth, { line: this.line, column: this.column });
        this.expect = ch === '{' ? Expect.KeyOrEnd : Expect.ValueOrEnd;
        return;
      case '}':
      case ']': {
        const isObject = ch === '}';
        const ok = isObject ? e === Expect.KeyOrEnd || e === Expect.CommaOrEnd : e === Expect.ValueOrEnd || e === Expect.CommaOrEnd;
        if (!ok || this.stack[this.stack.length - 1] !== isObject) this.fail(`unexpected "${ch}"`);
        this.stack.pop();
        this.afterValue(false);
        return;
      }
      case ':':
        if (e !== Expect.Colon) this.fail('unexpected ":"');
        this.expect = Expect.Value;
        return;
      case ',':
        if (e !== Expect.CommaOrEnd) this.fail('unexpected ","');
        this.expect = this.stack[this.stack.length - 1] ? Expect.Key : Expect.Value;
        return;
      case '"':
        if (e === Expect.KeyOrEnd || e === Expect.Key) this.stringIsKey = true;
        else if (e === Expect.Value || e === Expect.ValueOrEnd) this.stringIsKey = false;
        else this.fail('unexpected string');
        this.topLevel ??= 'scalar';
        this.inString = true;
        return;
      default:
        if (!isWordChar(c)) this.fail(`unexpected character "${ch}"`);
        if (e !== Expect.Value && e !== Expect.ValueOrEnd) this.fail(`unexpected "${ch}"`);
        this.topLevel ??= 'scalar';
        this.word = ch;
        this.wordAt = [this.line, this.column];
    }
  }

  private endWord(): void {
    const w = this.word;
    this.word = '';
    if (!LITERALS.has(w) && !NUMBER.test(w)) {
      [this.line, this.column] = this.wordAt; // point at the start of the bad value
      this.fail(`invalid value "${w.length > 20 ? w.slice(0, 20) + '…' : w}"`);
    }
    this.afterValue(false);
  }

  private afterValue(isKey: boolean): void {
    if (isKey) this.expect = Expect.Colon;
    else this.expect = this.stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 43 || c === 46;
}
