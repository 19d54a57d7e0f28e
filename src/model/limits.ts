/**
 * Resource limits: how much of a hostile or broken input odlint is willing to process. Every
 * limit hit becomes a `core/limit-exceeded` finding on the file (never a crash, never exit 2);
 * the other inputs of the run are still linted. Defaults are far above any real descriptor or
 * data file; the config file's `limits:` section changes them (docs/limits.md).
 */
export interface Limits {
  /** Nesting depth of JSON and YAML documents (descriptors and JSON data files), JSON-LD and RDF/XML. */
  depth: number;
  /** YAML alias expansions (`*anchor` references, weighted by the aliases they contain), in the loader and the `--fix` fixer alike. */
  yamlAliases: number;
  /** Syntax errors a parser may run into in one file before it gives up on it. */
  parseErrors: number;
  /** Size of a descriptor file, in bytes: larger ones are not read. */
  descriptorBytes: number;
  /** Columns of a table's header. */
  columns: number;
  /** Cells of any one record of a data file. */
  cellsPerRow: number;
  /** Characters of one record of a data file (an unclosed quote swallowing the file, usually). */
  recordChars: number;
  /** Seconds spent on one file (loading a descriptor, or reading a data file and running the rules on its rows). */
  secondsPerFile: number;
  /** Entries of one ZIP archive (nested archives count their own). */
  archiveEntries: number;
  /** Bytes decompressed from one archive, nested archives included (a zip bomb's payload). */
  archiveBytes: number;
  /** Decompressed-to-compressed size ratio of one archive entry (past 1 MiB decompressed). */
  archiveRatio: number;
  /** Archives inside archives: how deep nested ZIP files are opened. */
  archiveDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  depth: 256,
  yamlAliases: 1000,
  parseErrors: 100,
  descriptorBytes: 128 * 1024 * 1024,
  columns: 10_000,
  cellsPerRow: 100_000,
  recordChars: 8 * 1024 * 1024,
  secondsPerFile: 300,
  archiveEntries: 10_000,
  archiveBytes: 4 * 1024 * 1024 * 1024,
  archiveRatio: 200,
  archiveDepth: 2,
});

export type LimitName = keyof Limits;

/** Where in the file a limit was hit (1-based; whichever the parser or reader knows). */
export interface LimitPosition {
  line?: number;
  column?: number;
  row?: number;
}

/**
 * A limit was hit while loading or reading a file. Thrown by parsers and readers, caught by the
 * engine, reported as `core/limit-exceeded` with the limit's name as message id.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    /** The configured maximum. */
    readonly max: number,
    readonly where: LimitPosition = {},
    /** More message data (what was found: a count, a size, the first syntax error...). */
    readonly extra: Record<string, number | string> = {},
  ) {
    super(`the file goes beyond limits.${limit} (${max})`);
  }

  /** Message data of the `core/limit-exceeded` finding (its message id is the limit's name). */
  get data(): Record<string, number | string> {
    return { max: this.max, ...this.extra };
  }
}

/** The limits of a run: the defaults with the config file's `limits:` values over them. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** The per-file clock (the watchdog of `secondsPerFile`). */
export interface FileClock {
  /** Throws `LimitExceeded` once the file's time is up. */
  check(where?: LimitPosition): void;
}

/**
 * Starts a file's clock. Readers call `check()` between chunks and the engine every 64 rows, so
 * a file that takes too long is abandoned at the next check and the run goes on.
 */
export function fileClock(limits: Limits): FileClock {
  const deadline = performance.now() + limits.secondsPerFile * 1000;
  return {
    check(where = {}) {
      if (performance.now() > deadline) throw new LimitExceeded('secondsPerFile', limits.secondsPerFile, where);
    },
  };
}
