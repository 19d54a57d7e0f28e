import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ROOT } from '../helpers/lint.js';

// Catalogue rules on the built executable (npm test builds dist/ first): the worker pool and
// shards must give the catalogue findings of a single in-process run.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[]) => execa('node', [BIN, ...args], { cwd: ROOT, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1' } });
const read = (file: string) => readFileSync(file, 'utf8');
const INPUTS = ['fixtures/catalogue', 'fixtures/national-schemas', '-p', 'france', '-p', 'luxembourg'];

describe('catalogue rules across workers and shards', () => {
  it('--jobs 2 and two merged shards give the single run bytes, catalogue findings included', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-catalogue-'));
    const out = (name: string) => ['-f', 'json', '-o', path.join(dir, `${name}.json`), '-f', 'jsonl', '-o', path.join(dir, `${name}.jsonl`)];
    for (const [name, extra] of [['single', ['--jobs', '1']], ['pool', ['--jobs', '2']]] as const) {
      const r = await odlint([...INPUTS, ...extra, ...out(name)]);
      expect(r.exitCode, r.stderr).toBe(1);
    }
    for (const k of [1, 2]) {
      const r = await odlint([...INPUTS, '--jobs', '1', '--shard', `${k}/2`, '-f', 'jsonl', '-o', path.join(dir, `shard-${k}.jsonl`)]);
      expect([0, 1], r.stderr).toContain(r.exitCode);
      // A shard reports no catalogue finding of its own: it passes its summaries on.
      const lines = read(path.join(dir, `shard-${k}.jsonl`)).trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; file?: { findings: { ruleId: string }[] } });
      expect(lines.some((l) => l.type === 'file' && l.file!.findings.some((f) => f.ruleId.startsWith('catalogue/')))).toBe(false);
      expect(lines.filter((l) => l.type === 'catalogue')).toHaveLength(1);
    }
    const merged = await odlint(['merge-reports', path.join(dir, 'shard-2.jsonl'), path.join(dir, 'shard-1.jsonl'), ...out('merged')]);
    expect(merged.exitCode, merged.stderr).toBe(1);
    for (const ext of ['json', 'jsonl']) {
      expect(read(path.join(dir, `pool.${ext}`)), `pool.${ext}`).toBe(read(path.join(dir, `single.${ext}`)));
      expect(read(path.join(dir, `merged.${ext}`)), `merged.${ext}`).toBe(read(path.join(dir, `single.${ext}`)));
    }
    const report = JSON.parse(read(path.join(dir, 'single.json'))) as { files: { file: string; findings: { ruleId: string }[] }[] };
    const catalogue = report.files.filter((f) => f.findings.some((x) => x.ruleId.startsWith('catalogue/')));
    expect(catalogue.map((f) => f.file)).toEqual(['fixtures']);
    expect(new Set(catalogue[0]!.findings.map((f) => f.ruleId))).toEqual(new Set(['catalogue/priority-datasets-missing', 'catalogue/hvd-coverage']));
  });
});
