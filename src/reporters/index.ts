import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatNames, MODULE_EXTENSION, REPORTERS_DIR } from '../util/format-names.js';
import { defineFormatter, type FormatContext, type Formatter } from './types.js';
import type { DatasetReport, FileReport, Report } from '../model/index.js';

export type { Formatter, FormatContext, FormatSession, OpenContext } from './types.js';
export { buildReport } from './build-report.js';
export { formatNames } from '../util/format-names.js';

/** `-f ./my-formatter.js`: a format given as the path of a module rather than a name. */
export const isFormatterPath = (format: string) => /[\\/]/.test(format) || /\.[cm]?js$/i.test(format);

/**
 * A built-in format by name, or a formatter module by path (resolved against `cwd`). A module
 * default-exports either a Formatter (streaming: `open(context, write)`, see types.ts) or, like
 * ESLint's formatters, a function `(report, context) => string` given the whole JSON report
 * (schemas/report.schema.json) once the run is done (docs/reports.md).
 */
export async function loadFormatter(name: string, cwd = process.cwd()): Promise<Formatter | undefined> {
  if (isFormatterPath(name)) return customFormatter(name, (await import(pathToFileURL(path.resolve(cwd, name)).href)) as { default?: unknown });
  if (!formatNames().includes(name)) return undefined;
  const mod = (await import(pathToFileURL(path.join(REPORTERS_DIR, name + MODULE_EXTENSION)).href)) as { default: Formatter };
  return mod.default;
}

type ReportFunction = (report: Report, context: FormatContext) => string;

function customFormatter(name: string, mod: { default?: unknown }): Formatter {
  const exported = mod.default;
  if (exported && typeof exported === 'object' && typeof (exported as Formatter).open === 'function') {
    const f = exported as Partial<Formatter> & Pick<Formatter, 'open'>;
    return typeof f.format === 'function' ? (f as Formatter) : defineFormatter({ ...f, name: f.name ?? name, description: f.description ?? name, extension: f.extension ?? '.txt' });
  }
  if (typeof exported !== 'function') throw new Error('its default export is neither a function (report, context) => string nor a formatter with open()');
  const render = exported as ReportFunction;
  return defineFormatter({
    name,
    description: `formatter module ${name}`,
    extension: '.txt',
    open(context, write) {
      // The function form gets the whole report: it is collected (the streaming form is `open`).
      const datasets: DatasetReport[] = [];
      const files: FileReport[] = [];
      // Under --quiet only errors are listed, as in the built-in formats.
      const shown = <T extends { findings: Report['files'][number]['findings'] }>(x: T): T => (context.quiet ? { ...x, findings: x.findings.filter((f) => f.severity === 'error') } : x);
      return {
        dataset: (d) => datasets.push(shown(d)),
        file: (f) => files.push(shown(f)),
        end(summary) {
          const out = render({ tool: { name: 'odlint', version: context.version }, schemaVersion: 1, datasets, files, summary }, context);
          if (typeof out !== 'string') throw new Error(`formatter ${name} returned ${typeof out}, not a string`);
          write(out);
        },
      };
    },
  });
}
