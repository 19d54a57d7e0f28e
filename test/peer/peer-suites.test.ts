/**
 * odlint on the peers' own test suites (test/peer/README.md): frictionless-py's validation tests,
 * csvlint.rb's cucumber scenarios and csv-spectrum, with the `strict` preset (every rule on, but
 * frictionless's opt-in checks, which run only in the cases whose checklist names them).
 * Prints recall per suite and overall and the structural false positives on files the peer
 * calls valid; asserts the floor reached so far (README: figures and what is missing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { explainText } from '../../src/cli/rules-command.js';
import { meta as raggedRows } from '../../rules/data/ragged-rows.js';
import { peerConfig, recall, runSuite, type SuiteResult } from './suites.js';

/** Overall recall (%) odlint must keep on the applicable peer cases. */
const RECALL_FLOOR = 95;

const results: SuiteResult[] = [];

beforeAll(async () => {
  const config = await peerConfig();
  results.push(await runSuite('frictionless', 'frictionless', config));
  results.push(await runSuite('csvlint', 'csvlint', config));
  results.push(await runSuite('csv-spectrum', 'frictionless', config));
  print(results);
}, 120_000);

function print(all: SuiteResult[]): void {
  const lines = ['peer suites (odlint, strict preset; frictionless opt-in checks only when a case asks):'];
  for (const s of all) {
    const r = recall(s.cases);
    const fps = s.cases.reduce((n, c) => n + c.falsePositives.length, 0);
    lines.push(`  ${s.suite}: recall ${r.percent}% (${r.recalled}/${r.asserted} asserted errors, ${s.cases.length} cases), ` + `${fps} structural false positives, ${s.notHandled.length} cases not handled`);
    for (const c of s.cases) {
      if (c.missed.length) lines.push(`    missed in ${c.name}: ${c.missed.join(' ')}`);
      for (const fp of c.falsePositives) lines.push(`    false positive in ${c.name}: ${fp}`);
    }
    for (const n of s.notHandled) lines.push(`    not handled: ${n.name}: ${n.reason}`);
  }
  const r = recall(all.flatMap((s) => s.cases));
  lines.push(`  overall: recall ${r.percent}% (${r.recalled}/${r.asserted})`);
  console.log(lines.join('\n'));
}

describe('peer suites', () => {
  it('reaches the recall floor over the applicable cases', () => {
    expect(recall(results.flatMap((s) => s.cases)).percent).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('reports no structural finding on the files the peers call valid', () => {
    const fps = results.flatMap((s) => s.cases.flatMap((c) => c.falsePositives.map((fp) => `${s.suite} ${c.name}: ${fp}`)));
    expect(fps).toEqual([]);
  });

  it('shows the equivalents a rule maps to in its explanation', () => {
    expect(explainText(raggedRows)).toContain('Equivalents: frictionless `extra-cell`, `missing-cell`; csvlint `ragged_rows`');
  });

  it('lists every case it leaves out with a reason', () => {
    for (const s of results) for (const n of s.notHandled) expect(n.reason.length).toBeGreaterThan(10);
  });
});
