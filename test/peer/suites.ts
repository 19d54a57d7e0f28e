/**
 * The peer suites (test/peer/README.md): each peer's own test cases, vendored with the errors
 * the peer's tests assert (`expected.yaml`), run through odlint; odlint's findings are mapped to
 * the peer's error types by the rules' `meta.equivalents`. This module loads and prepares the
 * cases and scores them; peer-suites.test.ts prints and asserts the figures.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { lint } from '../../src/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import type { Finding } from '../../src/model/index.js';
import type { RuleMeta } from '../../src/engine/rule-api.js';
import { ROOT } from '../helpers/lint.js';

export type Peer = 'frictionless' | 'csvlint';
/** [row, column, type, data file]: null where the peer's test does not say. */
type Item = [number | null, number | null, string | null, string?];
type Kind = 'errors' | 'warnings' | 'info';
const KINDS: Kind[] = ['errors', 'warnings', 'info'];

/** A frictionless check as its tests pass it: `{type: 'forbidden-value', fieldName: 'id', values: [2]}`. */
type Check = { type: string } & Record<string, unknown>;

interface Case {
  test?: string;
  checklist?: Check[];
  scenario?: string;
  input?: string;
  resource?: Record<string, unknown>;
  package?: Record<string, unknown>;
  files?: Record<string, string>;
  copy?: Record<string, string>;
  as?: string;
  notHandled?: string;
  errors?: Item[];
  warnings?: Item[];
  info?: Item[];
}

interface SuiteFile {
  peer: string;
  kinds?: Record<Kind, string[]>;
  cases: Case[];
}

export interface CaseResult {
  name: string;
  asserted: number;
  recalled: number;
  missed: string[];
  /** Findings mapped to a peer type of a kind the peer asserts empty for this case. */
  falsePositives: string[];
}

export interface SuiteResult {
  suite: string;
  peer: Peer | 'csv-spectrum';
  cases: CaseResult[];
  notHandled: { name: string; reason: string }[];
}

const PEER_DIR = path.join(ROOT, 'test', 'peer');

export function loadSuite(suite: string): SuiteFile {
  return parseYaml(readFileSync(path.join(PEER_DIR, suite, 'expected.yaml'), 'utf8')) as SuiteFile;
}

/**
 * frictionless-py's opt-in checks (frictionless/checks/{cell,row,table}): its tests run them only
 * with a checklist, so the odlint rules that are these checks (by their equivalents) are off,
 * like for like, except in the cases whose checklist names them.
 */
const FRICTIONLESS_OPT_IN = new Set(['ascii-value', 'deviated-cell', 'deviated-value', 'duplicate-row', 'forbidden-value', 'required-value', 'row-constraint', 'sequential-value', 'table-dimensions', 'truncated-value']);

/** The `strict` preset with frictionless's opt-in checks off, and the rule each check type is. */
export interface PeerConfig {
  config: ResolvedConfig;
  /** Frictionless check type → the odlint rule that implements it. */
  checkRules: Map<string, RuleMeta>;
}

export async function peerConfig(): Promise<PeerConfig> {
  const strict = await loadConfig({ cwd: ROOT, presets: ['strict'], noDiscovery: true });
  const checkRules = new Map<string, RuleMeta>();
  for (const { meta } of strict.rules.values()) {
    for (const type of Object.values(meta.equivalents?.frictionless ?? {}).flat()) if (FRICTIONLESS_OPT_IN.has(type)) checkRules.set(type, meta);
  }
  return { config: await checklistConfig(checkRules, []), checkRules };
}

/** Opt-in rules off but those of the checklist, which get the checks' settings as options. */
async function checklistConfig(checkRules: Map<string, RuleMeta>, checklist: Check[], dir?: string): Promise<ResolvedConfig> {
  const byRule = new Map<RuleMeta, Record<string, unknown>[]>();
  for (const { type, ...options } of checklist) {
    const meta = checkRules.get(type);
    if (!meta) throw new Error(`no odlint rule for the frictionless check "${type}"`);
    byRule.set(meta, [...(byRule.get(meta) ?? []), options]);
  }
  const off = [...new Set(checkRules.values())].filter((m) => !byRule.has(m)).map((m) => `${m.id}=off`);
  let configFile: string | undefined;
  if (byRule.size) {
    // One check: its settings are the options; several of one type: the rule's `checks` list.
    const rules = Object.fromEntries([...byRule].map(([m, list]) => [m.id, [m.severity, list.length === 1 ? list[0] : { checks: list }]]));
    mkdirSync(dir!, { recursive: true });
    configFile = path.join(dir!, 'odlint.config.json');
    writeFileSync(configFile, JSON.stringify({ rules }, null, 2));
  }
  return loadConfig({ cwd: ROOT, presets: ['strict'], noDiscovery: !configFile, ruleFlags: off, ...(configFile ? { configFile } : {}) });
}

/** Runs every case of a suite through odlint and scores it against the peer's assertions. */
export async function runSuite(suite: string, peer: Peer, { config, checkRules }: PeerConfig): Promise<SuiteResult> {
  const file = loadSuite(suite);
  const suiteDir = path.join(PEER_DIR, suite);
  const rules = new Map([...config.rules].map(([id, r]) => [id, r.meta]));
  const result: SuiteResult = { suite, peer: suite === 'csv-spectrum' ? 'csv-spectrum' : peer, cases: [], notHandled: [] };
  const scratch = mkdtempSync(path.join(tmpdir(), `odlint-peer-${suite}-`));
  for (const [i, c] of file.cases.entries()) {
    const name = c.test ?? c.scenario ?? `case ${i}`;
    if (c.notHandled) {
      result.notHandled.push({ name, reason: c.notHandled });
      continue;
    }
    const dir = path.join(scratch, String(i));
    const { cwd, inputs, schemaNames } = prepare(c, suiteDir, dir);
    const caseConfig = c.checklist ? await checklistConfig(checkRules, c.checklist, path.join(dir, '.config')) : config;
    const report = await lint(inputs, { cwd, config: caseConfig, errorOnUnmatched: false });
    const findings = [...report.datasets.flatMap((d) => d.findings), ...report.files.flatMap((f) => f.findings)];
    const mapped = findings.flatMap((f) => peerTypes(f, rules.get(f.ruleId), peer).map((type) => ({ f, type })));
    result.cases.push(score(name, c, mapped, file.kinds, cwd, schemaNames));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Preparing a case: in place, or written out (inline rows, transcribed descriptors)

interface Prepared {
  cwd: string;
  inputs: string[];
  /** Field names of an inline schema, for peers that number columns. */
  schemaNames: string[];
}

function prepare(c: Case, suiteDir: string, dir: string): Prepared {
  const inPlace = c.input && !c.resource && !c.package && !c.files && !c.copy;
  if (inPlace) return { cwd: suiteDir, inputs: [c.input!], schemaNames: [] };
  mkdirSync(dir, { recursive: true });
  const write = (rel: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  for (const [rel, text] of Object.entries(c.files ?? {})) write(rel, text);
  for (const [rel, src] of Object.entries(c.copy ?? {})) write(rel, readFileSync(path.join(suiteDir, src)));
  const docs = c.scenario && !c.input ? docStrings(suiteDir, c.scenario) : [];
  const dataName = c.as ?? 'data.csv';
  if (docs.length) write(dataName, docs[0]!);
  let descriptor: Record<string, unknown> | undefined;
  if (c.package) descriptor = c.package;
  else if (c.resource) {
    descriptor = { name: 'data', ...(docs.length ? { path: dataName } : {}), ...c.resource };
    if (descriptor.schema === 'doc') descriptor.schema = JSON.parse(docs[1]!);
  }
  if (!descriptor) return { cwd: dir, inputs: [c.input ?? dataName], schemaNames: [] };
  // Vendored files the descriptor names (`data/...`) are copied beside it.
  for (const ref of JSON.stringify(descriptor).match(/"data\/[^"]+"/g) ?? []) {
    const rel = JSON.parse(ref) as string;
    try {
      write(rel, readFileSync(path.join(suiteDir, rel)));
    } catch {
      // Named but not vendored (the peer's test points at a missing file on purpose).
    }
  }
  const out = c.package ? 'datapackage.json' : 'case.resource.json';
  write(out, JSON.stringify(descriptor, null, 2));
  return { cwd: dir, inputs: [out], schemaNames: inlineSchemaNames(descriptor) };
}

function inlineSchemaNames(descriptor: Record<string, unknown>): string[] {
  const resources = (descriptor.resources as Record<string, unknown>[] | undefined) ?? [descriptor];
  const schema = resources[0]?.schema as { fields?: { name: string }[] } | undefined;
  return typeof schema === 'object' ? (schema.fields ?? []).map((f) => f.name) : [];
}

/**
 * The doc strings of a cucumber scenario (`feature file / scenario name`), as cucumber reads
 * them: the indentation of the opening `"""` is removed from each line; no final newline.
 */
export function docStrings(suiteDir: string, scenario: string): string[] {
  const [feature, name] = scenario.split(' / ').map((s) => s.trim()) as [string, string];
  const lines = readFileSync(path.join(suiteDir, 'features', feature), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === `Scenario: ${name}`);
  if (start < 0) throw new Error(`no scenario "${name}" in ${feature}`);
  const docs: string[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.trim().startsWith('Scenario:'); i++) {
    if (lines[i]!.trim() !== '"""') continue;
    const indent = lines[i]!.indexOf('"""');
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '"""'; i++) {
      const line = lines[i]!;
      const lead = line.length - line.trimStart().length;
      body.push(line.slice(Math.min(indent, lead)));
    }
    docs.push(body.join('\n'));
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Mapping and scoring

/** The peer error types a finding stands for, through its rule's `meta.equivalents`. */
export function peerTypes(f: Finding, meta: RuleMeta | undefined, peer: Peer): string[] {
  const table = meta?.equivalents?.[peer];
  if (!table) return [];
  return table[f.messageId] ?? table['*'] ?? [];
}

interface Mapped {
  f: Finding;
  type: string;
}

function score(name: string, c: Case, mapped: Mapped[], kinds: Record<Kind, string[]> | undefined, cwd: string, schemaNames: string[]): CaseResult {
  const result: CaseResult = { name, asserted: 0, recalled: 0, missed: [], falsePositives: [] };
  const kindOf = (type: string): Kind => (kinds ? (KINDS.find((k) => kinds[k].includes(type)) ?? 'errors') : 'errors');
  for (const kind of KINDS) {
    const items = c[kind];
    if (!items) continue;
    const ofKind = mapped.filter((m) => kindOf(m.type) === kind);
    if (!items.length) result.falsePositives.push(...ofKind.map((m) => `${m.f.ruleId}/${m.f.messageId} → ${m.type} at ${where(m.f)}`));
    for (const item of items) {
      result.asserted++;
      if (ofKind.some((m) => matches(item, m, cwd, schemaNames))) result.recalled++;
      else result.missed.push(`[${item.map((x) => x ?? '-').join(', ')}]`);
    }
  }
  return result;
}

function where(f: Finding): string {
  const l = f.location;
  return `${l.file ?? ''}${l.row !== undefined ? ` row ${l.row}` : ''}${l.field !== undefined ? ` field ${l.field}` : ''}`;
}

function matches([row, column, type, file]: Item, { f, type: mapped }: Mapped, cwd: string, schemaNames: string[]): boolean {
  if (type !== null && type !== mapped) return false;
  const loc = f.location;
  if (file && !(loc.file ?? '').endsWith(file)) return false;
  if (row !== null && !rowsOf(f).includes(row)) return false;
  if (column === null) return true;
  return columnsOf(f, cwd, schemaNames).includes(column);
}

/**
 * The rows a finding points at: its row; for a `more` summary ("N more ... (rows a to b)") its
 * first and last rows, and every row between when N says they all are.
 */
function rowsOf(f: Finding): number[] {
  const { count, firstRow, lastRow } = f.data ?? {};
  if (f.messageId === 'more' && typeof firstRow === 'number' && typeof lastRow === 'number') {
    const all = count === lastRow - firstRow + 1;
    return all ? Array.from({ length: lastRow - firstRow + 1 }, (_, k) => firstRow + k) : [firstRow, lastRow];
  }
  return f.location.row === undefined ? [] : [f.location.row];
}

/**
 * The column numbers (1-based) a finding points at: its `field` as a number or a label of the
 * data file's header or of the inline schema; a ragged row covers every missing or extra cell.
 */
function columnsOf(f: Finding, cwd: string, schemaNames: string[]): number[] {
  const field = f.location.field;
  if (field === undefined) return [];
  const d = f.data ?? {};
  if (f.ruleId === 'data/ragged-rows' && typeof d.cells === 'number' && typeof d.expected === 'number') {
    const [from, to] = d.cells < d.expected ? [d.cells + 1, d.expected] : [d.expected + 1, d.cells];
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  }
  if (/^\d+$/.test(field)) return [Number(field)];
  const labels = headerOf(path.join(cwd, f.location.file ?? ''));
  return [labels.indexOf(field), schemaNames.indexOf(field)].filter((i) => i >= 0).map((i) => i + 1);
}

function headerOf(file: string): string[] {
  try {
    const head = readFileSync(file, 'utf8').slice(0, 64 * 1024).split(/\r?\n/)[0] ?? '';
    const delimiter = [',', ';', '\t', '|'].sort((a, b) => head.split(b).length - head.split(a).length)[0]!;
    return ((parseCsv(head, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? []).map((s) => s.trim());
  } catch {
    return [];
  }
}

/** Recall over the applicable cases: recalled / asserted, as a percentage (100 when nothing is asserted). */
export function recall(cases: readonly CaseResult[]): { asserted: number; recalled: number; percent: number } {
  const asserted = cases.reduce((n, c) => n + c.asserted, 0);
  const recalled = cases.reduce((n, c) => n + c.recalled, 0);
  return { asserted, recalled, percent: asserted ? Math.round((1000 * recalled) / asserted) / 10 : 100 };
}
