import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { tempProject, configErrorOf } from '../helpers/project.js';
import { ROOT, allFindings, brief, lintReport } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

const EXAMPLE = path.join(ROOT, 'examples', 'plugin');
const BIN = path.join(ROOT, 'bin', 'odlint.js');

const project = (files: Record<string, string>) => tempProject(files, 'odlint-plugins-');

const configError = configErrorOf;

const SHOUTING = ['title: OPEN DATA PORTAL USAGE', 'contactPoint:', '  email: someone@mail.example.com', 'licence: CC-BY-4.0', ''].join('\n');

describe('plugins', () => {
  it('loads a plugin by package name from node_modules above the config, namespaced, with its preset', async () => {
    const dir = project({
      'odlint.config.yaml': 'plugins: [odlint-plugin-example]\nextends: [plugin:example/recommended]\n',
      'd/dataset.yaml': SHOUTING,
    });
    cpSync(EXAMPLE, path.join(dir, 'node_modules', 'odlint-plugin-example'), { recursive: true });
    const report = await lintReport(['d'], { cwd: dir, configFile: 'odlint.config.yaml' });
    expect(allFindings(report).map(brief)).toEqual([
      { ruleId: 'example/title-all-capitals', messageId: 'capitals', severity: 'info', location: { file: 'd/dataset.yaml', pointer: '/title', line: 1, column: 1 } },
      { ruleId: 'example/contact-email-domain', messageId: 'otherDomain', severity: 'warning', location: { file: 'd/dataset.yaml', pointer: '/contactPoint/email', line: 3, column: 3 } },
    ]);
    // The address is masked like any personal data in a message.
    expect(allFindings(report)[1]!.message).toBe('the contact e-mail s***@***.com is not in example.org');
    const config = await loadConfig({ cwd: dir });
    expect(config.plugins).toEqual([{ namespace: 'example', spec: 'odlint-plugin-example', file: path.join(dir, 'node_modules', 'odlint-plugin-example', 'index.js'), version: '1.0.0', hash: expect.stringMatching(/^[0-9a-f]{40}$/) }]);
    expect(config.rules.get('example/title-all-capitals')?.meta.family).toBe('example');
  });

  it('resolves a local plugin relative to the config file, and `rules:` sets its rules like built-in ones', async () => {
    const dir = project({
      'config/odlint.config.yaml': [
        'plugins: [./local-rules.js]',
        'rules:',
        '  local-rules/no-draft: error',
        '  metadata/title-missing: "off"',
      ].join('\n'),
      'config/local-rules.js': [
        'export const rules = {',
        "  'no-draft': {",
        "    meta: { description: 'Draft title', severity: 'warning', messages: { draft: 'draft: {{title}}' } },",
        '    create(context) {',
        '      return { dataset(ds) { if (/draft/i.test(ds.title?.[""] ?? "")) context.report({ messageId: "draft", data: { title: ds.title[""] }, location: ds.locations.title }); } };',
        '    },',
        '  },',
        '};',
      ].join('\n'),
      'dataset.yaml': 'title: Draft budget\nlicence: CC-BY-4.0\n',
    });
    const report = await lintReport(['dataset.yaml'], { cwd: dir, configFile: 'config/odlint.config.yaml' });
    expect(allFindings(report, 'local-rules/no-draft').map(brief)).toEqual([
      { ruleId: 'local-rules/no-draft', messageId: 'draft', severity: 'error', location: { file: 'dataset.yaml', pointer: '/title', line: 1, column: 1 } },
    ]);
  });

  it('leaves plugin rules off unless a plugin preset or the rules enable them (built-in presets do not)', async () => {
    const dir = project({ 'odlint.config.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\nextends: [strict]\n`, 'dataset.yaml': SHOUTING });
    const config = await loadConfig({ cwd: dir });
    expect(config.forFile(path.join(dir, 'dataset.yaml')).get('example/title-all-capitals')?.severity).toBe('off');
    expect(config.forFile(path.join(dir, 'dataset.yaml')).get('metadata/title-missing')?.severity).toBe('error');
  });

  it('reports a rule that throws while checking as core/rule-crashed, and the other rules still run', async () => {
    const dir = project({
      'odlint.config.yaml': 'extends: [recommended]\nplugins: [./crashing.js]\nrules:\n  crashing/boom: error\n',
      'crashing.js': "export default { rules: { boom: { meta: { description: 'x', severity: 'error', messages: {} }, create: () => ({ dataset() { throw new Error('kaboom'); } }) } } };\n",
      'dataset.yaml': 'title: A dataset\nlicence: CC-BY-4.0\n',
    });
    const report = await lintReport(['dataset.yaml'], { cwd: dir, configFile: 'odlint.config.yaml' });
    const crashed = allFindings(report, 'core/rule-crashed');
    expect(crashed.map((f) => [f.message, f.location.file, f.location.pointer])).toEqual([['rule crashing/boom failed on this dataset: kaboom', 'dataset.yaml', '']]);
    expect(allFindings(report, 'metadata/description-missing')).toHaveLength(1);
  });

  it('makes a plugin that cannot be loaded or used a config error naming where it is listed', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'boom.js': "throw new Error('broken at load');\n" }, 'odlint.config.yaml at /plugins/0: plugin "./boom.js" (boom.js) failed to load: broken at load'],
      [{ 'empty.js': 'export const meta = {};\n' }, 'odlint.config.yaml at /plugins/0: plugin "./empty.js" exports no rules (export `rules: { "rule-id": rule }`) (docs/plugins.md)'],
      [{}, 'odlint.config.yaml at /plugins/0: cannot find plugin "odlint-plugin-absent" in node_modules from'],
      [
        { 'licence.js': "export default { meta: { namespace: 'licence' }, rules: { x: { meta: { description: 'x', severity: 'info', messages: {} }, create: () => ({}) } } };\n" },
        'odlint.config.yaml at /plugins/0: plugin "./licence.js" uses the namespace "licence", which is odlint\'s own (docs/plugins.md)',
      ],
      [
        { 'wrong-id.js': "export const rules = { x: { meta: { id: 'other/y', description: 'x', severity: 'info', messages: {} }, create: () => ({}) } };\n" },
        'odlint.config.yaml at /plugins/0: plugin "./wrong-id.js" rule "x" declares the id "other/y" (expected "wrong-id/x" or "x") (docs/plugins.md)',
      ],
    ];
    for (const [files, message] of cases) {
      const spec = Object.keys(files)[0] ? `./${Object.keys(files)[0]}` : 'odlint-plugin-absent';
      const dir = project({ ...files, 'odlint.config.yaml': `plugins: [${spec}]\n` });
      expect((await configError(loadConfig({ cwd: dir }))).message.startsWith(message)).toBe(true);
    }
  });

  it('checks plugin presets against what the plugin offers', async () => {
    const dir = project({ 'odlint.config.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\nextends: [recommended, plugin:example/strictest]\n` });
    expect((await configError(loadConfig({ cwd: dir }))).message).toBe('odlint.config.yaml at /extends/1: plugin example has no preset "strictest" (it has: all, recommended)');
    const other = project({ 'odlint.config.yaml': 'extends: [plugin:example/recommended]\n' });
    expect((await configError(loadConfig({ cwd: other }))).message).toBe(
      'odlint.config.yaml at /extends/0: unknown plugin in preset "plugin:example/recommended" (plugins loaded: none; list it under "plugins")',
    );
  });

  it('runs plugin rules in worker threads (--jobs 2) with the same report as in-process', async () => {
    const dir = project({ 'odlint.config.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\nextends: [recommended, plugin:example/recommended]\n` });
    for (let i = 0; i < 4; i++) writeFileSync(path.join(dir, `d${i}.yaml`), SHOUTING.replace('USAGE', `USAGE ${i}`));
    const run = (jobs: string) => execa('node', [BIN, '-f', 'json', '--jobs', jobs, '.'], { cwd: dir, reject: false });
    const [one, two] = await Promise.all([run('1'), run('2')]);
    expect(two.exitCode).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as Report;
    expect(allFindings(report, 'example/title-all-capitals').map((f) => f.location.file)).toEqual(['d0.yaml', 'd1.yaml', 'd2.yaml', 'd3.yaml']);
  });

  it('keys --cache on the plugins\' code and the policies as written: a change there re-lints', async () => {
    const dir = project({
      'odlint.config.yaml': 'plugins: [./rules.js]\nextends: [plugin:rules/all]\npolicies:\n  - { id: short, select: dataset.title, maxLength: 40, message: "long title" }\n',
      'rules.js': "export const rules = { r: { meta: { description: 'x', severity: 'warning', messages: { m: 'first' } }, create: (c) => ({ dataset(ds) { c.report({ messageId: 'm', location: ds.at }); } }) } };\n",
      'dataset.yaml': SHOUTING,
    });
    const run = async () => {
      const r = await execa('node', [BIN, '--cache', '-f', 'json', 'dataset.yaml'], { cwd: dir, reject: false });
      return allFindings(JSON.parse(r.stdout) as Report).map((f) => `${f.ruleId} ${f.message}`);
    };
    expect(await run()).toEqual(['rules/r first']);
    writeFileSync(path.join(dir, 'rules.js'), readFileSync(path.join(dir, 'rules.js'), 'utf8').replace("'first'", "'second'"));
    expect(await run()).toEqual(['rules/r second']);
    writeFileSync(path.join(dir, 'odlint.config.yaml'), readFileSync(path.join(dir, 'odlint.config.yaml'), 'utf8').replace('maxLength: 40', 'maxLength: 10'));
    expect(await run()).toEqual(['rules/r second', 'policy/short long title']);
  });
});
