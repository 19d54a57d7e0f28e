import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { DatasetReport, FileReport, Finding } from '../model/index.js';
import { Fingerprints } from './_findings.js';
import { CatalogueTally } from './_scorecard-tally.js';

/**
 * `--compare`: earlier reports of the same catalogue (jsonl, as runs and shards write them, or a
 * JSON report), read as a stream into the same tally as the current run. The most recent one
 * also gives new and fixed findings, matched by fingerprint (the baseline's: rule, file, stable
 * location, message id, occurrence).
 */

export interface CompareInput {
  /** Absolute path, and the name as the user gave it (shown on the page). */
  file: string;
  shown: string;
}

/** An earlier run: its name, the file's date and its tally. */
export interface Snapshot {
  shown: string;
  date: string;
  tally: CatalogueTally;
}

/** A finding that appeared or went away, with enough to find it (its message is masked already). */
export interface ChangedFinding {
  dataset: string;
  ruleId: string;
  severity: string;
  message: string;
}

/** How many changed findings are listed one by one (all are counted per rule). */
export const MAX_LISTED_CHANGES = 200;

/** Why a file cannot be compared with, or undefined when it looks like an odlint report. */
export function compareFileProblem(file: string, shown: string): string | undefined {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    head = buf.subarray(0, n).toString('utf8');
  } catch {
    return `--compare: ${shown} cannot be read`;
  }
  const first = head.split('\n', 1)[0]!.trim();
  if (/^\{"type":\s*"run"/.test(first) || /^\{\s*("tool"|$)/.test(first)) return undefined;
  return `--compare: ${shown} is not an odlint report (jsonl or json)`;
}

/** Every dataset and file part of a report, in report order, read synchronously (jsonl: line by line). */
export function readReport(file: string, each: { dataset(d: DatasetReport): void; file(f: FileReport): void }): void {
  const lines = jsonLines(file);
  const first = lines.next();
  let run: { type?: string } | undefined;
  try {
    run = first.done ? undefined : (JSON.parse(first.value) as { type?: string });
  } catch {
    // A JSON report's first line is `{`: read as a whole below.
  }
  if (run?.type === 'run') {
    const files: FileReport[] = [];
    for (const text of lines) {
      const line = JSON.parse(text) as { type: string; dataset?: DatasetReport; file?: FileReport };
      if (line.type === 'dataset') each.dataset(line.dataset!);
      else if (line.type === 'file') files.push(line.file!);
    }
    files.forEach((f) => each.file(f));
    return;
  }
  lines.return(undefined);
  const report = JSON.parse(readFileSync(file, 'utf8')) as { datasets?: DatasetReport[]; files?: FileReport[] };
  (report.datasets ?? []).forEach((d) => each.dataset(d));
  (report.files ?? []).forEach((f) => each.file(f));
}

/** Non-empty lines of a file, read in 1 MiB chunks. A JSON report's first "line" is just `{`. */
function* jsonLines(file: string): Generator<string, void, undefined> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      const text = rest + (n ? decoder.write(buf.subarray(0, n)) : decoder.end());
      const parts = text.split('\n');
      rest = n ? parts.pop()! : '';
      for (const p of parts) if (p.trim()) yield p;
      if (!n) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** A 53-bit hash of a fingerprint: the set of a run's findings stays numbers, not strings. */
export function keyOf(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

const dateOf = (file: string) => statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * The comparison of this run with earlier ones: their snapshots (oldest first, as given) and,
 * against the last, the findings that are new and those that were fixed. The current run's
 * findings are fed as they stream (`dataset`, `file`), the fixed ones found at `finish`.
 */
export class Comparison {
  readonly previous: Snapshot[];
  private readonly last: CompareInput;
  private readonly before = new Set<number>();
  private readonly now = new Set<number>();
  private readonly prints = new Fingerprints();
  readonly added = { byRule: new Map<string, number>(), listed: [] as ChangedFinding[], total: 0 };
  readonly fixed = { byRule: new Map<string, number>(), listed: [] as ChangedFinding[], total: 0 };

  constructor(inputs: CompareInput[]) {
    this.last = inputs[inputs.length - 1]!;
    this.previous = inputs.map((input) => {
      const tally = new CatalogueTally();
      const isLast = input === this.last;
      const prints = new Fingerprints();
      const remember = (findings: Finding[]) => {
        if (isLast) for (const f of findings) this.before.add(keyOf(prints.of(f)));
      };
      readReport(input.file, {
        dataset: (d) => {
          tally.add(d);
          remember(d.findings);
        },
        file: (f) => {
          tally.file(f);
          remember(f.findings);
        },
      });
      return { shown: input.shown, date: dateOf(input.file), tally };
    });
  }

  /** Findings of the current run, in report order (datasets, then files). */
  findings(findings: Finding[], dataset: string): void {
    for (const f of findings) {
      const key = keyOf(this.prints.of(f));
      this.now.add(key);
      if (!this.before.has(key)) note(this.added, f, dataset);
    }
  }

  /** Reads the last earlier report again for the findings this run no longer has. */
  finish(): void {
    const prints = new Fingerprints();
    const check = (findings: Finding[], dataset: string) => {
      for (const f of findings) if (!this.now.has(keyOf(prints.of(f)))) note(this.fixed, f, dataset);
    };
    readReport(this.last.file, { dataset: (d) => check(d.findings, d.title ?? d.id), file: (f) => check(f.findings, f.file) });
  }
}

function note(into: Comparison['added'], f: Finding, dataset: string): void {
  into.total++;
  into.byRule.set(f.ruleId, (into.byRule.get(f.ruleId) ?? 0) + 1);
  if (into.listed.length < MAX_LISTED_CHANGES) into.listed.push({ dataset, ruleId: f.ruleId, severity: f.severity, message: f.message });
}
