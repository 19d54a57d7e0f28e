import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';

// The built executable, with a resolve hook that lists the modules each thread imports (worker
// threads inherit `--import`): the main thread and every worker import the rule families
// (`dist/rules/<family>.js`, one module per family: scripts/bundle.mjs) of the rules the config
// enables, and no other. (test/engine/registry.test.ts: within a family, only the rules asked for are run.)
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const HOOK = path.join(ROOT, 'test', 'helpers', 'import-trace.mjs');

/** The rule families whose built module each thread imported, by thread id (0: main). */
async function familyImports(args: string[]): Promise<Map<string, Set<string>>> {
  const trace = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-trace-')), 'imports.txt');
  const r = await execa('node', ['--import', HOOK, BIN, '-f', 'json', ...args], { cwd: ROOT, reject: false, env: { ODLINT_IMPORT_TRACE: trace, ODLINT_IMPORT_TRACE_THREADS: '1' } });
  expect([0, 1], r.stderr).toContain(r.exitCode);
  const byThread = new Map<string, Set<string>>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /^(\d+)\t.*\/dist\/rules\/([^/]+)\.js$/.exec(line);
    if (!m) continue;
    if (!byThread.has(m[1]!)) byThread.set(m[1]!, new Set());
    byThread.get(m[1]!)!.add(m[2]!);
  }
  return byThread;
}

const familiesOf = (ids: string[]) => [...new Set(ids.map((id) => id.split('/')[0]!))].sort();

/** The non-core rules `--print-config` says are on for a file. */
async function enabledRules(args: string[]): Promise<string[]> {
  const r = await execa('node', [BIN, ...args, '--print-config', 'x.json'], { cwd: ROOT });
  return Object.keys((JSON.parse(r.stdout) as { rules: Record<string, unknown> }).rules).filter((id) => !id.startsWith('core/')).sort();
}

describe('a run imports only the enabled rules’ families', () => {
  it('in the main thread and in every worker thread (--jobs 3)', async () => {
    const args = ['-p', 'dcat-ap', '--rule', 'gender/total-missing=warning', '--rule', 'data/ragged-rows=off'];
    const expected = familiesOf(await enabledRules(args));
    expect(expected).toContain('gender');
    expect(expected).not.toContain('documentation');
    const imports = await familyImports([...args, '--no-data', '--jobs', '3', 'fixtures/corpus']);
    expect([...imports.keys()]).toContain('0');
    expect(imports.size, 'no worker thread linted anything').toBeGreaterThan(1);
    for (const [thread, families] of imports) expect([...families].sort(), `thread ${thread}`).toEqual(expected);
  });

  it('strict imports every family but the engine’s own core rules', async () => {
    const enabled = await enabledRules(['-p', 'strict']);
    const imports = await familyImports(['-p', 'strict', '--jobs', '1', 'fixtures/ckan/good']);
    expect([...imports.keys()]).toEqual(['0']);
    expect([...imports.get('0')!].sort()).toEqual(familiesOf(enabled));
    expect(enabled.length).toBeGreaterThan(100);
    expect(familiesOf(enabled)).not.toContain('core');
  });
});
