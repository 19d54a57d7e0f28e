/**
 * Differential test of `integerDigits` (the scan data/truncated-value runs on every short cell)
 * against its definition, `integerText` (trim, then a signed integer pattern, without leading
 * zeros): every UTF-16 unit around and inside digits (so every character `trim()` removes, and
 * every other one), and digits, signs, spaces and letters in every order.
 */
import { describe, it, expect } from 'vitest';
import { integerDigits, integerText } from '../../src/knowledge/field-checks.js';

function expectSame(s: string): void {
  const want = integerText(s);
  const got = integerDigits(s);
  if (got !== want) expect({ s, got }).toEqual({ s, got: want });
}

describe('integerDigits is integerText, by a scan', () => {
  it('with every UTF-16 unit before, after, inside and around digits', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${ch}12`, `12${ch}`, `1${ch}2`, `${ch}12${ch}`, `${ch}-12`, `-12${ch}`, `${ch}007`]) expectSame(s);
    }
  });

  it('on digits, zeros, signs, spaces and letters in every order', () => {
    const parts = ['0', '1', '42', '+', '-', ' ', '\t', '\u00a0', '\u3000', 'a', 'é', '.', '😀'];
    let integers = 0;
    const walk = (s: string, depth: number) => {
      expectSame(s);
      if (integerText(s) !== undefined) integers++;
      if (depth < 5) for (const p of parts) walk(s + p, depth + 1);
    };
    walk('', 0);
    expect(integers).toBeGreaterThan(5_000);
  });
});
