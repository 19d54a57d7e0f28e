import type { DescriptorFormat } from './dataset.js';
import type { Finding } from './finding.js';

/** Versioned JSON report (schemas/report.schema.json). Reporters render this. */
export interface Report {
  tool: { name: 'odlint'; version: string };
  schemaVersion: 1;
  datasets: DatasetReport[];
  /** Findings about files that yielded no dataset (parse errors, unknown formats). */
  files: FileReport[];
  summary: ReportSummary;
}

export interface DatasetReport {
  id: string;
  title?: string;
  source: { format: DescriptorFormat; file: string; pointer?: string };
  publisher?: string;
  /** Gender-mainstreaming flags as declared (and detected, when data rules ran). */
  flags?: { concernsIndividuals?: boolean; sexDisaggregated?: boolean; genderStatistics?: boolean };
  score?: DatasetScore;
  findings: Finding[];
}

export interface DatasetScore {
  odlint?: number;
  mqa?: { points: number; rating: string; dimensions: Record<string, number> };
  udata?: number;
  stars?: number;
  [key: string]: unknown;
}

export interface FileReport {
  file: string;
  findings: Finding[];
}

export interface ReportSummary {
  datasets: number;
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  [key: string]: unknown;
}
