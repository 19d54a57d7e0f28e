import { describe, it, expect, beforeAll } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT, CORPUS } from '../helpers/lint.js';
import type { Report } from '../../src/model/index.js';

// End-to-end: the built executable (npm test builds dist/ first), as users and CI run it.
const BIN = path.join(ROOT, 'bin', 'odlint.js');
const odlint = (args: string[], cwd = ROOT) => execa('node', [BIN, ...args], { cwd, reject: false, stripFinalNewline: false, env: { NO_COLOR: '1' } });

let validateReport: (r: unknown) => boolean;
beforeAll(() => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const fn = ajv.compile(schema);
  validateReport = (r) => {
    const ok = fn(r);
    if (!ok) throw new Error(JSON.stringify(fn.errors, null, 2));
    return ok;
  };
});

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'odlint-cli-'));

describe('odlint lint', () => {
  it('prints the findings of a bad example and exits 1', async () => {
    const r = await odlint(['fixtures/odlint/bad']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'fixtures/odlint/bad/dataset.yaml',
      '  2:1  error    no licence is stated for this dataset  licence/licence-missing',
      '  2:1  warning  the dataset has no contact point  metadata/contact-point-missing',
      '  2:1  warning  the dataset has no keywords  metadata/keywords-missing',
      '  3:1  warning  the description has 14 characters; at least 101 are expected  metadata/description-too-short',
      '  7:5  error    data file "data/counts.csv" does not exist  data/file-missing',
      '',
      '✖ 5 problems (2 errors, 3 warnings, 0 info) in 1 dataset',
      '',
    ]);
  });

  it('exits 0 on a good example', async () => {
    const r = await odlint(['fixtures/odlint/good']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('✔ 1 dataset checked, no problems\n');
  });

  it('reports every dataset of the CKAN, udata and Frictionless corpus in valid JSON, never exit 2', async () => {
    const files = ['ckan', 'udata', 'frictionless'].flatMap((d) => readdirSync(path.join(CORPUS, d)).map((f) => path.join(CORPUS, d, f)));
    const r = await odlint(['--format', 'json', ...files]);
    expect([0, 1]).toContain(r.exitCode);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report)).toBe(true);
    // Datasets per descriptor, counted by hand in the corpus files.
    const perFile = new Map<string, number>();
    for (const d of report.datasets) perFile.set(path.basename(d.source.file), (perFile.get(path.basename(d.source.file)) ?? 0) + 1);
    expect(perFile.get('udata__results.json')).toBe(15);
    expect(perFile.get('frictionless-py__dadosgovbr_package_search_rows2.json')).toBe(2);
    for (const f of readdirSync(path.join(CORPUS, 'ckan'))) expect(perFile.get(f), f).toBeGreaterThanOrEqual(1);
    expect(perFile.get('udata-front-kit__datasetResponse-found.json')).toBe(1);
    const packages = report.datasets.filter((d) => d.source.format === 'frictionless').map((d) => d.source.file.split('/').at(-2));
    // country-list's datapackage.yml is invalid YAML (an unquoted ": " inside a value): a parse error, not a dataset.
    expect(packages.sort()).toEqual(readdirSync(path.join(CORPUS, 'frictionless')).filter((p) => p !== 'datasets-country-list__country-list').sort());
    expect(report.files.map((f) => [path.basename(f.file), f.findings.map((x) => [x.ruleId, x.location.line, x.location.column])])).toEqual([
      ['datapackage.yml', [['core/parse-error', 15, 18]]],
    ]);
  });

  it('reports every dataset of the DCAT-AP and DCAT-US corpus in valid JSON, never exit 2', async () => {
    const files = ['dcat-ap', 'dcat-us'].flatMap((d) => readdirSync(path.join(CORPUS, d)).map((f) => path.join(CORPUS, d, f)));
    const r = await odlint(['--format', 'json', ...files]);
    expect([0, 1]).toContain(r.exitCode);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report)).toBe(true);
    // Datasets per file and format, counted by hand in the corpus files.
    const perFile: Record<string, string> = {};
    for (const d of report.datasets) {
      const key = path.basename(d.source.file);
      const [format, n] = (perFile[key] ?? `${d.source.format} 0`).split(' ');
      perFile[key] = `${format} ${Number(n) + 1}`;
    }
    expect(perFile).toEqual({
      'ckanext-dcat__catalog.rdf': 'dcat-ap 2',
      'ckanext-dcat__catalog_datasets_list.rdf': 'dcat-ap 2',
      'ckanext-dcat__catalog_with_at_graph.jsonld': 'dcat-ap 1',
      'ckanext-dcat__dataset.rdf': 'dcat-ap 1',
      'ckanext-dcat__dataset.ttl': 'dcat-ap 2',
      'ckanext-dcat__dataset_afs.ttl': 'dcat-ap 1',
      'ckanext-dcat__dataset_deri.ttl': 'dcat-ap 1',
      'ckanext-dcat__dataset_gob_es.ttl': 'dcat-ap 1',
      'ckanext-dcat__dataset_gov_de.rdf': 'dcat-ap 1',
      'ckanext-dcat__dataset_health.ttl': 'dcat-ap 1',
      'ckanext-dcat__dataset_multilingual.ttl': 'dcat-ap 1',
      'ckanext-dcat__dataset_sweden.rdf': 'dcat-ap 1',
      'semic-dcat-ap__example-bee-population-dataset-series-combined.jsonld': 'dcat-ap 5',
      'semic-dcat-ap__example-bee-population-dataset-series-combined.ttl': 'dcat-ap 5',
      'semic-dcat-ap__example-data_service_terms_sla.ttl': 'dcat-ap 2',
      'semic-dcat-ap__example-ms_catalogue.jsonld': 'dcat-ap 1',
      'semic-dcat-ap__example-ms_catalogue.ttl': 'dcat-ap 1',
      'semic-dcat-ap__example-ms_dataset_2_licenses.ttl': 'dcat-ap 2',
      'semic-dcat-ap__example-ms_dataset_hvd_profile.jsonld': 'dcat-ap 1',
      'semic-dcat-ap__example1.nt': 'dcat-ap 1',
      'semic-dcat-ap__example2.nt': 'dcat-ap 1',
      'ckanext-datajson__arm.data.json': 'dcat-us 3',
      'ckanext-datajson__collection-1-parent-2-children.data.json': 'dcat-us 3',
      'ckanext-datajson__geospatial.data.json': 'dcat-us 2',
      'ckanext-datajson__many-resources.data.json': 'dcat-us 1',
      'ckanext-datajson__missing-catalog.data.json': 'dcat-us 2',
      'ckanext-datajson__missing-dataset-fields.data.json': 'dcat-us 2',
      'ckanext-datajson__missing-identifier-title.data.json': 'dcat-us 3',
      'ckanext-datajson__null-spatial.data.json': 'dcat-us 1',
      'ckanext-datajson__numerical-title.data.json': 'dcat-us 1',
      'ckanext-datajson__ny.data.json': 'dcat-us 1',
      'ckanext-datajson__reserved-title.data.json': 'dcat-us 1',
      'ckanext-datajson__usda.gov.data.json': 'dcat-us 3',
      'ckanext-dcat__catalog_pod.jsonld': 'dcat-us 1',
      'pod__catalog-sample-extended.json': 'dcat-us 3',
      'pod__catalog-sample.json': 'dcat-us 3',
      'pod__examples__catalog-sample.json': 'dcat-us 3',
      // The legacy POD CSV catalog is a CSV: linted as a data file.
      'pod__catalog-sample.csv': 'data-file 1',
    });
    // RDF findings name the statement they are about.
    const hvd = report.datasets.find((d) => d.source.file.endsWith('semic-dcat-ap__example-ms_dataset_2_licenses.ttl'))!;
    expect(hvd.findings.find((f) => f.ruleId === 'metadata/description-missing')?.location).toEqual({
      file: hvd.source.file,
      subject: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B',
      line: 6,
      column: 1,
    });
    // Files with no dataset to show say why, where they can; a file read around its syntax
    // errors has them at file level, next to its datasets.
    expect(report.files.map((f) => [path.basename(f.file), f.findings.map((x) => [x.ruleId, x.location.line, x.location.column])])).toEqual([
      [
        'ckanext-dcat__dataset.ttl',
        [
          ['core/parse-error', 149, 17],
          ['core/parse-error', 150, 17],
          ['core/parse-error', 154, 44],
          ['core/parse-error', 206, 17],
          ['core/parse-error', 207, 17],
        ],
      ],
      ['semic-dcat-ap__example-bee-population-dataset-series-combined.ttl', [['core/parse-error', 32, 1], ['core/parse-error', 34, 1]]],
      ['pod__catalog-sample.xml', [['core/not-a-descriptor', undefined, undefined]]],
      ['pod__catalog-template-extended.xml', [['core/not-a-descriptor', undefined, undefined]]],
    ]);
  });

  it('reports malformed JSON and YAML with line and column, and still lints the other inputs', async () => {
    const r = await odlint(['--format', 'json', 'fixtures/malformed/broken.json', 'fixtures/malformed/broken.yaml', 'fixtures/odlint/good']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report)).toBe(true);
    expect(report.datasets.map((d) => d.source.file)).toEqual(['fixtures/odlint/good/dataset.yaml']);
    const parseErrors = report.files.flatMap((f) => f.findings);
    expect(parseErrors.map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.location.file, line: typeof f.location.line, column: typeof f.location.column }))).toEqual([
      { ruleId: 'core/parse-error', severity: 'error', file: 'fixtures/malformed/broken.json', line: 'number', column: 'number' },
      { ruleId: 'core/parse-error', severity: 'error', file: 'fixtures/malformed/broken.yaml', line: 'number', column: 'number' },
    ]);
  });

  it('reports a CKAN error envelope and a file that is no descriptor, without stopping', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'notes.json'), '{"hello": "world"}');
    cpSync(path.join(ROOT, 'fixtures/ckan/api-error.json'), path.join(dir, 'api-error.json'));
    const r = await odlint(['-f', 'json', 'api-error.json', 'notes.json'], dir);
    const report = JSON.parse(r.stdout) as Report;
    expect(r.exitCode).toBe(1);
    expect(report.files.map((f) => [f.file, f.findings[0]!.ruleId, f.findings[0]!.messageId])).toEqual([
      ['api-error.json', 'core/api-error', 'apiError'],
      ['notes.json', 'core/not-a-descriptor', 'notADescriptor'],
    ]);
    expect(report.files[1]!.findings[0]!.message).toBe('not a dataset descriptor: no CKAN, udata, Frictionless, DCAT or odlint dataset found (top-level keys: hello)');
  });

  it('writes reports with -o atomically, the format following -f or the extension', async () => {
    const dir = tmp();
    const r = await odlint(['fixtures/odlint/bad', '-o', path.join(dir, 'out', 'report.json'), '-f', 'json', '-f', 'stylish']);
    // -f json pairs with -o; the second format goes to stdout.
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('licence/licence-missing');
    expect(r.stderr).toMatch(/^odlint: json report written to .*report\.json\n$/);
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8')) as Report;
    expect(report.summary).toEqual({
      datasets: 1,
      files: 1,
      errors: 2,
      warnings: 3,
      infos: 0,
      inventory: { loaded: { files: 1, datasets: 1, byFormat: { odlint: 1 } }, skipped: { files: 0, byFormat: {} }, failed: { files: 0, byFormat: {} } },
    });
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['report.json']); // no temporary file left
  });

  it('applies --fail-on, --max-warnings, --quiet and --rule', async () => {
    expect((await odlint(['fixtures/odlint/bad', '--fail-on', 'never'])).exitCode).toBe(0);
    const quiet = await odlint(['fixtures/odlint/bad', '--quiet']);
    expect(quiet.stdout).not.toMatch(/^\s+\S+\s+warning\s/m);
    expect(quiet.stdout).toContain('✖ 2 problems (2 errors) in 1 dataset');
    const offs = ['--rule', 'licence/licence-missing=off', '--rule', 'data/file-missing=warning'];
    expect((await odlint(['fixtures/odlint/bad', ...offs])).exitCode).toBe(0);
    expect((await odlint(['fixtures/odlint/bad', ...offs, '--max-warnings', '3'])).exitCode).toBe(1);
    expect((await odlint(['fixtures/odlint/bad', ...offs, '--max-warnings', '4'])).exitCode).toBe(0);
    expect((await odlint(['fixtures/odlint/bad', ...offs, '--fail-on', 'warning'])).exitCode).toBe(1);
  });

  it('--no-data does not look at data files', async () => {
    const r = await odlint(['fixtures/odlint/bad', '--no-data', '-f', 'json']);
    const report = JSON.parse(r.stdout) as Report;
    // file-missing is a metadata check on a path: it still runs; nothing reads data.
    expect(report.datasets[0]!.findings.map((f) => f.ruleId)).toContain('data/file-missing');
  });

  it('exits 2 with one line for usage and config errors, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['no/such/file.json'], /^odlint: no descriptor or data file found in no\/such\/file\.json \(no such file or folder\)\n$/],
      [['--format', 'pdf', 'fixtures/odlint/good'], /^odlint: unknown format "pdf" \(available: .*json.*stylish.*\)\n$/],
      [['--rule', 'metadata/title-mising=error', 'fixtures/odlint/good'], /^odlint: --rule: unknown rule "metadata\/title-mising" \(did you mean "metadata\/title-missing"\?\)\n$/],
      [['--rule', 'metadata/nope=error', 'fixtures/odlint/good'], /^odlint: --rule: unknown rule "metadata\/nope"\n$/],
      [['--max-warnings', 'many', 'fixtures/odlint/good'], /^odlint: --max-warnings expects a non-negative integer \(got "many"\)\n$/],
      [['-p', 'belgium', 'fixtures/odlint/good'], /^odlint: unknown preset "belgium" \(known: recommended, strict, .*\)\n$/],
      [['--bogus'], /^odlint: unknown option '--bogus'\n/],
    ];
    for (const [args, stderr] of cases) {
      const r = await odlint(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(stderr);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 naming the file and pointer of a bad config', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'odlint.config.yaml'), 'rules:\n  metadata/description-too-short: [warning, {minLength: 0}]\n');
    mkdirSync(path.join(dir, 'data'));
    const r = await odlint(['.'], dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('odlint: odlint.config.yaml at /rules/metadata~1description-too-short: rule metadata/description-too-short option minLength: must be >= 1\n');
  });

  it('uses the discovered config file', async () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'fixtures/odlint/bad'), path.join(dir, 'ds'), { recursive: true });
    writeFileSync(path.join(dir, '.odlintrc.json'), JSON.stringify({ rules: { 'licence/licence-missing': 'off', 'data/file-missing': 'off' } }));
    const r = await odlint(['ds'], path.join(dir));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('✖ 3 problems (0 errors, 3 warnings, 0 info)');
  });
});

describe('odlint rules / init / version', () => {
  it('lists rules, as text and JSON', async () => {
    const text = await odlint(['rules']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^licence\/licence-missing {2}error {2}presets: .*\n {4}The dataset states no licence/m);
    const json = JSON.parse((await odlint(['rules', '--json'])).stdout) as { id: string; severity: string }[];
    expect(json.find((r) => r.id === 'metadata/description-too-short')).toMatchObject({ severity: 'warning', defaultOptions: { minLength: 101 } });
  });

  it('explains a rule with its docs, and suggests on a typo', async () => {
    const r = await odlint(['rules', 'explain', 'metadata/description-too-short']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('minLength (integer, default 101)');
    expect(r.stdout).toContain('# metadata/description-too-short');
    const typo = await odlint(['rules', 'explain', 'metadata/description-to-short']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toBe('odlint: unknown rule "metadata/description-to-short" (did you mean "metadata/description-too-short"?)\n');
  });

  it('init writes a valid commented config once', async () => {
    const dir = tmp();
    const first = await odlint(['init'], dir);
    expect(first.exitCode).toBe(0);
    const text = readFileSync(path.join(dir, 'odlint.config.yaml'), 'utf8');
    expect(text).toMatch(/^# odlint configuration/);
    const again = await odlint(['init'], dir);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe('odlint: odlint.config.yaml already exists (use --force to overwrite)\n');
    // The starter config is accepted as it is.
    cpSync(path.join(ROOT, 'fixtures/odlint/good'), path.join(dir, 'ds'), { recursive: true });
    expect((await odlint(['ds'], dir)).exitCode).toBe(0);
  });

  it('stops quietly when the reader of its output goes away (EPIPE)', async () => {
    const r = await execa('sh', ['-c', `node "${BIN}" rules --json | head -c 1`], { reject: false });
    expect(r.stdout).toBe('[');
    expect(r.stderr).toBe('');
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await odlint(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('keeps docs/rules.md in step with the rules', async () => {
    const r = await odlint(['rules', '--markdown']);
    expect(existsSync(path.join(ROOT, 'docs', 'rules.md'))).toBe(true);
    expect(readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8')).toBe(r.stdout);
  });
});
