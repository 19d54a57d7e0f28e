import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageLine } from '../../src/harvest/snapshot-line.js';
import { BROKEN_LITERAL, literalText } from '../../src/harvest/client.js';
import { jsonStringOf } from '../../src/harvest/snapshot.js';
import { planLint, localUnitCount, openRemote } from '../../src/engine/lint.js';
import { remoteBase, type RemoteRun } from '../../src/engine/remote.js';
import { Inventory } from '../../src/engine/inventory.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runPlan, type RunEvent, type RunSettings } from '../../src/pipeline/run.js';
import { ckanPackages } from '../helpers/replay-server.js';

// A snapshot page's body goes to the thread that lints it as its JSON string, as written, and is
// parsed there natively. Every line must give what reading it whole gives: the same text, the
// same finding for a line that is not JSON, the same counts — on one thread or on workers.

/** What JSON.parse says of a line: its fields but the body, and the body. */
function parsed(line: Buffer): { fields: Record<string, unknown>; body: string } {
  const { body, ...fields } = JSON.parse(line.toString('utf8')) as { body: string };
  return { fields: { ...fields, body: '' }, body };
}

/** Every character outside printable ASCII as a \uXXXX escape (astral ones as surrogate pairs), and `/` as `\/`. */
const escapeAll = (json: string) => json.replace(/[^\x20-\x7e]|\//gu, (c) => (c === '/' ? '\\/' : c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')));

const TITLE = 'Qualité "de l’air" C:\\data a/b\ttab\nline 🌍\u2028\u0001';

describe('snapshot page bodies sent as their JSON string', () => {
  const head = '{"page":3,"url":"https://portal.example/p3","fetchedAt":"2026-12-05T07:00:00.000Z","contentType":"application/json","datasets":2';

  it('parse to the text of the body, whatever its escapes', () => {
    const page = JSON.stringify({ success: true, result: { results: [{ title: TITLE }, { title: '\ud83c\udf0d\u00e9' }] } });
    const lines = [
      Buffer.from(`${head},"body":${JSON.stringify(page)}}`),
      Buffer.from(`${head},"body":${escapeAll(JSON.stringify(page))}}`),
      Buffer.from(`${head} , "body" : ${escapeAll(JSON.stringify(page))} } `),
      Buffer.concat([Buffer.from(`${head},"body":`), jsonStringOf(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xe2, 0x82, 0x22, 0x7d]))!, Buffer.from('}')]), // not UTF-8
      Buffer.from(`${head},"body":"a \\ud800 lone"}`), // a lone surrogate (no UTF-8 for it)
    ];
    for (const [i, line] of lines.entries()) {
      const got = pageLine(line, true);
      expect(got?.escaped, `line ${i}`).toBe(true);
      const want = parsed(line);
      expect(literalText(got!.body), `line ${i}`).toBe(want.body);
      expect(got!.fields).toEqual(want.fields);
      // Its own buffer: it can move to a worker.
      expect(got!.body.byteOffset).toBe(0);
      expect(got!.body.buffer.byteLength).toBe(got!.body.length);
    }
    expect(literalText(pageLine(lines[1]!, true)!.body)).toContain(TITLE.replace(/["\\\n\t\u0001]/g, (c) => JSON.stringify(c).slice(1, -1)));
  });

  it('are read here as before when the body is not the last member, or starts as a UTF-16 or UTF-32 text would', () => {
    for (const line of [`${head},"body":"{}","note":"x"}`, `${head},"body":"{}","n":1}`, `${head},"body":"\\u0000\\u0000\u00fe\u00ff"}`]) {
      const got = pageLine(Buffer.from(line), true);
      if (got?.escaped) expect(() => literalText(got.body)).toThrow(BROKEN_LITERAL);
    }
    const notLast = pageLine(Buffer.from(`${head},"body":"{}","n":1}`), true);
    expect(notLast?.escaped).toBeUndefined();
    expect(notLast?.body.toString()).toBe('{}');
    expect(pageLine(Buffer.from([...Buffer.from(`${head},"body":"`), 0xff, 0xfe, 0x22, 0x7d]), true)?.escaped).toBeUndefined();
  });

  it('never give a text JSON.parse of the line would not: every cut and every one-byte deletion of a line', () => {
    const page = JSON.stringify({ t: 'é"q"€\u0001🌍\\/' });
    const line = Buffer.from(`${head},"body":${escapeAll(JSON.stringify(page))}}`);
    let sent = 0;
    for (let i = 0; i < line.length; i++) {
      for (const v of [line.subarray(0, i), Buffer.concat([line.subarray(0, i), line.subarray(i + 1)])]) {
        const got = pageLine(v, true);
        if (!got?.escaped) continue;
        sent++;
        let text: string;
        try {
          text = literalText(got.body);
        } catch (e) {
          // Not one string: the line is read again whole (below, end to end).
          expect((e as Error).message).toBe(BROKEN_LITERAL);
          continue;
        }
        const want = parsed(v);
        expect(text).toBe(want.body);
        expect(got.fields).toEqual(want.fields);
      }
    }
    expect(sent).toBeGreaterThan(line.length / 2);
  });
});

describe('a snapshot replayed with bodies parsed where they are linted', () => {
  const packages = ckanPackages(12);
  // (Without their translated titles, which the report would show instead.)
  packages[0] = { ...packages[0], title: TITLE, title_translated: undefined };
  packages[3] = { ...packages[3], title: 'Dataset \u0000 3', title_translated: undefined };
  const pageBody = (p: number) => JSON.stringify({ help: 'https://portal.example/api/3/action/help_show?name=package_search', success: true, result: { count: 12, results: packages.slice(3 * p, 3 * p + 3) } });
  /** The line with "Dataset \u0000 3" written with the bytes C3 28 (not UTF-8) in place of its escaped \u0000. */
  const notUtf8 = (line: string) => {
    const at = line.indexOf(String.raw`\\u0000`);
    return Buffer.concat([Buffer.from(line.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(line.slice(at + 7))]);
  };
  const pageHead = (p: number) => JSON.stringify({ page: p, url: `https://portal.example/api/3/action/package_search?rows=3&start=${3 * p}`, fetchedAt: '2026-12-05T07:00:00.000Z', announced: 12, contentType: 'application/json', datasets: 3 }).slice(0, -1);
  // Page 0: every escape; page 1: bytes that are not UTF-8 in its body; page 2: a tab in its JSON string (not JSON); page 3: its body not the last member.
  const lines = [
    Buffer.from(JSON.stringify({ odlintSnapshot: 1, url: 'https://portal.example', kind: 'ckan', startedAt: '2026-12-05T07:00:00.000Z', tool: 'odlint test', options: {} })),
    Buffer.from(`${pageHead(0)},"body":${escapeAll(JSON.stringify(pageBody(0)))}}`),
    notUtf8(`${pageHead(1)},"body":${JSON.stringify(pageBody(1))}}`),
    Buffer.from(`${pageHead(2)},"body":${JSON.stringify(pageBody(2)).replace('Dataset 6', 'Dataset\t6')}}`),
    Buffer.from(`${pageHead(3)},"body":${JSON.stringify(pageBody(3))},"note":"the body is not last"}`),
    Buffer.from(JSON.stringify({ end: true, finishedAt: '2026-12-05T07:00:01.000Z', announced: 12, harvested: 12, pages: 4, failedPages: 0 })),
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odlint-literal-'));
  const snapshot = path.join(dir, 'portal.jsonl');
  writeFileSync(snapshot, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));

  /** Lints the snapshot as the CLI does, on `jobs` threads (`mainLane`: whether the main thread is one). */
  async function run(jobs: number, mainLane: boolean) {
    const configRequest = { cwd: dir, noDiscovery: true };
    const config = await loadConfig(configRequest);
    const req = { inputs: [snapshot], config, cwd: dir, data: false, online: false, allowedRoots: [] };
    const plan = await planLint(req);
    const remote: RemoteRun[] = [await openRemote(plan.remote[0]!, remoteBase(localUnitCount(plan), 0), req)];
    const warnings: string[] = [];
    const runSettings: RunSettings = { cwd: dir, data: false, online: false, config: configRequest, allowedRoots: [] };
    const items: string[] = [];
    for await (const e of runPlan(plan, req, runSettings, jobs, new Inventory(), { remote, mainLane, warn: (m) => warnings.push(m) }) as AsyncIterable<RunEvent>) {
      if (e.kind === 'dataset' || e.kind === 'file') items.push(JSON.stringify(e));
    }
    const { pages, harvested, failedPages, announced, linted } = remote[0]!.stats;
    return { items, warnings, stats: { pages, harvested, failedPages, announced, linted } };
  }

  it('gives every page its text, a line that is not JSON its finding, the same counts, on one thread or on workers', { timeout: 120_000 }, async () => {
    const single = await run(1, false);
    const reports = single.items.map((i) => JSON.parse(i) as { kind: string; seq: number[]; report: { id?: string; title?: string; findings: { ruleId: string; messageId: string; message: string }[] } });
    expect(reports.filter((r) => r.kind === 'dataset').map((r) => r.report.id)).toEqual(['dataset-0', 'dataset-1', 'dataset-2', 'dataset-3', 'dataset-4', 'dataset-5', 'dataset-9', 'dataset-10', 'dataset-11']);
    // Its line read whole: what JSON.parse says of it, at the line's place in the run.
    let why = '';
    try {
      JSON.parse(lines[3]!.toString('utf8'));
    } catch (e) {
      why = `line 4 is not JSON (${(e as Error).message})`;
    }
    const bad = reports.find((r) => r.kind === 'file');
    expect(bad?.report.findings.map((f) => [f.ruleId, f.messageId])).toEqual([['core/harvest-error', 'badSnapshot']]);
    expect(bad?.report.findings[0]!.message).toContain(why);
    expect(reports.map((r) => r.kind)).toEqual(['dataset', 'dataset', 'dataset', 'dataset', 'dataset', 'dataset', 'file', 'dataset', 'dataset', 'dataset']);
    // A page's text as reading its line whole gives it (a byte that is not UTF-8 is U+FFFD).
    const datasets = new Map(reports.filter((r) => r.kind === 'dataset').map((r) => [r.report.id, r.report]));
    expect(datasets.get('dataset-0')?.title).toBe(TITLE);
    expect(datasets.get('dataset-3')?.title).toBe('Dataset \ufffd( 3');
    // The line that is not JSON counts as no page, as when it was read whole.
    expect(single.stats).toEqual({ pages: 3, harvested: 9, failedPages: 0, announced: 12, linted: 9 });
    expect(single.warnings).toEqual([]);

    for (const [jobs, mainLane] of [[2, false], [2, true]] as const) {
      const other = await run(jobs, mainLane);
      expect(other.items, `--jobs ${jobs}${mainLane ? ' with the main lane' : ''}`).toEqual(single.items);
      expect(other.stats).toEqual(single.stats);
      expect(other.warnings).toEqual([]);
    }
  });
});
