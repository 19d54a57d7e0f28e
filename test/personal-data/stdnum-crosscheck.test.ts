import { describe, it, expect } from 'vitest';
import { stdnum } from 'stdnum';
import { nissValid } from '../../src/knowledge/personal-data/identifiers/be-niss.js';
import { bsnValid } from '../../src/knowledge/personal-data/identifiers/nl-bsn.js';
import { nirValid } from '../../src/knowledge/personal-data/identifiers/fr-nir.js';
import { prng } from '../helpers/prng.js';

/**
 * The national-number validators against an independent implementation: the `stdnum` package
 * (a TypeScript port of python-stdnum, written and tested by other people). Each set mixes
 * numbers built with correct check digits (so both sides must say "valid") and random strings of
 * the same shape (mostly invalid): the two must agree on every one, except where the known,
 * documented difference named in the test says otherwise. Luxembourg's matricule is not in stdnum.
 */

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('');
const mod97 = (s: string) => Number(BigInt(s) % 97n);

/** Runs both validators over a set; returns the values they disagree on. */
function disagreements(values: string[], ours: (v: string) => boolean, theirs: (v: string) => boolean): string[] {
  return values.filter((v) => ours(v) !== theirs(v));
}

describe('national numbers: odlint and stdnum agree', () => {
  it('Belgian national register number (NISS) and BIS number: 2,000 numbers', () => {
    const r = prng(1);
    const values: string[] = [];
    for (let i = 0; i < 1000; i++) {
      // A real-looking birth date (days 1-28, so every month has it), BIS +20/+40 months at times.
      const yy = int(r, 0, 99);
      const month = int(r, 1, 12) + [0, 0, 0, 20, 40][int(r, 0, 4)]!;
      const body = pad(yy, 2) + pad(month, 2) + pad(int(r, 1, 28), 2) + pad(int(r, 1, 997), 3);
      // Born in 2000 or later when the year allows it: the check is then over "2" + body.
      const after2000 = yy <= 24 && r() < 0.5;
      values.push(body + pad(97 - mod97((after2000 ? '2' : '') + body), 2));
      values.push(digits(r, 11));
    }
    const theirs = (v: string) => stdnum.BE.nn.validate(v).isValid || stdnum.BE.bis.validate(v).isValid;
    const valid = values.filter((v) => nissValid(v));
    expect(valid.length).toBeGreaterThanOrEqual(1000);
    expect(disagreements(values, nissValid, theirs)).toEqual([]);
  });

  it('Dutch citizen service number (BSN): 2,000 numbers', () => {
    const r = prng(2);
    const values: string[] = [];
    for (let i = 0; i < 1000; i++) {
      // The elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11); a check digit of 10 is impossible.
      let eight = '';
      let check = 10;
      while (check === 10) {
        eight = String(int(r, 1, 9)) + digits(r, 7);
        check = [...eight].reduce((s, d, k) => s + Number(d) * (9 - k), 0) % 11;
      }
      values.push(eight + String(check));
      values.push(String(int(r, 1, 9)) + digits(r, 8));
    }
    const valid = values.filter((v) => bsnValid(v));
    expect(valid.length).toBeGreaterThan(1000);
    expect(disagreements(values, bsnValid, (v) => stdnum.NL.bsn.validate(v).isValid)).toEqual([]);
  });

  it('French social security number (NIR): 2,000 numbers, Corsica included', () => {
    const r = prng(3);
    const values: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const dept = [pad(int(r, 1, 95), 2), '2A', '2B', '99'][int(r, 0, 3)]!;
      const head = String(int(r, 1, 2)) + pad(int(r, 0, 99), 2) + pad(int(r, 1, 12), 2);
      const tail = pad(int(r, 1, 990), 3) + pad(int(r, 1, 999), 3);
      const numeric = head + (dept === '2A' ? '19' : dept === '2B' ? '18' : dept) + tail;
      values.push(head + dept + tail + pad(97 - mod97(numeric), 2));
      values.push(String(int(r, 1, 2)) + digits(r, 14));
    }
    const valid = values.filter((v) => nirValid(v));
    expect(valid.length).toBeGreaterThan(1000);
    // The one known difference: stdnum does not check the month, odlint refuses 13-19 (INSEE
    // uses 1-12, 20-42 and 50-99 only). Every disagreement is that one, and odlint is the stricter.
    const differ = disagreements(values, nirValid, (v) => stdnum.FR.nir.validate(v).isValid);
    expect(differ).toEqual(['235165280804806', '144169128237448']);
    for (const v of differ) {
      expect(stdnum.FR.nir.validate(v).isValid).toBe(true);
      expect(Number(v.slice(3, 5))).toBeGreaterThanOrEqual(13);
      expect(Number(v.slice(3, 5))).toBeLessThanOrEqual(19);
    }
  });
});
