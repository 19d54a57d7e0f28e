/**
 * Turns detections into what a finding needs: a short phrase saying what was seen, and the cell
 * (file, row, column) where it was seen.
 */
import type { SourceLocation } from '../../model/index.js';
import type { TableGender, SexColumn } from './table-detector.js';

export interface Evidence {
  /** What was seen, without the file: `column "élèves" counts people`. */
  text: string;
  /** The data file, as displayed in reports. */
  file: string;
  location: SourceLocation;
}

/** The data file as messages name it: a spreadsheet's sheet too. */
function shownFile(t: TableGender): string {
  return t.sheet !== undefined ? `${t.file} (sheet "${t.sheet}")` : t.file;
}

/** The header cell of a column (or the given row of it). */
export function columnAt(t: TableGender, column: string, row?: number): SourceLocation {
  return { file: t.path, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), row: row ?? (t.headerRow || 1), field: column };
}

/** Column names quoted, the first three only ("P20_H0014" and 20 more make no message). */
export const quotedColumns = (names: readonly string[]): string => names.slice(0, 3).map((n) => `"${n}"`).join(', ') + (names.length > 3 ? ` (+${names.length - 3} more)` : '');

/** Why a table concerns individuals, strongest sign first. */
export function personEvidence(t: TableGender): Evidence | undefined {
  const count = t.personCounts.find((p) => p.basis !== 'dimension') ?? t.personCounts[0];
  if (count?.basis === 'row-label') {
    return { text: `rows labelled "${count.term}" count people`, file: shownFile(t), location: columnAt(t, count.column, count.row) };
  }
  if (count?.basis === 'header') return { text: `column "${count.column}" counts people`, file: shownFile(t), location: columnAt(t, count.column) };
  const sex = sexEvidence(t);
  if (sex) return sex;
  const attr = t.personAttributes[0];
  if (attr) return { text: `column "${attr.column}" describes persons (${attr.kind})`, file: shownFile(t), location: columnAt(t, attr.column) };
  return undefined;
}

/** The table's sex dimension, described. */
export function sexEvidence(t: TableGender): Evidence | undefined {
  if (t.sexColumns.length) {
    const first = t.sexColumns[0]!;
    const text = `sex column${t.sexColumns.length > 1 ? 's' : ''} ${describeSexColumns(t.sexColumns)}`;
    return { text, file: shownFile(t), location: columnAt(t, first.column) };
  }
  const g = t.sexColumnGroup;
  if (g && g.male.length && g.female.length) {
    return { text: `separate columns for women and men (${quotedColumns(g.female)} and ${quotedColumns(g.male)})`, file: shownFile(t), location: columnAt(t, g.female[0]!) };
  }
  return undefined;
}

/** `"Sexe" (SDMX CL_SEX), "Genre" (French words)`. */
export function describeSexColumns(columns: SexColumn[]): string {
  return columns.map((c) => `"${c.column}" (${c.schemeLabel})`).join(', ');
}

/** The first evidence over several tables. */
export function firstEvidence(tables: readonly TableGender[], of: (t: TableGender) => Evidence | undefined): Evidence | undefined {
  for (const t of tables) {
    const e = of(t);
    if (e) return e;
  }
  return undefined;
}
