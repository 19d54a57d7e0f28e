import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

/**
 * The SHACL shape sets odlint runs, each the official files of one part of DCAT-AP as vendored
 * in `schemas/shacl/` (sources, versions, licence and patches: schemas/shacl/SOURCES.md). Each
 * `dcat-ap/*` rule runs one set; the order here is the order in which a result found by several
 * sets is attributed (one missing property is one finding, under the first set that says so).
 */
export const SHAPE_SETS = {
  /** DCAT-AP 3.0.1 mandatory properties, cardinalities, node kinds, datatypes (sh:shape patched to sh:node). */
  mandatory: ['dcat-ap-3.0.1/shapes.ttl'],
  /** DCAT-AP HVD 3.0.0: the HVD profile (with its ranges) and its usage notes (legislation, API, licence). */
  hvd: ['dcat-ap-hvd-3.0.0/hvd-SHACL.ttl', 'dcat-ap-hvd-3.0.0/hvd-SHACL-usagenotes.ttl'],
  /** DCAT-AP-NL 3.0.0 (Geonovum): what the Dutch profile adds to DCAT-AP, with its class ranges. */
  nl: ['dcat-ap-nl-3.0.0/dcat-ap-nl-SHACL.ttl', 'dcat-ap-nl-3.0.0/dcat-ap-nl-SHACL-klassebereik.ttl', 'dcat-ap-nl-3.0.0/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl'],
  /** DCAT-AP 3.0.1 recommended properties (sh:Warning). */
  recommended: ['dcat-ap-3.0.1/shapes_recommended.ttl'],
  /** DCAT-AP-NL 3.0.0 recommended properties (sh:Warning). */
  'nl-recommended': ['dcat-ap-nl-3.0.0/dcat-ap-nl-SHACL-aanbevolen.ttl'],
  /** DCAT-AP 3.0.1 controlled vocabularies (EU authority tables, checked against schemas/shacl/vocabularies/). */
  vocabularies: ['dcat-ap-3.0.1/mdr-vocabularies.shape.ttl'],
  /** DCAT-AP 3.0.1 deprecated properties. */
  deprecated: ['dcat-ap-3.0.1/deprecateduris.ttl'],
  /** DCAT-AP 3.0.1 class ranges (sh:class of every linked resource). */
  ranges: ['dcat-ap-3.0.1/range.ttl'],
} as const;

export type ShapeSetId = keyof typeof SHAPE_SETS;

export const SHAPE_SET_IDS = Object.keys(SHAPE_SETS) as ShapeSetId[];

export function shapesDir(): string {
  return path.join(packageRoot(), 'schemas', 'shacl');
}

/** The Turtle text of one vendored shapes file. */
export function shapesText(file: string): string {
  return readFileSync(path.join(shapesDir(), file), 'utf8');
}
