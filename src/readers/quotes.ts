import type { StrayQuote, StrayQuoteStats } from '../model/index.js';
import { LineEndingCounter } from './line-endings.js';

const MAX_KEPT = 100;
const LF = 10;
const CR = 13;

const enum State {
  /** Nothing read in the current field yet: a quote here opens a quoted value. */
  FieldStart,
  /** Inside an unquoted value (or one whose quotes went wrong): a quote here is literal. */
  Unquoted,
  Quoted,
  /** Inside a quoted value, just after a quote: closing, or the first of a doubled pair. */
  QuoteInQuoted,
  /** Inside a quoted value, just after the escape character (`doubleQuote: false`). */
  Escaped,
}

/**
 * Finds the quotes csv-parse's relaxed mode takes literally without a word, following its
 * reading of the bytes exactly (csv-parse `relax_quotes`): a quote inside an unquoted value
 * (`ab"c`, ` "b"` after the delimiter) and text after a closing quote (`"b"c`, `"b" ,`) — RFC
 * 4180 allows neither, and strict readers (Python's csv in strict mode, Ruby's CSV, databases)
 * reject or split such rows. Runs over each chunk the parser gets, jumping from quote to quote
 * with `indexOf`; single-byte delimiter and quote only (others are not scanned).
 */
export class StrayQuoteScanner {
  private state = State.FieldStart;
  private readonly found: StrayQuote[] = [];
  /** Lines with stray quotes. */
  private count = 0;
  private lastLine = 0;
  private lineAt: { buf?: Uint8Array; pos: number; line: number } = { pos: 0, line: 1 };

  private constructor(
    private readonly quote: number,
    private readonly delimiter: number,
    private readonly escape: number | undefined,
    private readonly skipInitialSpace: boolean,
  ) {}

  /** A scanner for this dialect, or undefined when its quote or delimiter is not one ASCII byte. */
  static for(delimiter: string, quote: string, escape: string | null, skipInitialSpace: boolean): StrayQuoteScanner | undefined {
    const ascii = (s: string) => s.length === 1 && s.charCodeAt(0) < 128;
    if (!ascii(delimiter) || !ascii(quote) || (escape !== null && escape !== quote && !ascii(escape))) return undefined;
    return new StrayQuoteScanner(quote.charCodeAt(0), delimiter.charCodeAt(0), escape === null || escape === quote ? undefined : escape.charCodeAt(0), skipInitialSpace);
  }

  /** Scans the next chunk; `linesBefore` = line breaks before it (to give each stray quote its line). */
  scan(buf: Uint8Array, linesBefore: number): void {
    let pos = 0;
    const n = buf.length;
    /** Where the current unquoted run began in this chunk (the back-scan of `endsField` stops there). */
    let runStart = 0;
    /** The next quote at or after `pos` (cached: unquoted values are jumped over, not read byte by byte). */
    let nextQuote = -2;
    while (pos < n) {
      switch (this.state) {
        case State.FieldStart: {
          const c = buf[pos]!;
          if (c === this.quote) {
            this.state = State.Quoted;
            pos++;
          } else if (this.skipInitialSpace && (c === 32 || c === 9)) {
            pos++; // csv-parse's ltrim: blanks before the value are dropped, a quote after them opens it
          } else {
            this.state = State.Unquoted;
            runStart = pos;
          }
          break;
        }
        case State.Unquoted: {
          // Jump to the next quote; whether a field ended before it is seen from the bytes just before.
          if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(this.quote, pos);
          if (nextQuote === -1) {
            if (this.endsField(buf, runStart, n)) this.state = State.FieldStart;
            pos = n;
          } else if (this.endsField(buf, runStart, nextQuote)) {
            this.state = State.Quoted;
            pos = nextQuote + 1;
          } else {
            this.stray('inside', buf, nextQuote, linesBefore);
            pos = nextQuote + 1;
          }
          break;
        }
        case State.Quoted: {
          const q = buf.indexOf(this.quote, pos);
          const e = this.escape === undefined ? -1 : buf.indexOf(this.escape, pos);
          if (e !== -1 && (q === -1 || e < q)) {
            this.state = State.Escaped;
            pos = e + 1;
          } else if (q === -1) {
            pos = n;
          } else {
            this.state = State.QuoteInQuoted;
            pos = q + 1;
          }
          break;
        }
        case State.Escaped:
          this.state = State.Quoted;
          pos++;
          break;
        case State.QuoteInQuoted: {
          const c = buf[pos]!;
          if (c === this.quote && this.escape === undefined) {
            this.state = State.Quoted; // a doubled quote
            pos++;
          } else if (c === this.delimiter || c === LF || c === CR) {
            this.state = State.FieldStart;
            pos++;
          } else {
            // csv-parse ends the quoting here and reads on as an unquoted value.
            this.stray(c === 32 || c === 9 ? 'spaceAfter' : 'after', buf, pos - 1, linesBefore);
            this.state = State.Unquoted;
            runStart = pos;
          }
          break;
        }
      }
    }
  }

  /**
   * Whether a field ended just before `at` (a delimiter or line break, then only blanks csv-parse
   * trims), looking back no further than `from`, where the unquoted run began.
   */
  private endsField(buf: Uint8Array, from: number, at: number): boolean {
    let i = at - 1;
    if (this.skipInitialSpace) while (i >= from && (buf[i] === 32 || buf[i] === 9)) i--;
    if (i < from) return false;
    const c = buf[i];
    return c === this.delimiter || c === LF || c === CR;
  }

  /** Counts the line of a stray quote (once per line); the first lines are kept. */
  private stray(kind: StrayQuote['kind'], buf: Uint8Array, at: number, linesBefore: number): void {
    // Lines are counted on from the last stray quote of this chunk, not from its start each time.
    if (this.lineAt.buf !== buf) this.lineAt = { buf, pos: 0, line: linesBefore + 1 };
    const pos = Math.max(0, at);
    this.lineAt.line += LineEndingCounter.countBefore(buf.subarray(this.lineAt.pos), pos - this.lineAt.pos);
    this.lineAt.pos = pos;
    const line = this.lineAt.line;
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.count++;
    if (this.found.length < MAX_KEPT) this.found.push({ kind, line });
  }

  result(): StrayQuoteStats {
    return { count: this.count, first: this.found };
  }
}
