// The plugin's own tests, as a plugin author writes them: lint fixture descriptors with odlint's
// programmatic API and assert the exact findings (rule id, message id, severity, location).
// Run in a plugin's repository with `npx vitest run` (odlint and vitest as devDependencies).
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'odlint';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const brief = (f) => ({ ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, location: f.location });

describe('odlint-plugin-example', () => {
  it('reports a title in capitals and a contact address outside the domains (plugin:example/recommended)', async () => {
    const report = await lint(['shouting'], { cwd: fixtures, configFile: 'odlint.config.yaml' });
    const file = 'shouting/dataset.yaml';
    expect(report.datasets.flatMap((d) => d.findings).map(brief)).toEqual([
      { ruleId: 'example/title-all-capitals', messageId: 'capitals', severity: 'info', location: { file, pointer: '/title', line: 2, column: 1 } },
      { ruleId: 'example/contact-email-domain', messageId: 'otherDomain', severity: 'warning', location: { file, pointer: '/contactPoint/email', line: 7, column: 3 } },
    ]);
    // Personal data never reaches a report: odlint masks the address in the message.
    expect(report.datasets[0].findings[1].message).toBe('the contact e-mail j***@***.com is not in example.org');
  });

  it('finds nothing in a dataset that follows the rules', async () => {
    const report = await lint(['good'], { cwd: fixtures, configFile: 'odlint.config.yaml' });
    expect(report.summary).toMatchObject({ datasets: 1, errors: 0, warnings: 0, infos: 0 });
  });

  it('takes the domains as an option, validated by the rule schema', async () => {
    const report = await lint(['shouting'], { cwd: fixtures, configFile: 'odlint.config.yaml', rules: ['example/title-all-capitals=off'] });
    expect(report.datasets[0].findings.map((f) => f.ruleId)).toEqual(['example/contact-email-domain']);
    await expect(lint(['good'], { cwd: fixtures, configFile: 'bad-options.yaml' })).rejects.toThrow(
      'bad-options.yaml at /options/example~1contact-email-domain: rule example/contact-email-domain option domains: must NOT have fewer than 1 items',
    );
  });
});
