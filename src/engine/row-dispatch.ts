import type { RowContext } from '../model/index.js';

/** A rule's row hook, called with its hooks object as `this`. */
export type RowFn = (this: unknown, cells: string[], ctx: RowContext) => unknown;

/** What a dispatcher does when hook `index` throws: the hooks after it still get the row. */
export type RowFailed = (index: number, err: unknown, ctx: RowContext) => void;

/** Calls every row hook of a table on one row, in order. */
export type RowDispatch = (cells: string[], ctx: RowContext) => void;

/** The dispatchers' makers, by number of hooks (made once each: see `rowDispatcher`). */
const makers = new Map<number, (...args: unknown[]) => RowDispatch>();
/** Code made from strings was refused here (`dispatcherMaker`): every dispatcher is the loop. */
let refused = false;

/**
 * A function calling `fns[i]` with `this` = `owners[i]` for each i in order, each call in a
 * `try` whose error goes to `failed(i, …)` — what a loop over the hooks does, with one call site
 * per hook instead of one site that sees them all. A site that sees one function lets V8 inline
 * it (most row hooks are a test and a return); the loop's site saw every rule, a generic call per
 * rule and row (~3 % of the instructions of the 200 MB bench file's rows: docs/performance.md,
 * fourteenth pass). The code is made from a template of the hooks' count only: no rule's text or
 * name goes into it.
 */
export function rowDispatcher(fns: readonly RowFn[], owners: readonly unknown[], failed: RowFailed): RowDispatch {
  const n = fns.length;
  let make = makers.get(n);
  if (!make) {
    // Code made from strings may be refused (`node --disallow-code-generation-from-strings`, a
    // hardened host): the loop then, same calls.
    const made = refused ? undefined : dispatcherMaker(n);
    if (!made) {
      refused = true;
      return rowLoop(fns, owners, failed);
    }
    make = made;
    makers.set(n, make);
  }
  const args: unknown[] = [];
  for (let i = 0; i < n; i++) args.push(fns[i], owners[i]);
  args.push(failed);
  return make(...args);
}

/** The maker of dispatchers of `n` hooks; undefined when code cannot be made from strings here. */
function dispatcherMaker(n: number): ((...args: unknown[]) => RowDispatch) | undefined {
  const params: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i < n; i++) {
    params.push(`f${i}`, `h${i}`);
    calls.push(`try { f${i}.call(h${i}, cells, ctx); } catch (err) { failed(${i}, err, ctx); }`);
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a template of numbered calls (see rowDispatcher)
    return new Function(...params, 'failed', `'use strict';\nreturn function dispatchRow(cells, ctx) {\n${calls.join('\n')}\n};`) as (...args: unknown[]) => RowDispatch;
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

/** `rowDispatcher`'s definition: the loop it stands for (tests compare the two). */
export function rowLoop(fns: readonly RowFn[], owners: readonly unknown[], failed: RowFailed): RowDispatch {
  return (cells, ctx) => {
    for (let i = 0; i < fns.length; i++) {
      try {
        fns[i]!.call(owners[i], cells, ctx);
      } catch (err) {
        failed(i, err, ctx);
      }
    }
  };
}
