#!/usr/bin/env node
// The script step of the GitHub Action (action.yml): lint with the action's inputs, write the SARIF
// for code scanning, the Markdown report into the job summary, the other formats requested, and the
// step outputs. It exits 0 whatever the findings: the action uploads the SARIF first and fails the
// job in its last step, from the `exit-code` output. Runs locally too (test/integrations/):
//   INPUT_PATHS=. GITHUB_STEP_SUMMARY=summary.md GITHUB_OUTPUT=out.txt RUNNER_TEMP=/tmp node scripts/github-action.mjs
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'odlint.js');
/** GitHub refuses a job summary over 1 MiB per step. */
const SUMMARY_LIMIT = 1024 * 1024;
const EXTENSIONS = { json: 'json', jsonl: 'jsonl', sarif: 'sarif', junit: 'xml', markdown: 'md', html: 'html', csv: 'csv', gitlab: 'json', stylish: 'txt', github: 'txt' };

const input = (name) => (process.env[`INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`] ?? '').trim();
/** Space-, comma- or newline-separated values of an input. */
const list = (name) => input(name).split(/[\s,]+/).filter(Boolean);

const outDir = path.resolve(input('output-dir') || path.join(process.env.RUNNER_TEMP || '.', 'odlint'));
mkdirSync(outDir, { recursive: true });
const sarif = path.join(outDir, 'odlint.sarif');
const markdown = path.join(outDir, 'odlint.md');

const args = [...(list('paths').length ? list('paths') : ['.'])];
for (const p of list('preset')) args.push('--preset', p);
if (input('config')) args.push('--config', input('config'));
if (input('fail-on')) args.push('--fail-on', input('fail-on'));
if (input('max-warnings')) args.push('--max-warnings', input('max-warnings'));
// Annotations in the log and on the pull request's files, then the reports as files.
args.push('-f', 'github', '-o', '-', '-f', 'sarif', '-o', sarif, '-f', 'markdown', '-o', markdown);
const extra = list('formats').filter((f) => !['sarif', 'markdown', 'github'].includes(f));
for (const f of extra) args.push('-f', f, '-o', path.join(outDir, `odlint.${EXTENSIONS[f] ?? f}`));

const run = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
const code = run.status ?? 2;

const outputs = { 'exit-code': String(code) };
if (code !== 2) {
  outputs.sarif = sarif;
  outputs.markdown = markdown;
  outputs['output-dir'] = outDir;
  if (process.env.GITHUB_STEP_SUMMARY) {
    let text = readFileSync(markdown, 'utf8');
    if (text.length > SUMMARY_LIMIT - 200) {
      text = `${text.slice(0, SUMMARY_LIMIT - 200)}\n\n… the report is cut here (GitHub's job summary limit): the whole Markdown report is in ${markdown}.\n`;
    }
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
  }
} else if (process.env.GITHUB_STEP_SUMMARY) {
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## odlint\n\nodlint could not run (usage or config error): see the step log.\n');
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
