import path from 'node:path';
import type { ScorecardOptions } from '../reporters/types.js';
import { compareFileProblem } from '../reporters/_scorecard-compare.js';
import { UsageError } from './io.js';

/** The scorecard flags `lint` and `merge-reports` share. */
export interface ScorecardFlags {
  /** `--compare <report>` (repeatable): earlier jsonl or JSON reports, oldest first. */
  compare?: string[];
  /** `--scorecard-inline-limit <MB>`. */
  scorecardInlineLimit?: string;
  /** `--data-licence <SPDX id>`, `--data-publisher <name>`, `--data-contact <e-mail or URL>`. */
  dataLicence?: string;
  dataPublisher?: string;
  dataContact?: string;
}

/** Checks the scorecard flags before any linting: a compare file that is not a report is a usage error. */
export function scorecardOptions(flags: ScorecardFlags, cwd: string): ScorecardOptions | undefined {
  const out: ScorecardOptions = {};
  if (flags.compare?.length) {
    out.compare = flags.compare.map((shown) => {
      const file = path.resolve(cwd, shown);
      const problem = compareFileProblem(file, shown);
      if (problem) throw new UsageError(problem);
      return { file, shown };
    });
  }
  if (flags.scorecardInlineLimit !== undefined) {
    const mb = Number(flags.scorecardInlineLimit);
    if (!(mb >= 0) || !Number.isFinite(mb)) throw new UsageError(`--scorecard-inline-limit expects a size in MB (got "${flags.scorecardInlineLimit}")`);
    out.inlineLimit = Math.round(mb * 1024 * 1024);
  }
  if (flags.dataLicence !== undefined) {
    if (!/^[A-Za-z0-9.+-]+$/.test(flags.dataLicence)) throw new UsageError(`--data-licence expects an SPDX licence id such as CC0-1.0 or CC-BY-4.0 (got "${flags.dataLicence}")`);
    out.dataLicence = flags.dataLicence;
  }
  if (flags.dataPublisher !== undefined) out.dataPublisher = flags.dataPublisher;
  if (flags.dataContact !== undefined) out.dataContact = flags.dataContact;
  return Object.keys(out).length ? out : undefined;
}
