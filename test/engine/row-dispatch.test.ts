/**
 * The generated row dispatcher (src/engine/row-dispatch.ts) against its definition, the loop over
 * the hooks: on generated lists of hooks (0 to 40), some of which throw on some rows, and a
 * `failed` that switches hooks off (as the engine does), every call — which hook, its `this`, its
 * arguments — and every failure must come in the same order. Where code cannot be made from
 * strings, the built CLI reads data files through the loop, with the same report.
 */
import path from 'node:path';
import { execa } from 'execa';
import { describe, it, expect } from 'vitest';
import { rowDispatcher, rowLoop, type RowDispatch, type RowFailed, type RowFn } from '../../src/engine/row-dispatch.js';
import type { RowContext, TableInfo } from '../../src/model/index.js';
import { prng } from '../helpers/prng.js';
import { FIXTURES, ROOT } from '../helpers/lint.js';

const table = { path: 'x.csv' } as TableInfo;

/** `count` hooks, each throwing on the rows `throwsOn` says; what they and `failed` do goes to `trace`. */
function hooks(count: number, throwsOn: (hook: number, row: number) => boolean, trace: unknown[]) {
  const owners = Array.from({ length: count }, (_, i) => ({ name: `rule ${i}` }));
  const fns: RowFn[] = owners.map((_, i) =>
    function (this: unknown, cells: string[], ctx: RowContext) {
      trace.push(['call', i, (this as { name: string }).name, cells.join('|'), ctx.row]);
      if (throwsOn(i, ctx.row)) throw new Error(`hook ${i} row ${ctx.row}`);
      return i % 3 === 0 ? false : undefined;
    },
  );
  return { owners, fns };
}

/** The rows of a table through `make`, with hooks switched off when they throw (the engine's way). */
function run(make: typeof rowDispatcher, count: number, rows: number, throwsOn: (hook: number, row: number) => boolean): unknown[] {
  const trace: unknown[] = [];
  const all = hooks(count, throwsOn, trace);
  let on = all.fns.map((_, i) => i);
  let dispatch: RowDispatch;
  const list = () => {
    const kept = on;
    const failed: RowFailed = (i, err, ctx) => {
      trace.push(['failed', i, kept[i], (err as Error).message, ctx.row]);
      on = on.filter((h) => h !== kept[i]);
      list();
    };
    dispatch = make(
      kept.map((h) => all.fns[h]!),
      kept.map((h) => all.owners[h]),
      failed,
    );
  };
  list();
  for (let row = 1; row <= rows; row++) dispatch!([`a${row}`, `b${row}`], { row, line: row, table });
  return trace;
}

describe('rowDispatcher', () => {
  it('calls the hooks as the loop over them does, on generated lists, some hooks throwing', () => {
    const random = prng(11);
    for (let k = 0; k < 200; k++) {
      const count = k < 41 ? k : Math.floor(random() * 12);
      const rows = 1 + Math.floor(random() * 20);
      const bad = new Set<string>();
      for (let i = 0; i < count; i++) if (random() < 0.3) bad.add(`${i} ${1 + Math.floor(random() * rows)}`);
      // Sometimes every hook throws on the same row: each failure re-makes the dispatcher mid-row.
      if (random() < 0.1) for (let i = 0; i < count; i++) bad.add(`${i} 1`);
      const throwsOn = (hook: number, row: number) => bad.has(`${hook} ${row}`);
      expect(run(rowDispatcher, count, rows, throwsOn), `${count} hooks, ${rows} rows`).toEqual(run(rowLoop, count, rows, throwsOn));
    }
  });

  it('keeps apart dispatchers made from the same template', () => {
    const seen: string[] = [];
    const fail: RowFailed = () => {};
    const a = rowDispatcher([() => void seen.push('a0'), () => void seen.push('a1')], [{}, {}], fail);
    const b = rowDispatcher([() => void seen.push('b0'), () => void seen.push('b1')], [{}, {}], fail);
    const ctx = { row: 1, line: 1, table };
    a([], ctx);
    b([], ctx);
    a([], ctx);
    expect(seen).toEqual(['a0', 'a1', 'b0', 'b1', 'a0', 'a1']);
  });
});

describe('where code cannot be made from strings', () => {
  it('reads the data files as anywhere else (the loop calls the hooks): same report bytes', async () => {
    const bin = path.join(ROOT, 'bin', 'odlint.js');
    const args = [bin, path.join(FIXTURES, 'data', 'rows'), path.join(FIXTURES, 'data', 'values'), '-p', 'strict', '-f', 'json', '--fail-on', 'never'];
    const plain = await execa('node', args, { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    const refused = await execa('node', ['--disallow-code-generation-from-strings', ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    expect(plain.exitCode).toBe(0);
    expect(refused.stdout).toContain('"ruleId": "data/');
    expect(refused.stdout).not.toContain('core/data-unreadable');
    expect(refused.stdout).toBe(plain.stdout);
  }, 60_000);
});
