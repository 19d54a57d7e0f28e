/**
 * ODS (OpenDocument spreadsheet, ISO/IEC 26300) reader: the package's content.xml holds every
 * sheet (`table:table`); it is streamed once, each sheet going through SheetPass as one table.
 * Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`: LibreOffice pads
 * sheets with a million of them) are expanded only when they hold content, and counted against
 * limits.sheetCells; annotations (cell comments) are not cell text.
 */
import { columnLetters, DEFAULT_LIMITS, LimitExceeded, type Limits } from '../model/index.js';
import { MAX_SHEET_ROWS, SheetPass } from './sheet.js';
import { DataFileError, type ReadOptions, type TableSink } from './types.js';
import { streamXml } from './xml-entry.js';
import { ZipPackage } from './zip-package.js';

/** Columns of the widest sheets LibreOffice writes; repeats beyond are padding. */
const MAX_SHEET_COLUMNS = 16_384;

/** `PT10H30M05S` → `10:30:05` (ODF time values are ISO 8601 durations). */
export function odfTime(value: string): string {
  const m = /^-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?$/.exec(value);
  if (!m) return value;
  const two = (s: string | undefined) => String(Math.floor(Number((s ?? '0').replace(',', '.')))).padStart(2, '0');
  return `${two(m[1])}:${two(m[2])}:${two(m[3])}`;
}

const repeat = (v: string | undefined, max: number) => Math.min(Math.max(1, Number(v ?? 1) || 1), max);

interface CellState {
  value: string | undefined;
  text: string;
  paragraphs: number;
  formula: boolean;
  repeat: number;
  /** Column the cell starts at (0-based). */
  column: number;
}

class ContentHandler {
  /** Table styles that hide their sheet (`table:display="false"`). */
  private readonly hiddenStyles = new Set<string>();
  private styleName: string | undefined;
  private pass: SheetPass | undefined;
  private sheetName = '';
  private sheets = 0;
  private row = 0;
  private rowRepeat = 1;
  private rowHidden = false;
  private cells: string[] = [];
  private column = 0;
  private columnsDeclared = 0;
  private cell: CellState | undefined;
  /** Depth inside an annotation (its text is a comment, not the cell's). */
  private annotation = 0;
  private inParagraph = false;

  constructor(
    private readonly sink: TableSink,
    private readonly file: string,
    private readonly options: ReadOptions,
    private readonly limits: Limits,
  ) {}

  get currentSheet(): string | undefined {
    return this.pass ? this.sheetName : undefined;
  }

  open(tag: string, a: Record<string, string>, selfClosing: boolean): void {
    if (this.annotation) {
      if (tag === 'annotation' && !selfClosing) this.annotation++;
      return;
    }
    switch (tag) {
      case 'style':
        this.styleName = a.family === 'table' ? a.name : undefined;
        break;
      case 'table-properties':
        if (this.styleName && a.display === 'false') this.hiddenStyles.add(this.styleName);
        break;
      case 'table':
        this.startSheet(a);
        if (selfClosing) this.endSheet();
        break;
      case 'table-column':
        this.declareColumns(a);
        break;
      case 'table-row':
        this.row++;
        this.rowRepeat = repeat(a['number-rows-repeated'], MAX_SHEET_ROWS);
        this.rowHidden = a.visibility === 'collapse' || a.visibility === 'filter';
        this.cells = [];
        this.column = 0;
        if (selfClosing) this.endRow();
        break;
      case 'table-cell':
      case 'covered-table-cell':
        this.startCell(a, tag === 'covered-table-cell');
        if (selfClosing) this.endCell();
        break;
      case 'annotation':
        if (!selfClosing) this.annotation = 1;
        break;
      case 'p':
      case 'h':
        if (this.cell && !selfClosing) {
          if (this.cell.paragraphs++ > 0) this.cell.text += '\n';
          this.inParagraph = true;
        }
        break;
      case 's':
        if (this.cell && this.inParagraph) this.cell.text += ' '.repeat(repeat(a.c, 1000));
        break;
      case 'tab':
        if (this.cell && this.inParagraph) this.cell.text += '\t';
        break;
      case 'line-break':
        if (this.cell && this.inParagraph) this.cell.text += '\n';
        break;
    }
  }

  text(t: string): void {
    if (this.cell && this.inParagraph && !this.annotation) this.cell.text += t;
  }

  close(tag: string): void {
    if (this.annotation) {
      if (tag === 'annotation') this.annotation--;
      return;
    }
    switch (tag) {
      case 'p':
      case 'h':
        this.inParagraph = false;
        break;
      case 'table-cell':
      case 'covered-table-cell':
        this.endCell();
        break;
      case 'table-row':
        this.endRow();
        break;
      case 'table':
        this.endSheet();
        break;
      case 'style':
        this.styleName = undefined;
        break;
    }
  }

  private startSheet(a: Record<string, string>): void {
    this.sheets++;
    this.sheetName = a.name ?? `Sheet${this.sheets}`;
    this.row = 0;
    this.columnsDeclared = 0;
    this.pass = new SheetPass(this.sink, {
      path: this.file,
      file: this.options.file,
      reader: 'ods',
      sheet: this.sheetName,
      sheetIndex: this.sheets,
      sheetState: a['style-name'] && this.hiddenStyles.has(a['style-name']) ? 'hidden' : 'visible',
      wantRows: this.options.rows,
      distinctValues: this.options.distinctValues ?? true,
      limits: this.limits,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.dialect ? { dialect: this.options.dialect } : {}),
    });
  }

  private endSheet(): void {
    this.pass?.finish();
    this.pass = undefined;
  }

  private declareColumns(a: Record<string, string>): void {
    if (!this.pass) return;
    const n = repeat(a['number-columns-repeated'], MAX_SHEET_COLUMNS);
    if (a.visibility === 'collapse' || a.visibility === 'filter') {
      for (let i = 0; i < n && this.columnsDeclared + i < MAX_SHEET_COLUMNS; i++) this.pass.hiddenColumns.add(this.columnsDeclared + i);
    }
    this.columnsDeclared += n;
  }

  private startCell(a: Record<string, string>, covered: boolean): void {
    if (!this.pass) return;
    const type = a['value-type'];
    let value: string | undefined;
    if (type === 'float' || type === 'percentage' || type === 'currency') value = a.value;
    else if (type === 'date') value = a['date-value'];
    else if (type === 'time') value = a['time-value'] !== undefined ? odfTime(a['time-value']) : undefined;
    else if (type === 'boolean') value = a['boolean-value'] === 'true' ? 'TRUE' : a['boolean-value'] === 'false' ? 'FALSE' : a['boolean-value'];
    else if (type === 'string') value = a['string-value'];
    const spanColumns = Number(a['number-columns-spanned'] ?? 1);
    const spanRows = Number(a['number-rows-spanned'] ?? 1);
    if (!covered && (spanColumns > 1 || spanRows > 1)) {
      const first = `${columnLetters(this.column)}${this.row}`;
      const last = `${columnLetters(this.column + Math.max(1, spanColumns) - 1)}${this.row + Math.max(1, spanRows) - 1}`;
      this.pass.merged.add(`${first}:${last}`);
    }
    this.cell = { value, text: '', paragraphs: 0, formula: a.formula !== undefined, repeat: repeat(a['number-columns-repeated'], MAX_SHEET_COLUMNS), column: this.column };
  }

  private endCell(): void {
    const c = this.cell;
    if (!c || !this.pass) return;
    this.cell = undefined;
    this.column += c.repeat;
    const value = c.value ?? c.text;
    if (c.formula && c.value === undefined && c.text === '') this.pass.formulasWithoutValue.add(`${columnLetters(c.column)}${this.row}`);
    if (value === '') return;
    this.pass.checkColumn(c.column + c.repeat - 1, this.row);
    this.pass.countCells(c.repeat * this.rowRepeat, this.row);
    while (this.cells.length < c.column) this.cells.push('');
    for (let i = 0; i < c.repeat; i++) this.cells.push(value);
  }

  private endRow(): void {
    if (!this.pass) return;
    const first = this.row;
    this.row += this.rowRepeat - 1;
    if (this.cells.length === 0) return;
    for (let r = first; r <= this.row; r++) this.pass.addRow(r, this.rowRepeat > 1 ? [...this.cells] : this.cells, this.rowHidden);
  }
}

/** The ODS reader's `read` (src/readers/index.ts imports this module when an ODS file is read): one table per sheet, in document order. */
export async function readOds(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const zip = await ZipPackage.open(file, limits, 'ODS file');
  const handler = new ContentHandler(sink, file, options, limits);
  try {
    if (!zip.has('content.xml')) throw new DataFileError('not an ODS spreadsheet: the package has no content.xml');
    await streamXml(zip, 'content.xml', handler, options.clock);
  } catch (err) {
    const sheet = handler.currentSheet;
    if (err instanceof LimitExceeded && sheet !== undefined) Object.assign(err.where, { sheet: err.where.sheet ?? sheet });
    throw err;
  } finally {
    zip.close();
  }
}
