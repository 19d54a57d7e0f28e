import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';

interface PackageJson {
  version: string;
  license: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
}
interface LockEntry {
  dev?: boolean;
  link?: boolean;
}

/**
 * The package as users get it: `npm pack` (dist/ is already built by `npm test`; the pack step
 * would run `prepare` = build otherwise), then installed from the tarball into an empty folder
 * with no network: `npm ci --offline` with a lock file that pins odlint's production dependencies
 * as package-lock.json does, so every tarball comes from the npm cache `npm ci` filled. Install
 * scripts run, so a build at install time would fail here (no TypeScript in a user's install).
 */
describe('npm package', () => {
  it('packs, installs offline from the tarball and runs `odlint --version`, a lint and the API', { timeout: 300_000 }, async () => {
    expect(existsSync(path.join(ROOT, 'dist', 'src', 'index.js')), 'dist/ is built by `npm test` (npm run build)').toBe(true);
    const work = mkdtempSync(path.join(os.tmpdir(), 'odlint-pack-'));
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    for (const f of ['bin/odlint.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/pipeline/worker.js', 'dist/rules/licence.js', 'dist/data/schemas/licences.json', 'dist/data/rules.json', 'schemas/config.schema.json', 'presets/brussels.yaml', 'rules/licence/licence-missing.md', 'LICENSE', 'NOTICE', 'README.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('dist/chunks/')).length, 'the bundle’s shared chunks (scripts/bundle.mjs)').toBeGreaterThan(0);
    expect(files.filter((f) => /^(src|test|fixtures|examples|bench)\//.test(f) || f.endsWith('.map'))).toEqual([]);

    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const tarball = `file:${info!.filename}`;
    const integrity = `sha512-${createHash('sha512').update(readFileSync(path.join(work, info!.filename))).digest('base64')}`;
    const packages: Record<string, unknown> = {
      '': { name: 'odlint-user', dependencies: { odlint: tarball } },
      'node_modules/odlint': { version: pkg.version, resolved: tarball, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
    };
    for (const [key, entry] of Object.entries(lock.packages)) if (key.startsWith('node_modules/') && !entry.dev && !entry.link) packages[key] = entry;
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'odlint-user', private: true, type: 'module', dependencies: { odlint: tarball } }));
    writeFileSync(path.join(work, 'package-lock.json'), JSON.stringify({ name: 'odlint-user', lockfileVersion: 3, requires: true, packages }));
    await execa('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: work });
    // Only production dependencies: a dev dependency the code needed would fail below.
    expect(existsSync(path.join(work, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(path.join(work, 'node_modules', 'typescript'))).toBe(false);

    const odlint = (args: string[]) => execa(path.join(work, 'node_modules', '.bin', 'odlint'), args, { cwd: work, reject: false, env: { NO_COLOR: '1' } });
    expect((await odlint(['--version'])).stdout).toBe(pkg.version);
    cpSync(path.join(ROOT, 'fixtures', 'odlint', 'bad'), path.join(work, 'bad'), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures', 'ckan', 'bad'), path.join(work, 'ckan'), { recursive: true });
    const run = await odlint(['bad', 'ckan', '-f', 'json', '--jobs', '2']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { datasets: { source: { file: string }; findings: { ruleId: string }[] }[] };
    expect(report.datasets.map((d) => d.source.file)).toEqual(['bad/dataset.yaml', 'ckan/package.json']);
    expect(report.datasets[0]!.findings.map((f) => f.ruleId)).toContain('licence/licence-missing');

    // The programmatic API, imported by its package name.
    const api = await execa('node', ['--input-type=module', '-e', "import { lint, formatters } from 'odlint'; process.stdout.write(await formatters.format('json', await lint(['bad'])));"], { cwd: work });
    expect(JSON.parse(api.stdout)).toEqual(JSON.parse((await odlint(['bad', '-f', 'json'])).stdout));
  });
});
