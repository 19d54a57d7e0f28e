import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { minimatch } from 'minimatch';
import { ROOT } from '../helpers/lint.js';

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

interface ActionStep {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe('GitHub Action (action.yml)', () => {
  const action = parse(read('action.yml')) as { inputs: Record<string, { default: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: ActionStep[] } };

  it('is a composite action with paths, preset and formats inputs, uploading SARIF and failing last', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'preset', 'formats']));
    const steps = action.runs.steps;
    const lint = steps.find((s) => s.id === 'lint')!;
    expect(lint.run).toBe('node "$GITHUB_ACTION_PATH/scripts/github-action.mjs"');
    // Every input reaches the script, under the name it reads (INPUT_<NAME>, "-" as "_").
    for (const name of Object.keys(action.inputs).filter((n) => n !== 'upload-sarif')) {
      expect(lint.env![`INPUT_${name.replace(/-/g, '_').toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
    }
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('${{ steps.lint.outputs.sarif }}');
    expect(upload.if).toContain('always()');
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(lint));
    expect(steps.at(-1)!.run).toContain('exit ${{ steps.lint.outputs.exit-code }}');
  });

  it('runs its script step locally: annotations, SARIF, the Markdown job summary, other formats, outputs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-action-'));
    const env = {
      NO_COLOR: '1',
      RUNNER_TEMP: dir,
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
      GITHUB_OUTPUT: path.join(dir, 'output.txt'),
      INPUT_PATHS: 'fixtures/odlint/bad\nfixtures/ckan/bad',
      INPUT_PRESET: 'recommended',
      INPUT_FORMATS: 'json, junit',
      INPUT_FAIL_ON: 'error',
    };
    const r = await execa('node', ['scripts/github-action.mjs'], { cwd: ROOT, env, reject: false });
    expect(r.exitCode).toBe(0); // the job fails in the action's last step, after the SARIF upload
    expect(r.stdout).toMatch(/^::error file=fixtures\/odlint\/bad\/dataset\.yaml,line=2,/m);
    const out = path.join(dir, 'odlint');
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe(
      `exit-code=1\nsarif=${out}/odlint.sarif\nmarkdown=${out}/odlint.md\noutput-dir=${out}\n`,
    );
    const sarif = JSON.parse(readFileSync(path.join(out, 'odlint.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    // The job summary is the Markdown report, as `-f markdown` writes it.
    const markdown = (await execa('node', ['bin/odlint.js', 'fixtures/odlint/bad', 'fixtures/ckan/bad', '-p', 'recommended', '-f', 'markdown'], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } })).stdout;
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(`${markdown}\n`);
    expect(JSON.parse(readFileSync(path.join(out, 'odlint.json'), 'utf8'))).toMatchObject({ tool: { name: 'odlint' } });
    expect(readFileSync(path.join(out, 'odlint.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('says in the summary when odlint could not run, and passes its exit code 2 on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-action-'));
    const env = { RUNNER_TEMP: dir, GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'), GITHUB_OUTPUT: path.join(dir, 'output.txt'), INPUT_PATHS: 'no/such/folder' };
    const r = await execa('node', ['scripts/github-action.mjs'], { cwd: ROOT, env, reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('odlint: ');
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe('exit-code=2\n');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('odlint could not run');
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('runs the package bin on the repository, as pre-commit installs and calls it', async () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; pass_filenames: boolean; files: string }[];
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(hook).toMatchObject({ id: 'odlint', entry: 'odlint', language: 'node', pass_filenames: false });
    expect(Object.keys(pkg.bin)).toContain(hook!.entry);
    const files = new RegExp(hook!.files);
    expect(['dataset.yaml', 'ckan/package.json', 'catalogue.ttl', 'data/counts.csv'].every((f) => files.test(f))).toBe(true);
    expect(files.test('README.md')).toBe(false);
    // `entry` + the user's args, no file names: lint the folders the args name.
    const r = await execa('node', [path.join(ROOT, pkg.bin[hook!.entry]!), 'fixtures/odlint/good'], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  it('copies files that exist and that .dockerignore keeps, and runs odlint as a non-root user', () => {
    const ignored = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(copies.length).toBeGreaterThan(5);
    for (const f of copies) {
      expect(existsSync(path.join(ROOT, f)), f).toBe(true);
      expect(ignored.some((p) => minimatch(f, p) || f.startsWith(`${p}/`)), `${f} is in .dockerignore`).toBe(false);
    }
    // What `npm run build` needs is copied: the compiler's inputs and the data compiler.
    const tsconfig = JSON.parse(read('tsconfig.json')) as { include: string[] };
    for (const glob of tsconfig.include) expect(copies).toContain(glob.split('/')[0]);
    expect(read('package.json')).toContain('node scripts/compile-data.mjs');
    expect(copies).toContain('scripts/compile-data.mjs');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^ENTRYPOINT \["odlint"\]$/m);
    expect(final).toContain('--omit=dev');
    expect(statSync(path.join(ROOT, 'bin', 'odlint.js')).mode & 0o111).not.toBe(0);
  });
});
