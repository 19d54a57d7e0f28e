import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { loadedModules } from '../helpers/bundle-sources.js';
import { readDataFile } from '../../src/util/data-file.js';

// Start-up cost is what every CI step and editor integration pays: `--version` and `--help` must
// load only the CLI's own small modules, never the pipeline, the YAML parser or a knowledge file.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const HOOK = path.join(ROOT, 'test', 'helpers', 'import-trace.mjs');

async function imports(args: string[]): Promise<string[]> {
  const trace = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-trace-')), 'imports.txt');
  const r = await execa('node', ['--import', HOOK, BIN, ...args], { cwd: ROOT, reject: false, env: { ODLINT_IMPORT_TRACE: trace } });
  expect(r.exitCode, r.stderr).toBe(0);
  return loadedModules(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
}

describe('start-up', () => {
  it.each([['--version'], ['--help']])('%s loads no stage of the pipeline and no YAML', async (flag) => {
    const modules = await imports([flag]);
    expect(modules).toContain('dist/src/cli/index.js');
    const heavy = modules.filter((m) => /^dist\/src\/(loaders|readers|engine|reporters|score|knowledge|discover)\/|^node_modules\/(yaml|ajv|glob|csv-parse|jsonc-parser)\//.test(m));
    expect(heavy).toEqual([]);
    // bin/odlint.js reads argv for `--jobs` first (src/cli/argv-threads.ts): no pool, no thread.
    expect(modules).toContain('dist/src/cli/argv-threads.js');
    expect(modules.filter((m) => /^dist\/src\/pipeline\/|^node_modules\/tinypool\//.test(m))).toEqual([]);
  });
});

describe('readDataFile', () => {
  it('reads the compiled JSON while it is fresh, and the YAML source when it is newer or alone', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'odlint-data-'));
    mkdirSync(path.join(root, 'presets'));
    mkdirSync(path.join(root, 'dist', 'data', 'presets'), { recursive: true });
    const source = path.join(root, 'presets', 'x.yaml');
    const compiled = path.join(root, 'dist', 'data', 'presets', 'x.json');
    writeFileSync(source, 'from: yaml\n');
    expect(readDataFile('presets/x.yaml', root)).toEqual({ from: 'yaml' });

    writeFileSync(compiled, '{"from":"json"}');
    utimesSync(source, new Date(1_000_000), new Date(1_000_000));
    expect(readDataFile('presets/x.yaml', root)).toEqual({ from: 'json' });

    utimesSync(source, new Date(), new Date(Date.now() + 60_000));
    expect(readDataFile('presets/x.yaml', root)).toEqual({ from: 'yaml' });
  });
});
