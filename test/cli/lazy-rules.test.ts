import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';

// The built executable, with a resolve hook that lists the modules each thread imports (worker
// threads inherit `--import`): the main thread and every worker import the rule files of the
// rules the config enables, and no other.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const HOOK = path.join(ROOT, 'test', 'helpers', 'import-trace.mjs');

/** The rule ids (`family/name`) whose built file each thread imported, by thread id (0: main). */
async function ruleImports(args: string[]): Promise<Map<string, Set<string>>> {
  const trace = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-trace-')), 'imports.txt');
  const r = await execa('node', ['--import', HOOK, BIN, '-f', 'json', ...args], { cwd: ROOT, reject: false, env: { ODLINT_IMPORT_TRACE: trace, ODLINT_IMPORT_TRACE_THREADS: '1' } });
  expect([0, 1], r.stderr).toContain(r.exitCode);
  const byThread = new Map<string, Set<string>>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /^(\d+)\t.*\/dist\/rules\/([^/]+\/[^/_][^/]*)\.js$/.exec(line);
    if (!m) continue;
    if (!byThread.has(m[1]!)) byThread.set(m[1]!, new Set());
    byThread.get(m[1]!)!.add(m[2]!);
  }
  return byThread;
}

/** The non-core rules `--print-config` says are on for a file. */
async function enabledRules(args: string[]): Promise<string[]> {
  const r = await execa('node', [BIN, ...args, '--print-config', 'x.json'], { cwd: ROOT });
  return Object.keys((JSON.parse(r.stdout) as { rules: Record<string, unknown> }).rules).filter((id) => !id.startsWith('core/')).sort();
}

describe('a run imports only the enabled rules', () => {
  it('in the main thread and in every worker thread (--jobs 3)', async () => {
    const args = ['-p', 'dcat-ap', '--rule', 'gender/total-missing=warning', '--rule', 'data/ragged-rows=off'];
    const expected = await enabledRules(args);
    expect(expected).toContain('gender/total-missing');
    expect(expected).not.toContain('data/ragged-rows');
    const imports = await ruleImports([...args, '--no-data', '--jobs', '3', 'fixtures/corpus']);
    expect([...imports.keys()]).toContain('0');
    expect(imports.size, 'no worker thread linted anything').toBeGreaterThan(1);
    for (const [thread, ids] of imports) expect([...ids].sort(), `thread ${thread}`).toEqual(expected);
  });

  it('strict imports every rule but the engine’s own core rules', async () => {
    const expected = await enabledRules(['-p', 'strict']);
    const imports = await ruleImports(['-p', 'strict', '--jobs', '1', 'fixtures/ckan/good']);
    expect([...imports.keys()]).toEqual(['0']);
    expect([...imports.get('0')!].sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });
});
