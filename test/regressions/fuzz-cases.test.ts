import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { checkCase, loadCase, type StoredCase } from '../fuzz/property.js';

// Every case the fuzzer found (`npm run fuzz` writes each minimised failure here) must keep
// passing the fuzzing property: no escaped error, exit 0/1, a valid report, no leaked datum.
const DIR = path.join(ROOT, 'test', 'regressions', 'fuzz');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('cases found by fuzzing (test/regressions/fuzz)', () => {
  it('there are some', () => expect(CASES.length).toBeGreaterThan(0));

  it.each(CASES)('%s', async (name) => {
    const stored = JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as StoredCase;
    expect(await checkCase(loadCase(stored)), stored.note).toEqual([]);
  });
});
