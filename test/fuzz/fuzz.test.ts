import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fuzzFolder } from './inputs.js';
import { checkCase, leaks } from './property.js';

/**
 * The short fuzz run of `npm test`: a fixed seed, so a failure reproduces. The long run with
 * random seeds is `npm run fuzz -- --minutes 30` (scripts/fuzz.mjs, docs/limits.md "Fuzzing").
 */
export const SHORT_SEED = 20261204;
export const SHORT_RUNS = 500;

describe('fuzzing: every loader, reader and formatter on arbitrary and mutated inputs', () => {
  it(`${SHORT_RUNS} cases, seed ${SHORT_SEED}: no escaped error, exit 0/1, a valid report, no planted personal datum in any output`, async () => {
    const property = fc.asyncProperty(fuzzFolder, async (files) => {
      const problems = await checkCase(files);
      if (problems.length) throw new Error(problems.join('\n'));
    });
    const result = await fc.check(property, { seed: SHORT_SEED, numRuns: SHORT_RUNS });
    expect(result.failed ? fc.defaultReportMessage(result) : 'no failure').toBe('no failure');
  }, 600_000);
});

describe('the property can fail', () => {
  it('a planted value shown raw (as written or compacted) is a leak; masked, or glued into another value, it is not', () => {
    const files = { 'data/louise.peeters@example.be.csv': 'name,iban\nx,BE18 7310 4726 5913\n' };
    expect(leaks(files, new Map([['json', 'file data/l***@***.be.csv, BE** **** **** **13']]))).toEqual([]);
    expect(leaks(files, new Map([['sarif', 'see data/louise.peeters@example.be.csv']]))).toHaveLength(1);
    expect(leaks(files, new Map([['csv', 'value BE18731047265913']]))).toHaveLength(1);
    expect(leaks({ 'a.csv': 'xBE18 7310 4726 59134' }, new Map([['json', 'BE18 7310 4726 5913']]))).toEqual([]);
    expect(leaks(files, new Map([['json', 'Unexpected "mBE18731047265913>"']]))).toEqual([]);
  });

  it('a run that exits 2 fails it', async () => {
    const problems = await checkCase({ 'data.csv': 'a,b\n1,2\n' }, ['--rule', 'no/such-rule=error']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^exit code 2; stderr: odlint: /);
  });
});
