import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataset } from '../../src/engine/check.js';
import { dataFileDataset } from '../../src/engine/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { defineAnalysis, defineRule, type RuleModule, type TableAnalysis } from '../../src/engine/rule-api.js';
import { csvSummaryFacts, csvTableFacts, DEFAULT_LIMITS, emptyDistribution, tableProfile, type Finding } from '../../src/model/index.js';
import type { EffectiveRule } from '../../src/config/types.js';
import type { PersonalDataScan } from '../../src/knowledge/personal-data/index.js';
import { PERSONAL_DATA_SCAN } from '../../rules/personal-data/_shared.js';
import { GENDER_DETECTION } from '../../rules/gender/_shared.js';

let core: Map<string, RuleModule>;
beforeAll(async () => {
  core = new Map([...(await loadBuiltinRules())].filter(([id]) => id.startsWith('core/')));
});

const run = { cwd: os.tmpdir(), online: false, data: true };

function csv(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-engine-')), 'data.csv');
  writeFileSync(file, text);
  return file;
}

/** Runs custom rules (plus the core ones, for their messages) on a data file. */
async function check(file: string, custom: RuleModule[], twoDistributions = false): Promise<Finding[]> {
  const rules = new Map([...core, ...custom.map((r) => [r.meta.id, r] as const)]);
  const settings = new Map<string, EffectiveRule>([...rules.keys()].map((id) => [id, { severity: 'error', options: {} }]));
  const ds = dataFileDataset(file, run.cwd);
  if (twoDistributions) {
    const again = emptyDistribution({ file });
    again.localPath = file;
    ds.distributions.push(again);
  }
  return checkDataset(ds, rules, settings, run);
}

const meta = (id: string) => ({ id, family: 'data' as const, description: 'test', rationale: 'test', severity: 'error' as const, presets: [], messages: { seen: '{{what}}' } });

/** A shared analysis counting the rows it was fed, and how many instances were made. */
let created = 0;
class RowCounter implements TableAnalysis {
  rows = 0;
  constructor() {
    created++;
  }
  row(): void {
    this.rows++;
  }
}
const COUNTER = defineAnalysis('row-counter', () => new RowCounter());
/** The same, saying it reads no `cells` (TableAnalysis.readsRecord). */
const RECORD_COUNTER = defineAnalysis('record-counter', () => Object.assign(new RowCounter(), { readsRecord: true }));

const counterRule = (id: string, analysis = COUNTER) =>
  defineRule({
    meta: { ...meta(id), needsRows: true },
    create(context) {
      let counter: RowCounter | undefined;
      return {
        table(table) {
          counter = context.analysis(analysis, table);
        },
        endTable(table) {
          context.report({ messageId: 'seen', data: { what: `${counter!.rows} rows` }, location: { file: table.path } });
        },
      };
    },
  });

/** A rule that reports what the profile says of the first column's distinct values. */
const distinctRule = (id: string, extra: { needsDistinctValues?: boolean; source?: 'plugin' } = {}) => {
  const rule = defineRule({
    meta: { ...meta(id), needsRows: true, ...(extra.needsDistinctValues ? { needsDistinctValues: true } : {}) },
    create: (context) => ({
      endTable(table, summary) {
        const column = tableProfile(summary)!.columns[0]!;
        const what = `${JSON.stringify(column.distinct)} ${JSON.stringify([...(column.valueCounts?.keys() ?? [])])}`;
        context.report({ messageId: 'seen', data: { what }, location: { file: table.path } });
      },
    }),
  });
  return extra.source ? Object.assign(Object.create(rule) as RuleModule, { source: extra.source }) : rule;
};

/** A rule that reports whether the CSV reader announced and counted the cells' lengths, and the first column's count. */
const lengthsRule = (id: string, needsCellLengths: boolean) =>
  defineRule({
    meta: { ...meta(id), needsRows: true, ...(needsCellLengths ? { needsCellLengths: true } : {}) },
    create: (context) => {
      let announced: number | undefined;
      return {
        table(table) {
          announced = csvTableFacts(table)?.cellLengths;
        },
        endTable(table, summary) {
          const lengths = csvSummaryFacts(summary)?.cellLengths;
          context.report({ messageId: 'seen', data: { what: `${announced} ${lengths ? lengths.n(0) : 'none'}` }, location: { file: table.path } });
        },
      };
    },
  });

describe('checkDataset', () => {
  it("has the CSV reader count the cells' lengths only when an enabled rule says it reads them", async () => {
    const file = csv('a,b\nx,1\n,2\nxy,3\n');
    const shown = async (rules: RuleModule[]) => (await check(file, rules)).map((f) => f.message);
    expect(await shown([lengthsRule('data/without', false)])).toEqual(['undefined none']);
    expect(await shown([lengthsRule('data/without', false), lengthsRule('data/with', true)])).toEqual(['2 2', '2 2']);
  });

  it('has the readers count distinct values only when an enabled rule says it reads them, or a plugin rule is on', async () => {
    const file = csv('a,b\nx,1\ny,2\nx,3\n');
    const shown = async (rules: RuleModule[]) => (await check(file, rules)).map((f) => f.message);
    expect(await shown([distinctRule('data/without')])).toEqual(['undefined []']);
    const counted = '{"count":2,"capped":false} ["x","y"]';
    expect(await shown([distinctRule('data/without'), distinctRule('data/with', { needsDistinctValues: true })])).toEqual([counted, counted]);
    expect(await shown([distinctRule('data/plugin', { source: 'plugin' })])).toEqual([counted]);
  });

  it('feeds a shared analysis each row once, however many rules use it', async () => {
    created = 0;
    const findings = await check(csv('a,b\n1,2\n3,4\n5,6\n'), [counterRule('data/one'), counterRule('data/two')]);
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['data/one', '3 rows'],
      ['data/two', '3 rows'],
    ]);
    expect(created).toBe(1);
  });

  it('reads a file referenced twice only once', async () => {
    let tables = 0;
    const counting = defineRule({ meta: meta('data/tables'), create: () => ({ table: () => void tables++ }) });
    await check(csv('a\n1\n'), [counting], true);
    expect(tables).toBe(1);
  });

  it('switches off a rule that throws, reports it, and keeps the others running', async () => {
    let rowsSeen = 0;
    const broken = defineRule({
      meta: meta('data/broken'),
      create: () => ({
        row(_cells, ctx) {
          if (ctx.row === 3) throw new Error('boom');
        },
      }),
    });
    const healthy = defineRule({ meta: meta('data/healthy'), create: () => ({ row: () => void rowsSeen++ }) });
    const file = csv('a\n1\n2\n3\n');
    const findings = await check(file, [broken, healthy]);
    expect(findings.map((f) => [f.ruleId, f.message, f.location])).toEqual([['core/rule-crashed', 'rule data/broken failed on this dataset: boom', { file, row: 3, line: 3 }]]);
    expect(rowsSeen).toBe(3);
  });

  it('gives the row a rule threw on to the rules after it, and no row to a rule that threw in its table hook', async () => {
    const rowsOf = { next: [] as number[], tableBroken: [] as number[] };
    const broken = defineRule({
      meta: meta('data/broken'),
      create: () => ({
        row(_cells, ctx) {
          if (ctx.row === 3) throw new Error('boom');
        },
      }),
    });
    const next = defineRule({ meta: meta('data/next'), create: () => ({ row: (_cells, ctx) => void rowsOf.next.push(ctx.row) }) });
    const tableBroken = defineRule({
      meta: meta('data/table-broken'),
      create: () => ({
        table() {
          throw new Error('no table');
        },
        row: (_cells, ctx) => void rowsOf.tableBroken.push(ctx.row),
      }),
    });
    const file = csv('a\n1\n2\n3\n');
    const findings = await check(file, [broken, next, tableBroken]);
    expect(findings.map((f) => [f.ruleId, f.message, f.location])).toEqual([
      ['core/rule-crashed', 'rule data/table-broken failed on this dataset: no table', { file }],
      ['core/rule-crashed', 'rule data/broken failed on this dataset: boom', { file, row: 3, line: 3 }],
    ]);
    expect(rowsOf).toEqual({ next: [2, 3, 4], tableBroken: [] });
  });

  it('does not hand the rows of a table to a rule whose table hook returned false, and asks again at the next table', async () => {
    const seen: string[] = [];
    const picky = defineRule({
      meta: meta('data/picky'),
      create: () => ({
        table: (t) => (t.path.endsWith('skip.csv') ? false : undefined),
        row: (cells) => void seen.push(cells[0]!),
        endTable: (t) => void seen.push(`end ${path.basename(t.path)}`),
      }),
    });
    const skipped = path.join(path.dirname(csv('')), 'skip.csv');
    writeFileSync(skipped, 'a\nskipped\n');
    const read = csv('a\nread\n');
    const rules = new Map([...core, [picky.meta.id, picky]]);
    const settings = new Map<string, EffectiveRule>([...rules.keys()].map((id) => [id, { severity: 'error', options: {} }]));
    const ds = dataFileDataset(skipped, run.cwd);
    const second = emptyDistribution({ file: read });
    second.localPath = read;
    ds.distributions.push(second);
    expect(await checkDataset(ds, rules, settings, run)).toEqual([]);
    expect(seen).toEqual(['end skip.csv', 'read', 'end data.csv']);
  });

  it('drops a shared analysis that throws and reports it', async () => {
    const FAILING = defineAnalysis('failing', () => ({
      row() {
        throw new Error('bad cell');
      },
    }));
    const user = defineRule({ meta: { ...meta('data/user'), needsRows: true }, create: (context) => ({ table: (t) => void context.analysis(FAILING, t) }) });
    const file = csv('a\n1\n2\n');
    const findings = await check(file, [user]);
    expect(findings.map((f) => [f.ruleId, f.message, f.location])).toEqual([['core/rule-crashed', 'rule analysis failing failed on this dataset: bad cell', { file, row: 2, line: 2 }]]);
  });
});

describe('rules with only data hooks, for datasets whose data cannot be read', () => {
  /** A metadata dataset (CKAN) whose one distribution is remote, or local (`file`). */
  const metadataDataset = (file?: string) => {
    const ds = dataFileDataset(file ?? path.join(os.tmpdir(), 'none.csv'), run.cwd);
    ds.source = { format: 'ckan', file: path.join(os.tmpdir(), 'package.json') };
    if (!file) delete ds.distributions[0]!.localPath;
    return ds;
  };
  const counting = () => {
    const made = { dataOnly: 0, metadata: 0 };
    const dataOnly = defineRule({ meta: meta('data/data-only'), create: (context) => (made.dataOnly++, { endTable: (t) => context.report({ messageId: 'seen', data: { what: 'table' }, location: { file: t.path } }) }) });
    const metadata = defineRule({ meta: meta('data/metadata'), create: (context) => (made.metadata++, { dataset: (ds) => context.report({ messageId: 'seen', data: { what: 'dataset' }, location: ds.at }) }) });
    const rules = new Map<string, RuleModule>([...core, [dataOnly.meta.id, dataOnly], [metadata.meta.id, metadata]]);
    const settings = new Map<string, EffectiveRule>([...rules.keys()].map((id) => [id, { severity: 'error', options: {} }]));
    return { made, rules, settings };
  };

  it('are created once, then no more while no data file can be read; the others run for every dataset', async () => {
    const { made, rules, settings } = counting();
    for (let i = 0; i < 3; i++) {
      const findings = await checkDataset(metadataDataset(), rules, settings, run);
      expect(findings.map((f) => f.message)).toEqual(['dataset']);
    }
    expect(made).toEqual({ dataOnly: 1, metadata: 3 });
  });

  it('are created and run for a dataset with a local data file, and under --no-data never run', async () => {
    const { made, rules, settings } = counting();
    await checkDataset(metadataDataset(), rules, settings, run);
    const file = csv('a\n1\n');
    expect((await checkDataset(metadataDataset(file), rules, settings, run)).map((f) => f.message)).toEqual(['dataset', 'table']);
    expect(made.dataOnly).toBe(2);
    expect((await checkDataset(metadataDataset(file), rules, settings, { ...run, data: false })).map((f) => f.message)).toEqual(['dataset']);
  });
});

describe('rules that read the row from ctx.record (RuleMeta.readsRecord)', () => {
  // 60 data rows after the header, some quoted, one blank: the first 50 records are held for the
  // header decision (handed out as arrays), the rest come from the tokenizer.
  const text = 'id,name,note\n' + Array.from({ length: 60 }, (_, i) => (i === 30 ? ',,\n' : `${i},"n, ${i}",x${i}\n`)).join('');
  const expected = Array.from({ length: 60 }, (_, i) => (i === 30 ? ['', '', ''] : [String(i), `n, ${i}`, `x${i}`]));

  /** A rule reporting, per row, the length of `cells` and the record's cells (and whether blank). */
  const recordRule = (id: string, readsRecord: boolean) =>
    defineRule({
      meta: { ...meta(id), needsRows: true, ...(readsRecord ? { readsRecord: true } : {}) },
      create: (context) => ({
        row(cells, ctx) {
          const r = ctx.record!;
          const read = Array.from({ length: r.width }, (_, i) => r.cell(i));
          context.report({ messageId: 'seen', data: { what: JSON.stringify([cells.length, read, r.blank()]) }, location: { file: ctx.table.path, row: ctx.row } });
        },
      }),
    });

  const seen = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id).map((f) => JSON.parse(f.message.replace(/^[^[]*/, '')) as [number, string[], boolean]);

  it('read every row the same whoever else reads them; the tokenizer cuts no cells only when nothing else reads `cells`', async () => {
    const file = csv(text);
    const alone = seen(await check(file, [recordRule('data/record', true)]), 'data/record');
    expect(alone.map(([, cells, blank]) => [cells, blank])).toEqual(expected.map((c, i) => [c, i === 30]));
    // Held for the header decision: arrays; then none cut.
    expect(alone.map(([n]) => n)).toEqual(expected.map((c, i) => (i < 49 ? c.length : 0)));

    // A rule without the flag (a plugin's) gets cells: then so does every rule.
    const mixed = await check(file, [recordRule('data/record', true), recordRule('data/cells', false)]);
    for (const id of ['data/record', 'data/cells']) expect(seen(mixed, id)).toEqual(expected.map((c, i) => [c.length, c, i === 30]));

    // A shared analysis reads `cells`: they are cut; unless it says it reads the record.
    const withAnalysis = await check(file, [recordRule('data/record', true), counterRule('data/counter')]);
    expect(seen(withAnalysis, 'data/record').map(([n]) => n)).toEqual(expected.map((c) => c.length));
    const recordAnalysis = await check(file, [recordRule('data/record', true), counterRule('data/counter', RECORD_COUNTER)]);
    expect(seen(recordAnalysis, 'data/record').map(([n]) => n)).toEqual(expected.map((c, i) => (i < 49 ? c.length : 0)));
  });

  it('the personal-data scan and the gender detection read the record: with them the tokenizer still cuts no cells, and they find the same', async () => {
    // E-mail addresses in every seventh row, most of them past the 49 rows held for the header decision.
    const file = csv('id,name,contact\n' + Array.from({ length: 120 }, (_, i) => `${i},"n, ${i}",${i % 7 ? `x${i}` : `p${i}@example.org`}\n`).join(''));
    /** A rule asking both analyses, as the personal-data and gender rules do, and reporting the scan's e-mail evidence. */
    const sharedRule = defineRule({
      meta: { ...meta('data/shared'), needsRows: true },
      create(context) {
        let scan: PersonalDataScan;
        return {
          table(table) {
            scan = context.analysis(PERSONAL_DATA_SCAN, table);
            scan.scanValues('email', 10);
            context.analysis(GENDER_DETECTION, table);
          },
          endTable(table) {
            const found = scan.valueEvidence(10).flatMap((ev) => [...ev.kinds.values()].map((k) => [ev.column.index, k.kind, k.valid, k.validRows]));
            context.report({ messageId: 'seen', data: { what: JSON.stringify(found) }, location: { file: table.path } });
          },
        };
      },
    });
    const evidence = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'data/shared').map((f) => f.message);
    const lazy = await check(file, [recordRule('data/record', true), sharedRule]);
    expect(seen(lazy, 'data/record').map(([n]) => n)).toEqual(Array.from({ length: 120 }, (_, i) => (i < 49 ? 3 : 0)));
    // The same evidence when a rule reading `cells` has every cell cut.
    const cut = await check(file, [recordRule('data/record', true), recordRule('data/cells', false), sharedRule]);
    expect(seen(cut, 'data/record').map(([n]) => n)).toEqual(Array.from({ length: 120 }, () => 3));
    expect(evidence(lazy)).toEqual(evidence(cut));
    expect(evidence(lazy)[0]).toContain('"email"');
  });
});

describe('findings reported late at a mark (RuleContext.mark, report(d, at), rowsEnd)', () => {
  /**
   * A rule reporting on the rows `pick` chooses (two findings on some) and once in `endTable`,
   * at once — or, with `batch`, late: each finding kept with the mark taken on its row and
   * reported when `batch` rows wait or in `rowsEnd`, as a rule answering rows in batches does.
   */
  const rowRule = (id: string, pick: (row: number) => number, batch = 0) =>
    defineRule({
      meta: { ...meta(id), needsRows: true },
      create(context) {
        const waiting: { row: number; count: number; at: number; file: string }[] = [];
        const say = (row: number, count: number, file: string, at?: number) => {
          for (let i = 0; i < count; i++) context.report({ messageId: 'seen', data: { what: `${id} ${i}` }, location: { file, row } }, at);
        };
        const answer = () => {
          for (const w of waiting.splice(0)) say(w.row, w.count, w.file, w.at);
        };
        return {
          row(_, ctx) {
            const count = pick(ctx.row);
            if (!batch) return say(ctx.row, count, ctx.table.path);
            waiting.push({ row: ctx.row, count, at: context.mark(), file: ctx.table.path });
            if (waiting.length >= batch) answer();
          },
          rowsEnd: batch ? answer : undefined,
          endTable(table) {
            context.report({ messageId: 'seen', data: { what: `${id} end` }, location: { file: table.path, row: 3 } });
          },
        };
      },
    });

  async function findings(file: string, batches: [number, number, number], limits?: Partial<typeof DEFAULT_LIMITS>): Promise<Finding[]> {
    const custom = [
      rowRule('test/a', (row) => (row % 3 === 0 ? 1 : 0) + (row % 7 === 0 ? 1 : 0), batches[0]),
      rowRule('test/b', (row) => (row % 2 === 0 ? 1 : 0), batches[1]),
      rowRule('test/c', (row) => (row % 5 < 2 ? 1 : 0), batches[2]),
    ];
    const rules = new Map([...core, ...custom.map((r) => [r.meta.id, r] as const)]);
    const settings = new Map<string, EffectiveRule>([...rules.keys()].map((id) => [id, { severity: 'error', options: {} }]));
    return checkDataset(dataFileDataset(file, run.cwd), rules, settings, { ...run, limits: { ...DEFAULT_LIMITS, ...limits } });
  }

  const rows = Array.from({ length: 60 }, (_, i) => `${i},x,y`);
  it('are where the same reports made at once are, among other rules reporting on the same rows, at once or late', async () => {
    const file = csv(['n,a,b', ...rows].join('\n'));
    const atOnce = await findings(file, [0, 0, 0]);
    expect(atOnce.length).toBeGreaterThan(60);
    for (const batches of [[3, 0, 5], [64, 1, 0], [2, 7, 100]] as [number, number, number][]) {
      expect(await findings(file, batches)).toEqual(atOnce);
    }
  });

  it('are made when the file stops being read before its end (rowsEnd without endTable)', async () => {
    // A row far into the file (past the reader's first chunks) is too wide (limits.cellsPerRow):
    // the rest of the file is not read, and endTable is not called.
    const many = Array.from({ length: 20_000 }, (_, i) => `${i},${'x'.repeat(20)},y`);
    const file = csv(['n,a,b', ...many.map((r, i) => (i === 15_000 ? `${r},1,2,3` : r))].join('\n'));
    const atOnce = await findings(file, [0, 0, 0], { cellsPerRow: 4 });
    expect(atOnce.some((f) => f.ruleId === 'core/limit-exceeded')).toBe(true);
    expect(atOnce.some((f) => f.data?.what === 'test/a end')).toBe(false);
    expect(atOnce.filter((f) => f.ruleId === 'test/a').length).toBeGreaterThan(10);
    for (const batches of [[3, 0, 5], [64, 1, 0]] as [number, number, number][]) {
      expect(await findings(file, batches, { cellsPerRow: 4 })).toEqual(atOnce);
    }
  });
});
