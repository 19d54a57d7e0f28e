import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataset } from '../../src/engine/check.js';
import { dataFileDataset } from '../../src/engine/lint.js';
import { loadBuiltinRules } from '../../src/engine/registry.js';
import { defineRule, type RuleContext, type RuleModule } from '../../src/engine/rule-api.js';
import type { EffectiveRule } from '../../src/config/types.js';
import type { Dataset } from '../../src/model/index.js';

/**
 * The rule contexts a check hands out are made once per list of enabled rules and reused from
 * dataset to dataset (src/engine/check.ts, SharedContexts): what a rule sees must be what a new
 * context per dataset gave it, and two checks in flight at once must keep their findings apart.
 */
let core: Map<string, RuleModule>;
beforeAll(async () => {
  core = new Map([...(await loadBuiltinRules())].filter(([id]) => id.startsWith('core/')));
});

const run = { cwd: os.tmpdir(), online: false, data: true };
const meta = (id: string) => ({ id, family: 'metadata' as const, description: 'test', rationale: 'test', severity: 'error' as const, presets: [], messages: { seen: '{{what}}' } });

function csv(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'odlint-contexts-')), 'data.csv');
  writeFileSync(file, text);
  return file;
}

/** A CKAN-like dataset named `name`, with a local data file (its check awaits the file) or none. */
function dataset(name: string, file?: string): Dataset {
  const ds = dataFileDataset(file ?? path.join(os.tmpdir(), 'none.csv'), run.cwd);
  ds.source = { format: 'ckan', file: path.join(os.tmpdir(), `${name}.json`) };
  ds.id = name;
  if (!file) delete ds.distributions[0]!.localPath;
  return ds;
}

/** Rules reporting the dataset's id at its start, at each table and at its end; `seen` collects their contexts. */
function rules(source?: 'plugin') {
  const seen: RuleContext[] = [];
  const reporting = (id: string) => {
    const rule = defineRule({
      meta: meta(id),
      create: (context) => {
        seen.push(context);
        let name = '';
        const say = (what: string) => context.report({ messageId: 'seen', data: { what: `${id} ${name} ${what}` }, location: { file: 'x' } });
        return {
          dataset: (ds) => ((name = ds.id ?? ''), say('dataset')),
          endTable: () => say('table'),
          end: () => say('end'),
        };
      },
    });
    return source ? { ...rule, source } : rule;
  };
  const custom = [reporting('metadata/one'), reporting('metadata/two')];
  const all = new Map<string, RuleModule>([...core, ...custom.map((r) => [r.meta.id, r] as const)]);
  const settings = new Map<string, EffectiveRule>([...all.keys()].map((id) => [id, { severity: 'error', options: { n: 1 } }]));
  return { seen, all, settings };
}

const messages = (findings: { message: string }[]) => findings.map((f) => f.message);

describe('rule contexts shared from dataset to dataset', () => {
  it('have the own properties a context made per dataset had, and report into the dataset being checked', async () => {
    const { seen, all, settings } = rules();
    expect(messages(await checkDataset(dataset('a'), all, settings, run))).toEqual(['metadata/one a dataset', 'metadata/two a dataset', 'metadata/one a end', 'metadata/two a end']);
    expect(messages(await checkDataset(dataset('b'), all, settings, { ...run, data: false }))).toEqual(['metadata/one b dataset', 'metadata/two b dataset', 'metadata/one b end', 'metadata/two b end']);
    expect(Object.keys(seen[0]!)).toEqual(['ruleId', 'options', 'severity', 'settings', 'report', 'mark', 'analysis', 'contribute']);
    // The second dataset's contexts are the first's, set to its own settings.
    expect(seen[2]).toBe(seen[0]);
    expect(seen[2]!.settings.data).toBe(false);
    expect(seen[0]!.ruleId).toBe('metadata/one');
    expect(seen[0]!.options).toEqual({ n: 1 });
  });

  it('keep two checks in flight at once apart: each dataset gets its findings, as when checked one at a time', async () => {
    const file = csv('a,b\n1,2\n3,4\n');
    const one = rules();
    const alone = [];
    for (const name of ['a', 'b', 'c']) alone.push(messages(await checkDataset(dataset(name, file), one.all, one.settings, run)));
    const two = rules();
    const together = await Promise.all(['a', 'b', 'c'].map((name) => checkDataset(dataset(name, file), two.all, two.settings, run)));
    expect(together.map(messages)).toEqual(alone);
    expect(alone[1]).toContain('metadata/two b table');
    // The first check held the shared contexts; the two others, started while it awaited, made their own.
    expect(new Set(two.seen).size).toBe(6);
    // Once they are done, the shared contexts are free again.
    await checkDataset(dataset('d', file), two.all, two.settings, run);
    expect(two.seen[6]).toBe(two.seen[0]);
  });

  it('are not given to plugins: their rules get a new context for every dataset', async () => {
    const { seen, all, settings } = rules('plugin');
    await checkDataset(dataset('a'), all, settings, run);
    await checkDataset(dataset('b'), all, settings, run);
    expect(new Set(seen).size).toBe(4);
  });
});
