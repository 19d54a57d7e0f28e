/**
 * Helpers shared by the personal-data rules (not a rule: the registry skips `_` files).
 * Findings about data point at a cell: `{file: table.path, row, field}`; their `data` never
 * holds a suspected personal value, only its masked rendering.
 */
import type { RuleContext, RuleHooks, RuleMeta } from '../../src/engine/rule-api.js';
import type { SourceLocation, TableInfo } from '../../src/model/index.js';
import {
  ALL_DETECTORS,
  atMost,
  CountTally,
  GroupCounter,
  isPersonLevel,
  looksLikeFullDate,
  looksLikePersonName,
  looksLikeStreetAddress,
  maskDate,
  maskName,
  maskText,
  profileTable,
  strongestVerdict,
  ValueScan,
  specialCategoryOfValue,
  type ColumnRole,
  type HeaderCategory,
  type SpecialCategory,
  type TableProfile,
  type ValueDetector,
  type ValueKind,
  type Verdict,
} from '../../src/knowledge/personal-data/index.js';

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

/**
 * Count columns of a table, confirmed by values: their header says "count" and at least 90%
 * of their non-empty cells are whole numbers or suppression markers. Bounded: a few counters
 * per candidate column.
 */
export class CountColumns {
  readonly tallies: { column: ColumnRole; tally: CountTally }[];

  constructor(profile: TableProfile, threshold: number) {
    this.tallies = profile.countCandidates.map((column) => ({ column, tally: new CountTally(threshold) }));
  }

  row(cells: readonly string[], row: number): void {
    for (const { column, tally } of this.tallies) tally.add(cells[column.index] ?? '', row);
  }

  get confirmed(): { column: ColumnRole; tally: CountTally }[] {
    return this.tallies.filter((t) => t.tally.isCountColumn);
  }

  get any(): boolean {
    return this.confirmed.length > 0;
  }
}

/** Most sampled values (at least half) have the expected shape. */
export const mostlyMatching = (t: ShapeTally) => t.sampled > 0 && t.matching >= 0.5 * t.sampled;

export interface ShapeTally {
  sampled: number;
  matching: number;
  rows: number[];
  /** Masked rendering of the first matching value. */
  sample?: string;
}

/**
 * For a few columns, how many of the first `size` non-empty values have an expected shape
 * (names that look like names, birth dates that are dates), with example rows and one masked
 * sample. Bounded: counters only.
 */
export class ShapeSample {
  private readonly tallies = new Map<number, ShapeTally>();
  /** Every column has its sample: later rows cost nothing. */
  private full = false;

  constructor(
    columns: readonly ColumnRole[],
    private readonly test: (value: string) => boolean,
    private readonly mask: (value: string) => string,
    private readonly size: number,
  ) {
    for (const c of columns) this.tallies.set(c.index, { sampled: 0, matching: 0, rows: [] });
  }

  row(cells: readonly string[], row: number): void {
    if (this.full) return;
    let open = false;
    for (const [index, t] of this.tallies) {
      if (t.sampled >= this.size) continue;
      open = true;
      const value = cells[index]?.trim();
      if (!value) continue;
      t.sampled++;
      if (!this.test(value)) continue;
      t.matching++;
      if (t.rows.length < 5) t.rows.push(row);
      t.sample ??= this.mask(value);
    }
    this.full = !open;
  }

  get(column: ColumnRole): ShapeTally {
    return this.tallies.get(column.index) ?? { sampled: 0, matching: 0, rows: [] };
  }
}

export interface PersonColumnSpec {
  /** Header categories of the columns to check. */
  categories: readonly HeaderCategory[];
  /** The shape values must have (in at least half of the sample) for the column to be reported. */
  test: (value: string) => boolean;
  mask: (value: string) => string;
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
export function personColumnHooks(context: RuleContext<{ sampleSize: number }>, spec: PersonColumnSpec): RuleHooks {
  let profile: TableProfile | undefined;
  let counts: CountColumns | undefined;
  let sample: ShapeSample | undefined;
  return {
    table(table) {
      profile = profileTable(table.header);
      counts = new CountColumns(profile, 1);
      sample = new ShapeSample(profile.of(...spec.categories), spec.test, spec.mask, context.options.sampleSize);
    },
    row(cells, ctx) {
      counts?.row(cells, ctx.row);
      sample?.row(cells, ctx.row);
    },
    endTable(table) {
      if (!profile || !counts || !sample || !isPersonLevel(profile, counts.any)) return;
      for (const column of profile.of(...spec.categories)) {
        const s = sample.get(column);
        if (!mostlyMatching(s)) continue;
        const confident = s.matching >= 0.8 * s.sampled && (spec.specific?.(column) ?? true);
        context.report({
          messageId: spec.messageId,
          data: {
            column: column.name,
            ...spec.describe?.(column, profile),
            count: s.matching,
            sampled: s.sampled,
            rows: rowList(s.rows),
            sample: s.sample!,
            confidence: confident ? 'high' : 'medium',
          },
          location: cellAt(table, column, s.rows[0]),
        });
      }
      profile = counts = sample = undefined;
    },
  };
}

interface SpecialValues {
  sampled: number;
  matches: number;
  categories: Set<SpecialCategory>;
  distinct: Set<string>;
  rows: number[];
}

/**
 * Columns whose values name a special category (`musulman`, `homosexuel`, `diabète`): at least
 * two distinct such values in the first `size` rows and in 30% of the values there. Bounded: counters and
 * at most ten distinct values per column.
 */
export class SpecialValueSample {
  private readonly columns: SpecialValues[];
  private seen = 0;

  constructor(
    private readonly roles: readonly ColumnRole[],
    private readonly size: number,
  ) {
    this.columns = roles.map(() => ({ sampled: 0, matches: 0, categories: new Set(), distinct: new Set(), rows: [] }));
  }

  row(cells: readonly string[], row: number): void {
    if (this.seen >= this.size) return; // every column has at most `size` values sampled by now
    this.seen++;
    this.roles.forEach((role, i) => {
      const c = this.columns[i]!;
      const value = cells[role.index]?.trim();
      if (!value) return;
      c.sampled++;
      const category = specialCategoryOfValue(value);
      if (!category) return;
      c.matches++;
      c.categories.add(category);
      if (c.distinct.size < 10) c.distinct.add(value.toLowerCase());
      if (c.rows.length < 5) c.rows.push(row);
    });
  }

  /** Columns that name special categories in their values, with the first row where one appears. */
  found(): { column: ColumnRole; categories: SpecialCategory[]; row: number }[] {
    return this.roles.flatMap((column, i) => {
      const c = this.columns[i]!;
      const ok = c.distinct.size >= 2 && c.matches >= 0.3 * c.sampled;
      return ok ? [{ column, categories: [...c.categories], row: c.rows[0]! }] : [];
    });
  }
}

interface PersonColumnKind {
  categories: HeaderCategory[];
  kind: string;
  test: (v: string) => boolean;
  mask: (v: string) => string;
}

/**
 * Columns that name people in person-level files, with the value shape that confirms them: one
 * source for person-name-column, birth-date-column, address-column and PersonalDataFinder.
 */
export const PERSON_COLUMNS = {
  names: { categories: ['first-name', 'last-name', 'full-name', 'name'], kind: 'person name', test: looksLikePersonName, mask: maskName },
  birthDates: { categories: ['birth-date'], kind: 'birth date', test: looksLikeFullDate, mask: maskDate },
  addresses: { categories: ['address'], kind: 'home address', test: looksLikeStreetAddress, mask: maskText },
} satisfies Record<string, PersonColumnKind>;

export interface FoundPersonalData {
  column: string;
  kind: string;
  /** Masked example, when there is one. */
  sample?: string;
  /** Values passed check digits (the strongest evidence). */
  validated: boolean;
}

/**
 * Everything the personal-data rules would find in one table, in one bounded pass: values
 * confirmed by their detectors, person-level name/birth-date/address columns, and rows singled
 * out by quasi-identifiers. Used to check what the metadata declare.
 */
export class PersonalDataFinder {
  private readonly profile: TableProfile;
  private readonly counts: CountColumns;
  private readonly scan: ValueScan;
  private readonly shapes: { kind: string; columns: ColumnRole[]; sample: ShapeSample }[];
  private readonly groups?: GroupCounter;

  constructor(
    header: readonly string[],
    sampleSize: number,
    private readonly threshold: number,
  ) {
    this.profile = profileTable(header);
    this.counts = new CountColumns(this.profile, threshold);
    this.scan = new ValueScan(this.profile.columns, ALL_DETECTORS, sampleSize);
    this.shapes = Object.values(PERSON_COLUMNS).map(({ categories, kind, test, mask }: PersonColumnKind) => {
      const columns = this.profile.of(...categories);
      return { kind, columns, sample: new ShapeSample(columns, test, mask, sampleSize) };
    });
    if (this.profile.quasiGroups.size >= 2 && !this.profile.organisationRows) this.groups = new GroupCounter(50_000);
    if (this.profile.headerIsData) this.scan.row(header, 1);
  }

  row(cells: readonly string[], row: number): void {
    this.counts.row(cells, row);
    this.scan.row(cells, row);
    for (const s of this.shapes) s.sample.row(cells, row);
    this.groups?.add(this.profile.quasiIdentifiers.map((q) => cells[q.column.index] ?? ''), row);
  }

  found(): FoundPersonalData[] {
    const out: FoundPersonalData[] = [];
    const personLevel = isPersonLevel(this.profile, this.counts.any);
    // As personal-data/phone-number: any phone number about people, only mobile numbers otherwise.
    const kinds = ALL_DETECTORS.map((d) => d.kind).filter((k) => k !== (personLevel ? 'mobile-phone' : 'phone'));
    for (const ev of this.scan.results()) {
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
        column: this.profile.quasiIdentifiers.map((q) => q.column.name).join(' + '),
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
 * Hooks of a rule that detects values of some kinds in every column: a bounded sample per
 * column, free text to the end; one finding per column with its strongest verdict.
 * A verdict without validated values is at most a warning. `kindsFor` narrows the kinds
 * reported by whether the rows are individual people (e.g. only mobile numbers otherwise).
 */
export function valueRuleHooks(
  context: RuleContext<{ sampleSize: number }>,
  detectors: readonly ValueDetector[],
  kindsFor: (personLevel: boolean) => readonly ValueKind[] = () => detectors.map((d) => d.kind),
): RuleHooks {
  let scan: ValueScan | undefined;
  let profile: TableProfile | undefined;
  let counts: CountColumns | undefined;
  return {
    table(table) {
      profile = profileTable(table.header);
      counts = new CountColumns(profile, 1);
      scan = new ValueScan(profile.columns, detectors, context.options.sampleSize);
      // A file without header: its first row is data too.
      if (profile.headerIsData) scan.row(table.header, table.headerRow);
    },
    row(cells, ctx) {
      counts?.row(cells, ctx.row);
      scan?.row(cells, ctx.row);
    },
    endTable(table) {
      if (!scan || !profile || !counts) return;
      const kinds = kindsFor(isPersonLevel(profile, counts.any));
      for (const ev of scan.results()) {
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
      scan = profile = counts = undefined;
    },
  };
}

/** Rationale shared by the personal-data rules. */
export const GDPR_RATIONALE =
  'Open data must not publish personal data without a legal basis (GDPR Art. 5, 6; Open Data Directive 2019/1024 Art. 1(4)). ' +
  'Publishers must anonymise or pseudonymise before publishing (Luxembourg open-data strategy; Brussels ordinance of 27 Oct 2016 on open data).';

export type { RuleMeta };
