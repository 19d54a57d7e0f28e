import { SyntaxProblem } from './parse.js';

/**
 * Interim: a limit hit while reading RDF, until the shared limits module (`core/limit-exceeded`)
 * is on main; reported as a parse error meanwhile. Same constructor as the shared class.
 */
export class LimitExceeded extends SyntaxProblem {
  constructor(
    readonly limit: 'depth' | 'parseErrors',
    readonly max: number,
    where: { line?: number; column?: number } = {},
    readonly extra: Record<string, string | number> = {},
  ) {
    super(limit === 'depth' ? `nested deeper than ${max} levels: the file was not read` : `more than ${max} syntax errors, parsing gave up; the first: ${String(extra.first)}`, where.line ?? 1, where.column ?? 1);
  }
}

/** Default limits for RDF files. */
export const RDF_LIMITS = { depth: 256, parseErrors: 100 };
