import type { InventorySummary, ReportSummary } from '../model/index.js';
import { plural } from './_findings.js';

/** `14 files skipped (not descriptors), 2 failed`, or '' when every input file was loaded. */
export function filesNotLoaded(s: InventorySummary): string {
  const parts: string[] = [];
  if (s.skipped.files) parts.push(`${plural(s.skipped.files, 'file')} skipped (not descriptors)`);
  if (s.failed.files) parts.push(`${s.failed.files} failed`);
  return parts.join(', ');
}

/**
 * `312 datasets from 290 files; 14 files skipped (not descriptors), 2 failed` when some input
 * file gave no dataset, so that a clean-looking report cannot hide it; undefined when every file
 * was loaded (or the report has no inventory).
 */
export function inventoryNote(summary: ReportSummary): string | undefined {
  const s = summary.inventory;
  const rest = s ? filesNotLoaded(s) : '';
  return s && rest ? `${plural(s.loaded.datasets, 'dataset')} from ${plural(s.loaded.files, 'file')}; ${rest}` : undefined;
}

/**
 * `https://demo.ckan.org (ckan): 500 datasets announced, 480 linted; 2 pages failed` for each
 * portal harvested, so that a clean report of half a portal says so.
 */
export function harvestNotes(summary: ReportSummary): string[] {
  return (summary.harvest ?? []).map((h) => {
    const announced = h.announced !== undefined ? `${plural(h.announced, 'dataset')} announced, ${h.linted} linted` : `${plural(h.linted, 'dataset')} linted`;
    return `${h.url} (${h.kind}): ${announced}${h.failedPages ? `; ${plural(h.failedPages, 'page')} failed` : ''}`;
  });
}
