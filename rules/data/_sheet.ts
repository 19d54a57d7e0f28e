/**
 * Helpers shared by the `data/sheet-*` rules (not a rule: the registry skips `_` files).
 */
import type { SourceLocation, TableInfo } from '../../src/model/index.js';

/** A cell or range (`B7`, `A1:C1`) of the table's sheet, with the row it starts on. */
export function sheetCell(table: TableInfo, ref: string): SourceLocation {
  return { file: table.path, sheet: table.sheet!, cell: ref, row: Number(/\d+/.exec(ref)![0]) };
}
