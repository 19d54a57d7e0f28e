import type { CatalogueFacts } from '../engine/catalogue.js';
import type { DatasetReport, FileReport, Report, ReportSummary } from '../model/index.js';
import type { RuleMeta } from '../engine/rule-api.js';

export interface FormatContext {
  /** Colours allowed (TTY and not --no-color). */
  color: boolean;
  /** Only errors (--quiet). */
  quiet: boolean;
  /** Metadata of every known rule (for formats that describe rules, e.g. SARIF). */
  rules: Map<string, RuleMeta>;
  cwd: string;
  /**
   * `--base-path` (absolute): the folder that paths for code hosts (SARIF, GitHub annotations,
   * GitLab, JUnit) are made relative to, e.g. the repository root; absent: the working directory.
   */
  basePath?: string;
  /** `--csv-bom`: CSV reports start with a UTF-8 byte-order mark, for Excel. */
  csvBom?: boolean;
}

/** What a streaming formatter is opened with: the context, the tool version and (jsonl) the shard. */
export interface OpenContext extends FormatContext {
  version: string;
  shard?: { index: number; total: number };
  /** When the run happened, to the minute (`2026-12-04T23:40:00Z`), for reports that show it. */
  date?: string;
  /** The absolute path of the report file (`-o`), for formats that write a companion file beside it. */
  outputFile?: string;
  /** Options of the scorecard formats (`html`, `scorecard-csv`). */
  scorecard?: ScorecardOptions;
}

export interface ScorecardOptions {
  /** `--compare`: earlier reports, oldest first. */
  compare?: { file: string; shown: string }[];
  /** Bytes of per-dataset finding details the HTML page embeds; above, they go to a sidecar JSONL. */
  inlineLimit?: number;
  /** Licence of the `scorecard-csv` data package (SPDX id). */
  dataLicence?: string;
  /** Publisher and contact (e-mail or URL) of the `scorecard-csv` data package. */
  dataPublisher?: string;
  dataContact?: string;
}

/** Where in the run an item sits (unit, item): only `jsonl` writes it, so parts can be merged. */
export type ItemSeq = [number, number];

/**
 * One report being written: the pipeline hands it each dataset as soon as it is checked, then
 * the findings about files, then the summary. A session keeps compact aggregates, never the
 * datasets; what must come before the datasets in the document is spilled to a temporary file.
 */
export interface FormatSession {
  dataset(d: DatasetReport, seq: ItemSeq): void;
  /**
   * A dataset given as its report's JSON text (`JSON.stringify(d)`), by a format that writes that
   * text as it is (src/pipeline/unit.ts PackedDataset); formats without it get the parsed report.
   */
  datasetJson?(json: string, seq: ItemSeq): void;
  file(f: FileReport, seq: ItemSeq): void;
  /** A shard's catalogue summaries (only formats that shards exchange keep them: jsonl). */
  catalogue?(facts: CatalogueFacts): void;
  end(summary: ReportSummary): void;
}

/**
 * A formatter: one file in `src/reporters/`, default-exported, discovered by name — adding a
 * format is adding a file. `open` is the streaming form; `format` renders a whole report (the
 * same bytes).
 */
export interface Formatter {
  name: string;
  description: string;
  /** File extension for `-o` defaults and docs. */
  extension: string;
  open(context: OpenContext, write: (chunk: string) => void): FormatSession;
  format(report: Report, context: FormatContext): string;
}

/** A formatter from its streaming form: `format` replays a whole report through a session. */
export function defineFormatter(f: Omit<Formatter, 'format'>): Formatter {
  return {
    ...f,
    format(report, context) {
      const out: string[] = [];
      const session = f.open({ ...context, version: report.tool.version }, (s) => out.push(s));
      report.datasets.forEach((d, i) => session.dataset(d, [0, i]));
      report.files.forEach((x, i) => session.file(x, [1, i]));
      session.end(report.summary);
      return out.join('');
    },
  };
}
