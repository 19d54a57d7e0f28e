import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/lint.js';

describe('type declarations', () => {
  it("type-check the example plugin against the shipped d.ts (import('odlint') as users resolve it)", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-types-'));
    const example = path.join(ROOT, 'examples', 'plugin');
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          allowJs: true,
          checkJs: true,
          noEmit: true,
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          paths: { odlint: [path.join(ROOT, 'dist', 'src', 'index.d.ts')] },
        },
        files: [path.join(example, 'index.js'), path.join(example, 'rules', 'contact-email-domain.js'), path.join(example, 'rules', 'title-all-capitals.js')],
      }),
    );
    const tsc = await execa('node', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, reject: false });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.exitCode).toBe(0);
  });
});
