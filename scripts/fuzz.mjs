#!/usr/bin/env node
// `npm run fuzz -- --minutes 30`: the long fuzz run of test/fuzz/campaign.ts (TypeScript, run
// through vite-node, which comes with vitest). Options: --minutes N, --batch N, --seed N.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const viteNode = path.join(path.dirname(require.resolve('vite-node/package.json')), 'vite-node.mjs');
const r = spawnSync(process.execPath, [viteNode, path.join(root, 'test', 'fuzz', 'campaign.ts'), '--', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 2);
