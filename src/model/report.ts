import type { DescriptorFormat } from './dataset.js';
import type { Finding } from './finding.js';

/** Versioned JSON report (schemas/report.schema.json). Reporters render this. */
export interface Report {
  tool: { name: 'odlint'; version: string };
  schemaVersion: 1;
  datasets: DatasetReport[];
  /** Findings about files rather than datasets: files that yielded no dataset (parse errors, unknown formats), and errors a parser read around in a file that loaded. */
  files: FileReport[];
  summary: ReportSummary;
}

export interface DatasetReport {
  id: string;
  title?: string;
  source: { format: DescriptorFormat; file: string; pointer?: string };
  publisher?: string;
  /** The dataset's licence as normalised (SPDX id, else CKAN id, else as written), its openness, and whether it is a placeholder naming none (`notspecified`). */
  licence?: { id: string; openness: 'open' | 'not-open' | 'unknown'; placeholder?: true };
  /** The distinct formats of its distributions (format ids of schemas/formats.yaml). */
  formats?: string[];
  /** Its page on the portal or publisher's site (dcat:landingPage), when the descriptor gives one. */
  landingPage?: string;
  /** Gender-mainstreaming flags as declared (and detected, when data rules ran). */
  flags?: { concernsIndividuals?: boolean; sexDisaggregated?: boolean; genderStatistics?: boolean };
  score?: DatasetScore;
  /** Gender-mainstreaming view of the dataset (declared flags, detections); see docs/gender.md. */
  gender?: GenderReport;
  findings: Finding[];
}

/** Declared flags (model or portal fields) and what the data files show. */
export interface GenderReport {
  declared: { concernsIndividuals?: boolean; sexDisaggregated?: boolean; genderStatistics?: boolean };
  /** `tables`: data files read; the booleans only mean something when `tables` > 0. */
  detected: { tables: number; concernsIndividuals: boolean; sexDisaggregated: boolean };
  sexColumns: { file: string; sheet?: string; column: string; scheme: string; schemeLabel: string; basis: string; categories?: Record<string, string> }[];
  sexColumnGroups: { file: string; sheet?: string; male: string[]; female: string[]; total: string[]; layouts?: string[] }[];
  personCounts: { file: string; sheet?: string; column: string; term: string; basis: string; row?: number }[];
  personAttributes: { file: string; sheet?: string; column: string; kind: string }[];
}

/** Catalogue view: the share of datasets concerning individuals that are sex-disaggregated. */
export interface GenderSummary {
  concernsIndividuals: number;
  sexDisaggregated: number;
  /** sexDisaggregated / concernsIndividuals, null when no dataset concerns individuals. */
  share: number | null;
}

/** Scores of one dataset (src/score/, docs/scores.md). */
export interface DatasetScore {
  /** odlint's own 0–100 score from the dataset's findings. */
  odlint?: number;
  /** data.europa.eu MQA points (0–405) per dimension and indicator. */
  mqa?: {
    points: number;
    max?: number;
    rating: string;
    dimensions: Record<string, { points: number; max: number; indicators: Record<string, number | 'not checked'> }>;
    /** Reachability indicators left unchecked (odlint ran without `--online`). */
    notChecked?: string[];
    bestDistribution?: number;
    /** 405 minus the points of the unchecked indicators: 325 offline, below "excellent". */
    maxChecked?: number;
  };
  /** udata quality score, 0–1, and its nine criteria under udata's names. */
  udata?: number;
  udataCriteria?: Record<string, boolean>;
  /** ckanext-qa five-star openness (0–5) of the best resource, and why. */
  stars?: number;
  starsReason?: string;
  [key: string]: unknown;
}

export interface FileReport {
  file: string;
  findings: Finding[];
}

/**
 * What became of every input file (src/engine/inventory.ts): loaded (with the datasets it gave),
 * skipped in a folder walk (not a descriptor) or failed (a finding says why), counted by the
 * format detected (descriptor format, data format, or the format of the file's name).
 */
export interface InventorySummary {
  loaded: { files: number; datasets: number; byFormat: Record<string, number> };
  skipped: { files: number; byFormat: Record<string, number> };
  failed: { files: number; byFormat: Record<string, number> };
}

/** A portal harvested (or a snapshot replayed) in the run: what it announced against what was linted. */
export interface HarvestSummary {
  url: string;
  kind: string;
  announced?: number;
  harvested: number;
  linted: number;
  pages: number;
  failedPages: number;
}

export interface ReportSummary {
  datasets: number;
  files: number;
  /** Present when the report comes from a lint run (not from merged parts without one). */
  inventory?: InventorySummary;
  errors: number;
  warnings: number;
  infos: number;
  gender?: GenderSummary;
  /** One entry per portal harvested or snapshot replayed (docs/harvest.md). */
  harvest?: HarvestSummary[];
  [key: string]: unknown;
}
