/**
 * Where a value came from. Every model value and every finding points back to its source:
 * a descriptor (file + JSON pointer, plus line/column when the parser knows it), an RDF
 * statement (subject IRI + predicate), or a cell of a data file (row + field).
 */
export interface SourceLocation {
  /** Path of the file, as given to odlint (reporters make it relative to the working directory). */
  file: string;
  /** RFC 6901 JSON pointer into the descriptor, e.g. `/result/resources/0/format`. */
  pointer?: string;
  /** 1-based line and column of the value in the file. */
  line?: number;
  column?: number;
  /** 1-based record number in a data file (the header is row 1 when there is one). */
  row?: number;
  /** Column name (or 1-based index as a string when the header has no name) in a data file. */
  field?: string;
  /** Spreadsheets (XLSX, ODS): the sheet's name; `row` is then the sheet's row number. */
  sheet?: string;
  /** Spreadsheets: the cell or range in A1 notation (`B7`, `A1:C1`), when one is meant. */
  cell?: string;
  /** RDF sources: the subject IRI (or blank node id) and predicate IRI that carried the value. */
  subject?: string;
  predicate?: string;
}

/** Turns a JSON pointer into a line/column in its file; loaders provide one per parsed file. */
export type PositionResolver = (pointer: string) => { line: number; column: number } | undefined;

/**
 * Escapes one reference token for use in a JSON pointer (RFC 6901). Loaders make a pointer for
 * every value they read, and almost no key holds `~` or `/`: those are returned as they are.
 */
export function escapePointerToken(token: string | number): string {
  if (typeof token !== 'string') return String(token);
  if (token.indexOf('~') < 0 && token.indexOf('/') < 0) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and tokens: `pointer('/result', 'resources', 0)` → `/result/resources/0`. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  let out = base;
  for (const t of tokens) out += '/' + escapePointerToken(t);
  return out;
}

/** Splits a JSON pointer into its unescaped tokens. */
export function pointerTokens(ptr: string): string[] {
  if (ptr === '') return [];
  const tokens = ptr.slice(1).split('/');
  // Unescaping is only needed when a token has a `~` (the escaped forms all start with one).
  return ptr.indexOf('~') < 0 ? tokens : tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
