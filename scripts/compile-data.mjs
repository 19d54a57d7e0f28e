#!/usr/bin/env node
// Build step: compile the YAML knowledge and preset files to JSON under dist/data/, so a run
// parses JSON (fast) instead of loading the YAML parser at start-up. src/util/data-file.ts reads
// them, and falls back to the YAML source when it is newer (editing under vitest). It also writes
// the rule manifest (dist/data/rules.json).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let count = 0;
for (const folder of ['schemas', 'presets']) {
  for (const name of readdirSync(path.join(root, folder))) {
    if (!/\.ya?ml$/.test(name)) continue;
    const out = path.join(root, 'dist', 'data', folder, name.replace(/\.ya?ml$/, '.json'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(parse(readFileSync(path.join(root, folder, name), 'utf8'))));
    count++;
  }
}
console.log(`compile-data: ${count} YAML files → dist/data/`);

// The rule manifest: every built-in rule's meta, so that a run resolves its config without
// importing any rule and then imports only the rules it enables (src/engine/registry.ts).
const { builtinRegistry } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'engine', 'registry.js')).href);
const rules = await builtinRegistry.buildManifest();
writeFileSync(builtinRegistry.manifestFile, JSON.stringify({ rules }));
console.log(`compile-data: ${rules.length} rule metas → ${path.relative(root, builtinRegistry.manifestFile)}`);
