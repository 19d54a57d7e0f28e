import path from 'node:path';
import { defineFormatter, type ScorecardOptions } from './types.js';
import { csvRow, csvStart } from './_csv.js';
import { factsOf } from './_scorecard-tally.js';
import { writeOutputFile } from '../util/write-atomic.js';
import { isHttpUrl } from '../util/http-url.js';

const DIMENSIONS = ['findability', 'accessibility', 'interoperability', 'reusability', 'contextuality'];
const DIMENSION_MAX: Record<string, number> = { findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 20 };

/** A column: its Table Schema field (name, type, description, constraints). */
interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  title: string;
  description: string;
  format?: string;
  constraints?: Record<string, unknown>;
}

const FIELDS: Field[] = [
  { name: 'dataset', type: 'string', title: 'Dataset identifier', description: 'The identifier the descriptor gives the dataset (else its file and position).', constraints: { required: true } },
  { name: 'title', type: 'string', title: 'Title', description: 'The dataset title (first language given).' },
  { name: 'file', type: 'string', title: 'Descriptor file', description: 'The descriptor file the dataset was read from, relative to where odlint ran.' },
  { name: 'format', type: 'string', title: 'Descriptor format', description: 'The metadata format of the descriptor.', constraints: { enum: ['odlint', 'ckan', 'udata', 'frictionless', 'dcat-ap', 'dcat-us', 'data-file'] } },
  { name: 'publisher', type: 'string', title: 'Publisher', description: 'The organisation publishing the dataset, as the descriptor names it.' },
  { name: 'errors', type: 'integer', title: 'Errors', description: 'Findings of severity error.', constraints: { minimum: 0 } },
  { name: 'warnings', type: 'integer', title: 'Warnings', description: 'Findings of severity warning.', constraints: { minimum: 0 } },
  { name: 'infos', type: 'integer', title: 'Infos', description: 'Findings of severity info.', constraints: { minimum: 0 } },
  { name: 'odlint', type: 'integer', title: 'odlint score', description: "odlint's score from the findings, 0 to 100 (docs/scores.md).", constraints: { minimum: 0, maximum: 100 } },
  { name: 'mqa_points', type: 'integer', title: 'MQA points', description: 'data.europa.eu Metadata Quality Assessment points, 0 to 405.', constraints: { minimum: 0, maximum: 405 } },
  { name: 'mqa_rating', type: 'string', title: 'MQA rating', description: 'excellent (351 and more), good (221), sufficient (121), bad.', constraints: { enum: ['excellent', 'good', 'sufficient', 'bad'] } },
  ...DIMENSIONS.map(
    (d): Field => ({ name: `mqa_${d}`, type: 'integer', title: `MQA ${d}`, description: `MQA points of the ${d} dimension (at most ${DIMENSION_MAX[d]}; format and media type can cost points).`, constraints: { maximum: DIMENSION_MAX[d] } }),
  ),
  { name: 'mqa_not_checked', type: 'string', title: 'MQA indicators not checked', description: 'MQA indicators odlint did not check (e.g. reachability without --online), space-separated; they count 0.' },
  { name: 'udata', type: 'number', title: 'udata quality', description: 'data.gouv.fr (udata) quality score, the share of its 9 criteria met, 0 to 1.', constraints: { minimum: 0, maximum: 1 } },
  { name: 'stars', type: 'integer', title: '5-star openness', description: 'Five-star openness of the best distribution (ckanext-qa), 0 to 5.', constraints: { minimum: 0, maximum: 5 } },
  { name: 'licence', type: 'string', title: 'Licence', description: 'The licence as odlint normalised it: SPDX id, else CKAN licence id, else as written.' },
  { name: 'licence_openness', type: 'string', title: 'Licence openness', description: 'open, not-open, unknown (a licence odlint cannot judge) or missing (none stated, or a placeholder such as notspecified).', constraints: { enum: ['open', 'not-open', 'unknown', 'missing'] } },
  { name: 'machine_readable', type: 'boolean', title: 'Machine-readable', description: "Whether a distribution has a machine-readable format (MQA's list); empty when not scored." },
  { name: 'concerns_individuals', type: 'boolean', title: 'Concerns individuals', description: 'Whether the dataset concerns individuals: declared, else detected in the data read (false when neither says so).' },
  { name: 'sex_disaggregated', type: 'boolean', title: 'Sex-disaggregated', description: 'Whether it concerns individuals and its figures are broken down by sex: declared, else detected.' },
  { name: 'personal_data_findings', type: 'integer', title: 'Suspected personal data', description: 'Findings of the personal-data rules (suspected personal data; the scorecard shows their kinds, never a value).', constraints: { minimum: 0 } },
  { name: 'landing_page', type: 'string', format: 'uri', title: 'Portal page', description: "The dataset's page on the portal (dcat:landingPage), when given." },
];

/** `https://creativecommons.org/...` for the usual open-data licences, else the SPDX page. */
function licenceUrl(id: string): string {
  const cc = /^CC-(BY(?:-SA|-ND|-NC)*)-(\d\.\d)$/i.exec(id);
  if (id === 'CC0-1.0') return 'https://creativecommons.org/publicdomain/zero/1.0/';
  if (cc) return `https://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/`;
  return `https://spdx.org/licenses/${id}.html`;
}

/**
 * The Tabular Data Package describing the CSV (https://specs.frictionlessdata.io/): a Table
 * Schema of its columns, its licence (CC0-1.0 unless `--data-licence`), publisher and contact
 * when given, the run's date and the odlint version — so the indicators can be published as open data on the portal itself.
 */
export function dataPackage(csvName: string, version: string, date: string | undefined, o: ScorecardOptions = {}): unknown {
  const licence = o.dataLicence ?? 'CC0-1.0';
  const contact = o.dataContact === undefined ? undefined : isHttpUrl(o.dataContact) ? { path: o.dataContact } : { email: o.dataContact };
  return {
    profile: 'tabular-data-package',
    name: 'odlint-scorecard',
    title: 'Open-data quality scorecard',
    description:
      'Quality indicators of the datasets of an open-data catalogue, one row per dataset, computed by odlint: findings by severity, ' +
      "odlint's score, the data.europa.eu MQA points and rating per dimension, the udata quality score, five-star openness, licence openness, " +
      'machine-readability, gender flags and the kinds of suspected personal data (never a value).',
    keywords: ['open data', 'metadata quality', 'MQA', 'data quality indicators', 'odlint'],
    version,
    ...(date ? { created: date } : {}),
    licenses: [{ name: licence, path: licenceUrl(licence), title: licence }],
    contributors: [
      ...(o.dataPublisher ? [{ title: o.dataPublisher, role: 'publisher' }] : []),
      ...(contact ? [{ title: o.dataPublisher ?? 'Contact', role: 'contact', ...contact }] : []),
      { title: `odlint ${version}`, role: 'author', path: 'https://github.com/odlint/odlint' },
    ],
    sources: [{ title: `odlint ${version} lint run${date ? ` of ${date}` : ''}`, path: 'https://github.com/odlint/odlint' }],
    resources: [
      {
        name: 'scorecard',
        path: csvName,
        profile: 'tabular-data-resource',
        title: 'Quality indicators per dataset',
        description: 'One row per dataset of the catalogue linted, with its scores and indicators.',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
        schema: { fields: FIELDS, missingValues: [''] },
      },
    ],
  };
}

/**
 * One row per dataset with its scores and indicators: the scorecard as a spreadsheet. Written
 * to a file (`-o`), it is accompanied by a `datapackage.json` in the same folder.
 */
const scorecardCsv = defineFormatter({
  name: 'scorecard-csv',
  description: 'one CSV row per dataset with its scores and indicators (with -o: and a datapackage.json beside it)',
  extension: '.csv',
  open({ version, date, outputFile, scorecard, csvBom }, write) {
    write(csvStart(csvBom) + csvRow(FIELDS.map((f) => f.name)) + '\r\n');
    return {
      dataset(d) {
        const f = factsOf(d);
        const s = d.score ?? {};
        write(
          csvRow([
            d.id, d.title, d.source.file, d.source.format, d.publisher, f.errors, f.warnings, f.infos, s.odlint,
            s.mqa?.points, s.mqa?.rating, ...DIMENSIONS.map((k) => s.mqa?.dimensions[k]?.points), s.mqa?.notChecked?.join(' ') || undefined, s.udata, s.stars,
            f.licenceId, f.licence, f.machineReadable, f.aboutPeople, f.disaggregated, d.findings.filter((x) => x.ruleId.startsWith('personal-data/')).length, d.landingPage,
          ]) + '\r\n',
        );
      },
      file() {},
      end() {
        if (!outputFile) return;
        const pkg = dataPackage(path.basename(outputFile), version, date, scorecard);
        writeOutputFile(path.join(path.dirname(outputFile), 'datapackage.json'), JSON.stringify(pkg, null, 2) + '\n');
      },
    };
  },
});
export default scorecardCsv;
