import { readFileSync } from 'node:fs';
import { schemaValidator, mainError, describeAjvError } from '../util/json-schema.js';
import { UsageError } from './io.js';

/** schemas/baseline.schema.json */
export interface BaselineFile {
  odlintBaseline: 1;
  createdBy?: string;
  findings: { fingerprint: string; ruleId?: string; file?: string }[];
}

/** Reads a baseline file; a missing or invalid one is a usage error (exit 2, one line). */
export function readBaseline(file: string, shown: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(err.code === 'ENOENT' ? `baseline file ${shown} not found` : `baseline file ${shown} is not valid JSON (${err.code ?? err.message})`);
  }
  const validate = schemaValidator('baseline.schema.json');
  if (!validate(data)) {
    const e = mainError(validate.errors);
    throw new UsageError(`baseline file ${shown} is not an odlint baseline: ${e ? `${e.instancePath || '/'} ${describeAjvError(e)}` : 'invalid'}`);
  }
  return new Set((data as BaselineFile).findings.map((f) => f.fingerprint));
}
