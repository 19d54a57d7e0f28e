import { appendFileSync } from 'node:fs';

/** Module resolution hook: records each resolved URL (see import-trace.mjs). */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.ODLINT_IMPORT_TRACE) appendFileSync(process.env.ODLINT_IMPORT_TRACE, `${result.url}\n`);
  return result;
}
