import { describe, it, expect } from 'vitest';
import { StrayQuoteScanner } from '../../src/readers/quotes.js';
import { LineEndingCounter } from '../../src/readers/line-endings.js';

/** Stray quote lines of `text` scanned in two chunks cut at `cut` (state carries across chunks). */
function lines(text: string, cut: number, skipInitialSpace = false, escape: string | null = '"'): number[] {
  const s = StrayQuoteScanner.for(',', '"', escape, skipInitialSpace)!;
  const b = Buffer.from(text);
  const at = Math.min(cut, b.length);
  s.scan(b.subarray(0, at), 0);
  // As the reader does: line breaks counted so far (a CR at the cut waits for its LF).
  const counter = new LineEndingCounter();
  counter.scan(b.subarray(0, at));
  s.scan(b.subarray(at), counter.lines);
  return s.result().first.map((q) => q.line);
}

describe('StrayQuoteScanner (what csv-parse relax_quotes reads literally)', () => {
  const cases: [string, number[]][] = [
    ['a,b"c,d\n', [1]],
    ['a,"b"c,d\n', [1]],
    ['a,"b" ,d\n', [1]],
    ['a, "b",d\n', [1]], // two literal quotes, one line
    ['a,"b""c",d\n', []],
    ['"a","b"\n"c\nd","e"\r\nx,y"\n', [4]],
    ['a,b\n"x"', []],
    ['a,"",""""\n', []],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → lines ${JSON.stringify(expected)}, whatever the chunk boundary`, () => {
      for (let cut = 0; cut <= text.length; cut++) expect(lines(text, cut)).toEqual(expected);
    });
  }
  it('skipInitialSpace: a quote after blanks opens the value', () => {
    expect(lines('a, "b",c\n', 3, true)).toEqual([]);
  });
  it('an escape character (doubleQuote: false) escapes the quote inside a quoted value', () => {
    const s = StrayQuoteScanner.for(',', '"', '\\', false)!;
    s.scan(Buffer.from('a,"b\\"c",d\n'), 0);
    expect(s.result()).toEqual({ count: 0, first: [] });
  });
  it('kinds: inside a value, text after the closing quote, a blank after it', () => {
    const s = StrayQuoteScanner.for(',', '"', '"', false)!;
    s.scan(Buffer.from('a"b\n"c"d\n"e" \n'), 0);
    expect(s.result()).toEqual({ count: 3, first: [{ kind: 'inside', line: 1 }, { kind: 'after', line: 2 }, { kind: 'spaceAfter', line: 3 }] });
  });
  it('does not scan multi-byte delimiters', () => {
    expect(StrayQuoteScanner.for('||', '"', '"', false)).toBeUndefined();
  });
});
