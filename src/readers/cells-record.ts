/**
 * `RecordFacts` of a record handed out as an array of strings (csv-parse, the spreadsheet,
 * Parquet and JSON readers, rows buffered before the header decision): what the CSV tokenizer
 * answers from the text, answered from the strings. One instance is reset for each row.
 */
import { isBlankRow, type RecordFacts, type RecordUnits } from '../model/index.js';
import { hash53 } from '../util/hash53.js';

/** No cell in units: every cell is read from its string. */
const NO_UNITS: RecordUnits = { units: new Uint16Array(0), starts: new Int32Array(0), ends: new Int32Array(0), known: 0 };

export class CellsRecord implements RecordFacts {
  private cells: readonly string[] = [];

  /** This record, now the row `cells`. */
  of(cells: readonly string[]): this {
    this.cells = cells;
    return this;
  }

  get width(): number {
    return this.cells.length;
  }

  cell(i: number): string {
    return this.cells[i]!;
  }

  blank(): boolean {
    return isBlankRow(this.cells);
  }

  /** Not told: the rules look for themselves. */
  nonAscii(): number | undefined {
    return undefined;
  }

  hash53(): number {
    return hash53(this.cells);
  }

  units(): RecordUnits {
    return NO_UNITS;
  }
}
