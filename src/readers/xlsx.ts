/**
 * XLSX (Office Open XML, ECMA-376) reader: each worksheet is one table, streamed row by row.
 * The package's small parts are read first — workbook (sheet names, order, hidden state, 1904
 * dates), relationships, styles (which cells are dates), shared strings (held in memory, within
 * limits.sharedStringChars) — then each worksheet's XML is streamed through SheetPass.
 */
import path from 'node:path';
import { columnIndex, columnLetters, DEFAULT_LIMITS, LimitExceeded, type Limits, type SheetTableFacts } from '../model/index.js';
import { SheetPass } from './sheet.js';
import { DataFileError, type ReadOptions, type TableSink } from './types.js';
import { streamXml } from './xml-entry.js';
import { ZipPackage } from './zip-package.js';

const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

interface SheetRef {
  name: string;
  state: SheetTableFacts['sheetState'];
  entry: string;
}

interface Workbook {
  sheets: SheetRef[];
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
}

/** How a number styled by each cell format (`s` attribute) reads: a plain number, a date, a date-time or a time. */
type NumberKind = 'number' | 'date' | 'datetime' | 'time';

/** Built-in number formats (ECMA-376 §18.8.30) that show dates or times. */
const BUILTIN_KINDS: Record<number, NumberKind> = {
  14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime',
  45: 'time', 46: 'time', 47: 'time',
  // East Asian locales' built-in date formats.
  27: 'date', 28: 'date', 29: 'date', 30: 'date', 31: 'date', 32: 'time', 33: 'time', 34: 'time', 35: 'time', 36: 'date',
  50: 'date', 51: 'date', 52: 'date', 53: 'date', 54: 'date', 55: 'date', 56: 'date', 57: 'date', 58: 'date',
};

/** The kind of a custom format code: date/time letters outside quotes, brackets and escapes. */
export function formatKind(code: string): NumberKind {
  const bare = code.replace(/\[(h+|m+|s+)\]/gi, '$1').replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '').split(';')[0]!.toLowerCase();
  // `m` is a month unless hours or seconds are around (then it is minutes).
  const date = /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
  const time = /[hs]/.test(bare) || /am\/pm|a\/p/.test(bare);
  if (date && time) return 'datetime';
  if (date) return 'date';
  return time ? 'time' : 'number';
}

/** Path of a relationship target, from the folder of the part that declares it. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
}

/** Relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`): id → {type, target}. */
async function relationships(zip: ZipPackage, part: string): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const name = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  if (!zip.has(name)) return rels;
  await streamXml(zip, name, {
    open(tag, a) {
      if (tag === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
  });
  return rels;
}

async function readWorkbook(zip: ZipPackage): Promise<Workbook> {
  const root = await relationships(zip, '');
  const main = [...root.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!zip.has(main)) throw new DataFileError('not an XLSX workbook: the package has no workbook part');
  const rels = await relationships(zip, main);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  let position = 0;
  await streamXml(zip, main, {
    open(tag, a) {
      if (tag === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (tag !== 'sheet') return;
      position++;
      const rel = rels.get(a.id ?? '');
      // Without its relationship, a sheet is where writers put it by default.
      const entry = rel ? rel.target : `xl/worksheets/sheet${position}.xml`;
      // Chart sheets and dialog sheets hold no table.
      if ((rel && !REL_WORKSHEET.test(rel.type)) || !zip.has(entry)) return;
      const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
      sheets.push({ name: a.name ?? `Sheet${position}`, state, entry });
    },
  });
  if (sheets.length === 0) throw new DataFileError('the XLSX workbook has no worksheet');
  const find = (re: RegExp) => [...rels.values()].find((r) => re.test(r.type) && zip.has(r.target))?.target;
  const sharedStrings = find(REL_SHARED_STRINGS);
  const styles = find(REL_STYLES);
  return { sheets, date1904, ...(sharedStrings ? { sharedStrings } : {}), ...(styles ? { styles } : {}) };
}

/** The kind of number each cell format index shows. */
async function readStyles(zip: ZipPackage, entry: string | undefined): Promise<NumberKind[]> {
  if (!entry) return [];
  const custom = new Map<number, NumberKind>();
  const kinds: NumberKind[] = [];
  let inCellXfs = false;
  await streamXml(zip, entry, {
    open(tag, a, selfClosing) {
      if (tag === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), formatKind(a.formatCode ?? ''));
      else if (tag === 'cellXfs') inCellXfs = !selfClosing;
      else if (tag === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        kinds.push(custom.get(id) ?? BUILTIN_KINDS[id] ?? 'number');
      }
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return kinds;
}

/** The shared strings table (rich-text runs joined, phonetic guides left out). */
async function readSharedStrings(zip: ZipPackage, entry: string | undefined, limits: Limits): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await streamXml(zip, entry, {
    open(tag, _a, selfClosing) {
      if (tag === 'si') current = '';
      else if (tag === 't' && !selfClosing) inText = true;
      else if (tag === 'rPh' && !selfClosing) phonetic++;
    },
    text(t) {
      if (inText && phonetic === 0 && current !== undefined) current += t;
    },
    close(tag) {
      if (tag === 't') inText = false;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'si') {
        chars += current!.length;
        if (chars > limits.sharedStringChars) throw new LimitExceeded('sharedStringChars', limits.sharedStringChars, {}, { found: chars });
        strings.push(current!);
        current = undefined;
      }
    },
  });
  return strings;
}

/** Excel serial day → ISO text (the 1900 system counts a 29 February 1900 that never was). */
export function serialToIso(serial: number, kind: Exclude<NumberKind, 'number'>, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86400) * 1000;
  const iso = new Date(ms).toISOString();
  if (kind === 'date') return iso.slice(0, 10);
  if (kind === 'time') return iso.slice(11, 19);
  return iso.slice(0, 19);
}

/** A cell's `r` (`BC12`) → 0-based column, or NaN. */
function refColumn(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(ref);
  return m ? columnIndex(m[1]!) : NaN;
}

interface CellState {
  ref: string;
  type: string;
  style: number;
  formula: boolean;
  value: string | undefined;
  inline: string | undefined;
}

/** Streams one worksheet into a SheetPass. */
async function readSheet(zip: ZipPackage, ref: SheetRef, pass: SheetPass, strings: string[], kinds: NumberKind[], date1904: boolean, clock: ReadOptions['clock']): Promise<void> {
  let row = 0;
  let rowHidden = false;
  let cells: string[] = [];
  let column = -1;
  let cell: CellState | undefined;
  let text: 'v' | 't' | undefined;
  let inInline = false;
  let phonetic = 0;

  const valueOf = (c: CellState): string => {
    const v = c.value;
    switch (c.type) {
      case 's':
        return v === undefined ? '' : (strings[Number(v)] ?? '');
      case 'inlineStr':
        return c.inline ?? v ?? '';
      case 'b':
        return v === undefined ? '' : v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
      case 'str':
      case 'e':
      case 'd':
        return v ?? '';
      default: {
        if (v === undefined || v === '') return '';
        const kind = kinds[c.style] ?? 'number';
        const n = Number(v);
        if (kind !== 'number' && Number.isFinite(n)) return serialToIso(n, kind, date1904);
        return v;
      }
    }
  };

  await streamXml(
    zip,
    ref.entry,
    {
      open(tag, a, selfClosing) {
        switch (tag) {
          case 'row':
            row = a.r ? Number(a.r) : row + 1;
            rowHidden = a.hidden === '1' || a.hidden === 'true';
            cells = [];
            column = -1;
            if (selfClosing) pass.addRow(row, cells, rowHidden);
            break;
          case 'c': {
            const at = a.r ? refColumn(a.r) : NaN;
            column = Number.isNaN(at) ? column + 1 : at;
            pass.checkColumn(column, row);
            cell = { ref: a.r ?? `${columnLetters(column)}${row}`, type: a.t ?? 'n', style: Number(a.s ?? 0), formula: false, value: undefined, inline: undefined };
            if (selfClosing) cell = void pass.countCells(1, row);
            break;
          }
          case 'f':
            if (cell) cell.formula = true;
            break;
          case 'v':
            if (cell && !selfClosing) text = 'v';
            break;
          case 'is':
            inInline = !selfClosing;
            break;
          case 't':
            if (cell && inInline && !selfClosing && phonetic === 0) text = 't';
            break;
          case 'rPh':
            if (!selfClosing) phonetic++;
            break;
          case 'col':
            if (a.hidden === '1' || a.hidden === 'true') {
              const first = Number(a.min ?? 1);
              const last = Math.min(Number(a.max ?? first), first + 16_384);
              for (let i = first; i <= last; i++) pass.hiddenColumns.add(i - 1);
            }
            break;
          case 'mergeCell':
            if (a.ref) pass.merged.add(a.ref);
            break;
        }
      },
      text(t) {
        if (!cell || !text) return;
        if (text === 'v') cell.value = (cell.value ?? '') + t;
        else cell.inline = (cell.inline ?? '') + t;
      },
      close(tag) {
        switch (tag) {
          case 'v':
          case 't':
            text = undefined;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c':
            if (!cell) break;
            pass.countCells(1, row);
            if (cell.formula && cell.value === undefined && cell.inline === undefined) pass.formulasWithoutValue.add(cell.ref);
            {
              const value = valueOf(cell);
              if (value !== '') {
                while (cells.length < column) cells.push('');
                cells[column] = value;
              }
            }
            cell = undefined;
            break;
          case 'row':
            pass.addRow(row, cells, rowHidden);
            break;
        }
      },
    },
    clock,
  );
}

/** The XLSX reader's `read` (src/readers/index.ts imports this module when an XLSX file is read): one table per worksheet, in workbook order. */
export async function readXlsx(file: string, sink: TableSink, options: ReadOptions): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const zip = await ZipPackage.open(file, limits, 'XLSX file');
  try {
    const book = await readWorkbook(zip);
    const kinds = await readStyles(zip, book.styles);
    const strings = await readSharedStrings(zip, book.sharedStrings, limits);
    for (const [i, ref] of book.sheets.entries()) {
      const pass = new SheetPass(sink, {
        path: file,
        file: options.file,
        reader: 'xlsx',
        sheet: ref.name,
        sheetIndex: i + 1,
        sheetState: ref.state,
        wantRows: options.rows,
        distinctValues: options.distinctValues ?? true,
        limits,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.dialect ? { dialect: options.dialect } : {}),
      });
      try {
        await readSheet(zip, ref, pass, strings, kinds, book.date1904, options.clock);
      } catch (err) {
        if (err instanceof LimitExceeded) Object.assign(err.where, { sheet: err.where.sheet ?? ref.name });
        throw err;
      }
      pass.finish();
    }
  } finally {
    zip.close();
  }
}
