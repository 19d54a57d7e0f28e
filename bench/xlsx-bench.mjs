#!/usr/bin/env node
/**
 * `npm run bench -- xlsx [rows]`: the spreadsheet reader's benchmark. Writes (once) an XLSX of
 * `rows` rows (default 200 000) × 10 mixed columns into bench/out/ with exceljs's streaming
 * writer, then times on it:
 *   (a) exceljs's streaming WorkbookReader counting rows (the usual Node XLSX reader: a baseline);
 *   (b) `node bin/odlint.js` with the data and format rules (other families off);
 *   (c) `node bin/odlint.js -p strict` (every rule: personal data, gender...).
 * Prints throughput in rows/s and MiB of XLSX per second, and each process's peak RSS. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { timedRun } from './timed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200_000);
const MiB = 1024 * 1024;
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `bench-${rows}.xlsx`);

if (!existsSync(file)) {
  process.stdout.write(`generating ${path.relative(root, file)} (${rows} rows)... `);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'name', 'email', 'commune', 'sex', 'birth_year', 'amount', 'rate', 'opened', 'active']).commit();
  const communes = ['Anderlecht', 'Bruxelles', 'Ixelles', 'Liège', 'Namur', 'Gent', 'Antwerpen', 'Brugge'];
  for (let i = 1; i <= rows; i++) {
    const c = communes[i % communes.length];
    ws.addRow([i, `person ${i % 9973}`, `user${i % 9973}@example.be`, c, i % 2 ? 'F' : 'M', 1940 + (i % 70), (i * 37) % 100000 / 100, (i % 1000) / 1000, new Date(Date.UTC(2000 + (i % 24), i % 12, 1 + (i % 28))), i % 5 !== 0]).commit();
  }
  ws.commit();
  await wb.commit();
  console.log('done');
}
const size = statSync(file).size;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
const timed = (args) => timedRun(outDir, null, args);

const baseline = timed(['-e', `
  import('exceljs').then(async ({ default: ExcelJS }) => {
    let n = 0;
    for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(${JSON.stringify(file)}, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' })) for await (const _ of ws) n++;
    console.log(n);
  });`]);
if (baseline.status !== 0) throw new Error(`exceljs failed: ${baseline.stderr}`);
const odlint = path.join(root, 'bin', 'odlint.js');
const report = path.join(outDir, 'odlint-xlsx-report.json');
const rules = JSON.parse(spawnSync(process.execPath, [odlint, 'rules', '--json'], { encoding: 'utf8', maxBuffer: 16 * MiB }).stdout);
const otherFamiliesOff = rules.filter((r) => !['data', 'format', 'core'].includes(r.family)).flatMap((r) => ['--rule', `${r.id}=off`]);
const run = (extra) => {
  const r = timed([odlint, file, '-p', 'strict', ...extra, '-f', 'json', '-o', report, '--fail-on', 'never']);
  if (r.status !== 0) throw new Error(`odlint failed (exit ${r.status}): ${r.stderr}`);
  return { ...r, summary: JSON.parse(readFileSync(report, 'utf8')).summary };
};
const data = run(otherFamiliesOff);
const strict = run([]);
const loadAfter = load();

const line = (name, r) =>
  `| ${name} | ${r.seconds.toFixed(2)} s | ${Math.round(rows / r.seconds)} rows/s | ${(size / MiB / r.seconds).toFixed(2)} MiB/s | ${r.cpuSeconds.toFixed(2)} s | ${r.rssMiB.toFixed(0)} MiB |`;
console.log(`\nfile: ${path.relative(root, file)}, ${(size / MiB).toFixed(1)} MiB, ${baseline.stdout.trim()} rows (header included)`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}\n`);
console.log('| run | wall time | rows | XLSX | CPU time | peak RSS |');
console.log('|---|---|---|---|---|---|');
console.log(line('exceljs streaming WorkbookReader (count rows)', baseline));
console.log(line('odlint, data and format rules', data));
console.log(line('odlint -p strict (all rules)', strict));
console.log(`\nfindings: data rules ${data.summary.errors + data.summary.warnings + data.summary.infos}, strict ${strict.summary.errors + strict.summary.warnings + strict.summary.infos}`);
