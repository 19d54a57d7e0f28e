import { appendFileSync } from 'node:fs';

let thread = 0;

/** Receives the id of the thread that registered the hooks (see import-trace.mjs). */
export function initialize(data) {
  thread = data?.thread ?? 0;
}

/** Module resolution hook: records each resolved URL (see import-trace.mjs). */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const prefix = process.env.ODLINT_IMPORT_TRACE_THREADS === '1' ? `${thread}\t` : '';
  if (process.env.ODLINT_IMPORT_TRACE) appendFileSync(process.env.ODLINT_IMPORT_TRACE, `${prefix}${result.url}\n`);
  return result;
}
