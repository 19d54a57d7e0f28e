/**
 * The run's inventory: what became of every input file odlint looked at. Each file ends in
 * exactly one state — loaded (with the number of datasets it gave), skipped (found in a folder
 * walk, not a descriptor: said why) or failed (a finding says why) — so that no file, and no
 * dataset, disappears without a word. Reports show the counts (`summary.inventory`), the stylish
 * footer a sentence, `--verbose` the skipped files one by one.
 */
import path from 'node:path';
import { formatFromPath } from '../knowledge/formats.js';
import type { InventorySummary } from '../model/index.js';
import { isHttpUrl } from '../util/http-url.js';

export type { InventorySummary } from '../model/index.js';

export type FileStatus = 'loaded' | 'skipped' | 'failed';

export interface InventoryEntry {
  /** Absolute path, or the URL a descriptor was fetched from. */
  file: string;
  status: FileStatus;
  /**
   * The detected format: the descriptor format for a loaded descriptor (`ckan`, `dcat-ap`...),
   * the data format for a data file (`csv`), else the format its content or name suggests.
   */
  format: string;
  /** Datasets the file gave (loaded files; 0 for a data file read as a descriptor's distribution). */
  datasets: number;
  /** Why the file was skipped or failed, or how a loaded file was read. */
  reason?: string;
}

/** How a file that gives no dataset of its own is still loaded. */
export const DISTRIBUTION = "read as a descriptor's distribution";

export class Inventory {
  private readonly byFile = new Map<string, InventoryEntry>();

  loaded(file: string, format: string, datasets: number, reason?: string): void {
    this.set({ file, status: 'loaded', format, datasets, ...(reason ? { reason } : {}) });
  }

  skipped(file: string, reason: string, format = formatOfName(file)): void {
    this.set({ file, status: 'skipped', format, datasets: 0, reason });
  }

  failed(file: string, reason: string, format = formatOfName(file)): void {
    this.set({ file, status: 'failed', format, datasets: 0, reason });
  }

  /** One entry per file: the pipeline settles each file once. */
  private set(entry: InventoryEntry): void {
    this.byFile.set(entry.file, entry);
  }

  /**
   * Files a loaded descriptor references as distributions were not skipped after all: a
   * Frictionless `text-file.txt` resource is looked at (sniffed) as part of its dataset.
   */
  distributionFiles(referenced: Set<string | undefined>): void {
    for (const e of this.byFile.values()) {
      if (e.status === 'skipped' && referenced.has(e.file)) this.loaded(e.file, e.format, 0, DISTRIBUTION);
    }
  }

  /** Every entry, in the order files were first met. */
  entries(): InventoryEntry[] {
    return [...this.byFile.values()];
  }

  summary(): InventorySummary {
    const s: InventorySummary = {
      loaded: { files: 0, datasets: 0, byFormat: {} },
      skipped: { files: 0, byFormat: {} },
      failed: { files: 0, byFormat: {} },
    };
    for (const e of this.byFile.values()) {
      const bucket = s[e.status];
      bucket.files++;
      bucket.byFormat[e.format] = (bucket.byFormat[e.format] ?? 0) + 1;
      if (e.status === 'loaded') s.loaded.datasets += e.datasets;
    }
    return s;
  }
}

/** A format guessed from a file name alone: the known format of its extension, else the extension. */
export function formatOfName(file: string): string {
  const name = isHttpUrl(file) ? new URL(file).pathname : file;
  const known = formatFromPath(name);
  if (known) return known.id;
  const ext = path.extname(name).slice(1).toLowerCase();
  return ext || 'unknown';
}
