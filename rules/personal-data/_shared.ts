/**
 * Helpers shared by the personal-data rules (not a rule: the registry skips `_` files).
 * Findings about data point at a cell: `{file: table.path, row, field}`; their `data` never
 * holds a suspected personal value, only its masked rendering.
 */
import { defineAnalysis, type RuleContext, type RuleHooks, type RuleMeta } from '../../src/engine/rule-api.js';
import type { SourceLocation, TableInfo } from '../../src/model/index.js';
import {
  ALL_DETECTORS,
  atMost,
  mostlyMatching,
  PersonalDataScan,
  PERSON_COLUMNS,
  strongestVerdict,
  VALUE_GROUPS,
  VALUE_GROUP_NAMES,
  type ColumnRole,
  type GroupCounter,
  type PersonColumnKind,
  type ShapeSample,
  type TableProfile,
  type ValueGroup,
  type ValueKind,
} from '../../src/knowledge/personal-data/index.js';

/**
 * The one pass over a table that every personal-data rule reads (see `PersonalDataScan`): each
 * rule asks for its parts in its `table` hook and reads them in `endTable`.
 */
export const PERSONAL_DATA_SCAN = defineAnalysis('personal-data scan', (table) => new PersonalDataScan(table.header, table.headerRow));

export const DOCS_BASE = 'rules/personal-data';

/** The cell (or column, when `row` is undefined) a finding points at. */
export function cellAt(table: TableInfo, column: ColumnRole, row?: number): SourceLocation {
  return { file: table.path, ...(row !== undefined ? { row } : {}), field: column.name };
}

/** `2, 5, 9` (the rows kept as examples). */
export const rowList = (rows: readonly number[]) => rows.join(', ');

export const SAMPLE_SIZE_OPTION = {
  sampleSize: {
    type: 'integer',
    minimum: 10,
    description: 'Non-empty values tested per column (free-text columns are searched to the end).',
  },
} as const;

export interface PersonColumnSpec {
  messageId: string;
  /** Extra message data for a column (e.g. which kind of name). */
  describe?: (column: ColumnRole, profile: TableProfile) => Record<string, string>;
  /** Whether the header alone is specific enough for high confidence (default: yes). */
  specific?: (column: ColumnRole) => boolean;
}

/**
 * Hooks of a rule that reports columns named for a kind of personal data (names, birth dates,
 * addresses) in files about individual people, when most sampled values have the expected shape.
 */
export function personColumnHooks(context: RuleContext<{ sampleSize: number }>, kind: PersonColumnKind, spec: PersonColumnSpec): RuleHooks {
  let scan: PersonalDataScan | undefined;
  let sample: ShapeSample | undefined;
  return {
    table(table) {
      scan = context.analysis(PERSONAL_DATA_SCAN, table);
      sample = scan.sampleShapes(kind, context.options.sampleSize);
    },
    endTable(table) {
      if (!scan || !sample || !scan.personLevel) return;
      for (const column of scan.profile.of(...kind.categories)) {
        const s = sample.get(column);
        if (!mostlyMatching(s)) continue;
        const confident = s.matching >= 0.8 * s.sampled && (spec.specific?.(column) ?? true);
        context.report({
          messageId: spec.messageId,
          data: {
            column: column.name,
            ...spec.describe?.(column, scan.profile),
            count: s.matching,
            sampled: s.sampled,
            rows: rowList(s.rows),
            sample: s.sample!,
            confidence: confident ? 'high' : 'medium',
          },
          location: cellAt(table, column, s.rows[0]),
        });
      }
      scan = sample = undefined;
    },
  };
}

export interface FoundPersonalData {
  column: string;
  kind: string;
  /** Masked example, when there is one. */
  sample?: string;
  /** Values passed check digits (the strongest evidence). */
  validated: boolean;
}

/** Distinct quasi-identifier combinations metadata-contradiction tracks (low-k-anonymity's default). */
const FINDER_MAX_GROUPS = 50_000;

/**
 * Everything the personal-data rules would find in one table: values confirmed by their
 * detectors, person-level name/birth-date/address columns, and rows singled out by
 * quasi-identifiers. Asks the scan for all of it (in the `table` hook); used to check what the
 * metadata declare.
 */
export class PersonalDataFinder {
  private readonly shapes: { kind: string; columns: ColumnRole[]; sample: ShapeSample }[];
  private readonly groups?: GroupCounter;

  constructor(
    private readonly scan: PersonalDataScan,
    private readonly sampleSize: number,
    private readonly threshold: number,
  ) {
    for (const group of VALUE_GROUP_NAMES) scan.scanValues(group, sampleSize);
    this.shapes = Object.values(PERSON_COLUMNS).map((kind: PersonColumnKind) => ({
      kind: kind.kind,
      columns: scan.profile.of(...kind.categories),
      sample: scan.sampleShapes(kind, sampleSize),
    }));
    this.groups = scan.quasiIdentifierGroups(FINDER_MAX_GROUPS);
  }

  found(): FoundPersonalData[] {
    const out: FoundPersonalData[] = [];
    const personLevel = this.scan.personLevel;
    // As personal-data/phone-number: any phone number about people, only mobile numbers otherwise.
    const kinds = ALL_DETECTORS.map((d) => d.kind).filter((k) => k !== (personLevel ? 'mobile-phone' : 'phone'));
    for (const ev of this.scan.valueEvidence(this.sampleSize)) {
      const v = strongestVerdict(ev, kinds);
      if (!v || v.level === 'plausible') continue;
      out.push({ column: ev.column.name, kind: v.kind.detector.label, sample: v.sample, validated: v.level === 'confirmed' && v.kind.detector.checkDigits });
    }
    if (!personLevel) return out;
    for (const { kind, columns, sample } of this.shapes) {
      for (const column of columns) {
        const t = sample.get(column);
        if (mostlyMatching(t)) out.push({ column: column.name, kind, ...(t.sample ? { sample: t.sample } : {}), validated: false });
      }
    }
    const k = this.groups?.summary(this.threshold);
    if (k && k.rows > 0 && k.k < this.threshold) {
      out.push({
        column: this.scan.profile.quasiIdentifiers.map((q) => q.column.name).join(' + '),
        kind: `quasi-identifiers with k = ${k.k}`,
        validated: false,
      });
    }
    return out;
  }
}

/** Message templates every value rule (identifiers, contacts, plates) uses. */
export const VALUE_MESSAGES = {
  validated:
    'column "{{column}}" contains {{kind}} values: {{count}} of {{sampled}} sampled values pass the check digits (rows {{rows}}; e.g. {{sample}}; confidence {{confidence}})',
  found:
    'column "{{column}}" contains {{kind}} values: {{count}} of {{sampled}} sampled values (rows {{rows}}; e.g. {{sample}}; confidence {{confidence}})',
  plausible:
    'column "{{column}}" is named for {{kind}} values and {{count}} of {{sampled}} sampled values have their form but fail the check digits (rows {{rows}}; e.g. {{sample}}): mistyped, fake or pseudonymised?',
  embedded: 'free-text column "{{column}}" mentions {{kind}} values in {{count}} cell(s) (rows {{rows}}; e.g. {{sample}})',
} as const;

/**
 * Hooks of a rule that detects values of one group of kinds in every column (read from the
 * shared scan): a bounded sample per column, free text to the end; one finding per column with
 * its strongest verdict.
 * A verdict without validated values is at most a warning. `kindsFor` narrows the kinds
 * reported by whether the rows are individual people (e.g. only mobile numbers otherwise).
 */
export function valueRuleHooks(
  context: RuleContext<{ sampleSize: number }>,
  group: ValueGroup,
  kindsFor: (personLevel: boolean) => readonly ValueKind[] = () => VALUE_GROUPS[group].map((d) => d.kind),
): RuleHooks {
  const { sampleSize } = context.options;
  let scan: PersonalDataScan | undefined;
  return {
    table(table) {
      scan = context.analysis(PERSONAL_DATA_SCAN, table);
      scan.scanValues(group, sampleSize);
    },
    endTable(table) {
      if (!scan) return;
      const kinds = kindsFor(scan.personLevel);
      for (const ev of scan.valueEvidence(sampleSize)) {
        const verdict = strongestVerdict(ev, kinds);
        if (!verdict) continue;
        const { kind, level } = verdict;
        const messageId = level === 'confirmed' ? (kind.detector.checkDigits ? 'validated' : 'found') : level;
        const count = level === 'embedded' ? kind.embedded : level === 'plausible' ? kind.shaped - kind.valid : kind.valid;
        context.report({
          messageId,
          severity: level === 'confirmed' ? context.severity : atMost('warning', context.severity),
          data: {
            column: ev.column.name,
            kind: kind.detector.label,
            kindId: kind.kind,
            count,
            sampled: ev.sampled,
            rows: rowList(verdict.rows),
            sample: verdict.sample,
            confidence: verdict.confidence,
          },
          location: cellAt(table, ev.column, verdict.rows[0]),
        });
      }
      scan = undefined;
    },
  };
}

/** Rationale shared by the personal-data rules. */
export const GDPR_RATIONALE =
  'Open data must not publish personal data without a legal basis (GDPR Art. 5, 6; Open Data Directive 2019/1024 Art. 1(4)). ' +
  'Publishers must anonymise or pseudonymise before publishing (Luxembourg open-data strategy; Brussels ordinance of 27 Oct 2016 on open data).';

export type { RuleMeta };
