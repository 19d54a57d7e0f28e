/**
 * A char-code CSV tokenizer for the common case, 3–4× faster than csv-parse: each chunk is
 * decoded to one string (Latin-1 text by a byte copy: latin1-text.ts), unquoted values are found
 * with cached `indexOf` positions and noted where they are (a cell's string is cut out with
 * `slice` only when a consumer asks: `cell(i)`, `cells()`), quoted values are read quote to
 * quote and noted the same way (their text between the quotes; a value with doubled quotes is
 * made a string only when asked, and its units undoubled in the record's copy). It reads exactly
 * what csv-parse (with the options of src/readers/csv.ts) reads — a differential test holds it
 * to that — and stops where csv-parse's relaxed reading gets subtle:
 * text after a closing quote, a line break of another kind than the record delimiter outside
 * quotes, an unclosed quote at the end, a record near the size limit. The reader then hands the
 * rest, from the start of that record, to csv-parse.
 */
import { isAscii } from 'node:buffer';
import { RowUnits } from '../util/hash53.js';
import { latin1Joined, latin1NonAscii, latin1NonAsciiCount, latin1Utf8 } from './latin1-text.js';
import { cellsOf, type RecordFacts, type RecordUnits } from '../model/index.js';

const LF = 10;
const COMMA = 44;
const CR = 13;
const PIECE = 48 * 1024;
/** Pieces decoded without trying Latin-1 after one that had characters from U+0100 on. */
const LATIN1_SKIP = 16;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const SURROGATE = /[\ud800-\udfff]/;
/** The next character outside ASCII from `lastIndex` on (`test` with `g` moves `lastIndex`: no match object). */
// eslint-disable-next-line no-control-regex
const NEXT_NON_ASCII = /[^\x00-\x7f]/g;
/** Records of at most this many cells can say which of their cells are outside ASCII (bits of a number). */
export const MASK_CELLS = 31;

export interface TokenizerDialect {
  delimiter: string;
  quote: string;
  /** The one record delimiter (a file whose sample mixes line endings goes to csv-parse). */
  recordDelimiter: string;
  /** Records longer than this many bytes are csv-parse's to refuse (`max_record_size`). */
  maxRecordBytes: number;
}

/**
 * Called for each record, which the tokenizer then answers for (`RecordFacts`: its cells, cut
 * only when asked, or all of them by `cells()`); `breaks`: line breaks inside its quoted values
 * (CRLF counts once).
 */
export type RecordHandler = (breaks: number) => void;

/** Cells whose places a record holds before its arrays grow. */
const CELLS = 64;

/** Whether UTF-8 bytes hold a character written as a surrogate pair once decoded (native scans, no regular expression over the text). */
function hasPairs(buf: Buffer): boolean {
  // Valid UTF-8 (invalid bytes never reach the tokenizer) writes a surrogate pair as 4 bytes led by F0–F4.
  for (let b = 0xf0; b <= 0xf4; b++) if (buf.indexOf(b) >= 0) return true;
  return false;
}

/**
 * A piece of UTF-8 decoded: its text (after the text left over when `joined`), all ASCII, free
 * of surrogate pairs, whether `latin1NonAscii` says where its characters outside ASCII are.
 */
interface DecodedPiece {
  text: string;
  joined: boolean;
  ascii: boolean;
  bmp: boolean;
  located: boolean;
}

export class CsvTokenizer implements RecordFacts {
  /** Text not yet tokenized: it starts at the beginning of a record. */
  private text = '';
  /** The first bytes of a UTF-8 character cut at the end of the last chunk. */
  private cut: Buffer | undefined;
  /** Pieces still to decode without trying Latin-1 first (one had characters from U+0100 on). */
  private latin1Skip = 0;
  /** The rest of a chunk, after the piece where the tokenizer stopped (UTF-8). */
  private left: Buffer | undefined;
  private readonly d: number;
  private readonly q: number;
  private readonly quote: string;
  private readonly delimiter: string;
  private readonly crlf: boolean;
  /** The record delimiter when it is one character (LF or CR). */
  private readonly rd: number;
  private readonly maxRecordChars: number;
  /** Delimiter and quote are ASCII: every character outside ASCII in a record's text is in a cell. */
  private readonly asciiDialect: boolean;
  /**
   * The record being handed out: the text it is in, where it starts and ends there, its number of
   * cells, where each cell starts and ends in the text (a quoted value: its text between the
   * quotes). A value with doubled quotes is shorter than its text: its end is where it ends once
   * undoubled (as `units()` copies it), and it is noted in `escaped` (see `escape`).
   */
  private recordText = '';
  private recordStart = 0;
  private recordEnd = 0;
  private recordCells = 0;
  /**
   * The cells' places and the copy of the text as UTF-16 units (see `units`), in the row hash's
   * memory: `hash53` reads them where they are written. `cellStarts`, `cellEnds`, `unitsCopy`
   * and `unitsBuffer` are its arrays (replaced when it grows: `reserve`).
   */
  private readonly copy = new RowUnits(CELLS, 0);
  private cellStarts = this.copy.starts;
  private cellEnds = this.copy.ends;
  /**
   * The record's values with doubled quotes (rare): the first `escapedCount` of `escapedCells`
   * (their cell indexes), each one's closing quote in the text, its string once made.
   */
  private escapedCount = 0;
  private escapedCells = new Int32Array(8);
  private escapedCloses = new Int32Array(8);
  private readonly escapedValues: (string | undefined)[] = [];
  /** The last record (its number, `records`) `units()` set its view for (values with doubled quotes undoubled in the copy). */
  private unitsRecord = -1;
  /** The last record (its number, `records`) `blank()` answered for, and its answer. */
  private blankRecord = -1;
  private blankAnswer = false;
  /** The record's text as UTF-16 units, copied when they are first asked for in it (see `units`). */
  private unitsCopy = this.copy.units;
  private unitsBuffer = this.copy.text;
  private unitsText = -1;
  private readonly unitsView: { units: Uint16Array; starts: Int32Array; ends: Int32Array; known: number; text: string | undefined } = { units: this.unitsCopy, starts: this.cellStarts, ends: this.cellEnds, known: 0, text: '' };
  /** Each text tokenized gets a number; the last search for a character outside ASCII: in which text, from where, found where. */
  private textNumber = 0;
  private recordTextNumber = 0;
  private searchText = -1;
  private searchFrom = 0;
  private searchFound = 0;
  /**
   * Where the characters outside ASCII are, when known from the decoding (`located`): the first
   * `foundCount` of `found`, ascending, in the text numbered `foundText` while it is tokenized,
   * else in the text left over. `foundNext`: the first of them not before the last search.
   */
  private located = true;
  private found = new Int32Array(4096);
  private foundCount = 0;
  private foundText = -1;
  private foundNext = 0;
  /** Whether the text being tokenized (so each of its records) is all ASCII, or free of surrogates: one scan a chunk. */
  ascii = false;
  bmp = false;
  /** Whether the text left over from the last piece is known to be all ASCII, or free of surrogates (false: it is searched). */
  private textAscii = true;
  private textBmp = true;
  /** Set by the reader: records after this are not tokenized. */
  stopped = false;
  /** Records tokenized, and the number of cells of the first one (csv-parse's expected width). */
  records = 0;
  firstWidth = 0;
  /**
   * CR and LF characters csv-parse would have counted in the records tokenized so far (each one in
   * quoted values, one per record delimiter): its line count goes on from there.
   */
  breakChars = 0;

  private constructor(dialect: TokenizerDialect, private readonly onRecord: RecordHandler) {
    this.delimiter = dialect.delimiter;
    this.quote = dialect.quote;
    this.d = dialect.delimiter.charCodeAt(0);
    this.q = dialect.quote.charCodeAt(0);
    this.crlf = dialect.recordDelimiter === '\r\n';
    this.rd = this.crlf ? -1 : dialect.recordDelimiter.charCodeAt(0);
    // A UTF-16 unit is at most 3 UTF-8 bytes: shorter records are surely within the limit.
    this.maxRecordChars = Math.floor(dialect.maxRecordBytes / 3);
    this.asciiDialect = this.d < 128 && this.q < 128;
  }

  /** A tokenizer for this dialect, or undefined when only csv-parse reads it (see the module comment). */
  static for(dialect: TokenizerDialect, onRecord: RecordHandler): CsvTokenizer | undefined {
    const { delimiter, quote, recordDelimiter } = dialect;
    const breakChar = (s: string) => s === '\n' || s === '\r';
    if (delimiter.length !== 1 || quote.length !== 1 || delimiter === quote || breakChar(delimiter) || breakChar(quote)) return undefined;
    if (recordDelimiter !== '\n' && recordDelimiter !== '\r' && recordDelimiter !== '\r\n') return undefined;
    return new CsvTokenizer(dialect, onRecord);
  }

  /**
   * Tokenizes the next chunk (UTF-8 bytes, or text already decoded); `end`: nothing follows.
   * Returns false when it stopped at a record csv-parse must read: `rest()` gives the bytes from there.
   */
  push(chunk: Buffer | string | undefined, end: boolean): boolean {
    // Text in pieces under V8's large-object size (128 KiB): such strings die young, in the young
    // generation, instead of piling up in the large-object space until a full collection.
    if (typeof chunk !== 'undefined' && chunk.length > PIECE) {
      for (let at = 0; at < chunk.length; at += PIECE) {
        const last = at + PIECE >= chunk.length;
        const piece = typeof chunk === 'string' ? chunk.slice(at, at + PIECE) : chunk.subarray(at, at + PIECE);
        if (!this.pushPiece(piece, end && last)) {
          // The pieces not tokenized go to csv-parse after the text left (see `rest`).
          if (!last) this.left = typeof chunk === 'string' ? Buffer.from(chunk.slice(at + PIECE)) : chunk.subarray(at + PIECE);
          return false;
        }
      }
      return true;
    }
    return this.pushPiece(chunk, end);
  }

  private pushPiece(chunk: Buffer | string | undefined, end: boolean): boolean {
    let add = '';
    let flags: DecodedPiece | undefined;
    if (typeof chunk === 'string') add = chunk;
    else if (chunk) {
      let buf = this.cut ? Buffer.concat([this.cut, chunk]) : chunk;
      this.cut = undefined;
      const whole = end ? buf.length : completeUtf8(buf);
      if (whole < buf.length) {
        this.cut = Buffer.from(buf.subarray(whole));
        buf = buf.subarray(0, whole);
      }
      flags = this.decodePiece(buf);
      add = flags.text;
    }
    // Whether `add` begins with the text left over (see `decodePiece`).
    const joined = flags !== undefined && flags.joined;
    if (end && this.cut) {
      add += this.cut.toString('utf8');
      this.cut = undefined;
      flags = undefined;
    }
    const carried = this.text.length;
    const s = carried && !joined ? this.text + add : add;
    if (flags) {
      const carriedAscii = this.textAscii || (this.located ? this.foundCount === 0 : !NON_ASCII.test(this.text));
      this.ascii = flags.ascii && carriedAscii;
      this.bmp = flags.bmp && (this.textBmp || !SURROGATE.test(this.text));
    } else {
      this.ascii = !NON_ASCII.test(s);
      this.bmp = this.ascii || !SURROGATE.test(s);
    }
    this.locate(flags, carried);
    const done = this.tokenize(s, end);
    if (done < 0) {
      this.text = s.slice(-done - 1);
      this.located = false;
      return false;
    }
    this.text = done === s.length ? '' : s.slice(done);
    this.keepFound(done);
    // What is known of the whole text holds for its rest.
    this.textAscii = this.ascii;
    this.textBmp = this.bmp;
    if (this.text.length > this.maxRecordChars) return false;
    return true;
  }

  /**
   * Whole UTF-8 characters as text, and what is known of them from the bytes: ASCII and Latin-1
   * text is copied as bytes (latin1-text.ts; no character from U+0100 on, so no surrogate pair),
   * other text decoded and searched for 4-byte characters.
   */
  private decodePiece(buf: Buffer): DecodedPiece {
    // The text left over joins the piece in one string when it is Latin-1 too (it is when its
    // characters outside ASCII are located: every part of it was copied as Latin-1).
    const prefix = this.located ? this.text : '';
    const joined = this.located;
    if (isAscii(buf)) return { text: latin1Joined(prefix, buf), joined, ascii: true, bmp: true, located: true };
    if (this.latin1Skip > 0) {
      this.latin1Skip--;
    } else {
      const text = latin1Utf8(buf, prefix);
      if (text !== undefined) return { text, joined, ascii: false, bmp: true, located: true };
      // Characters from U+0100 on: the next pieces are decoded without trying (text with a few of them still gains).
      this.latin1Skip = LATIN1_SKIP;
    }
    return { text: buf.toString('utf8'), joined: false, ascii: false, bmp: !hasPairs(buf), located: false };
  }

  /**
   * The positions of the characters outside ASCII in the text about to be tokenized (the text
   * left over, `carried` characters, then the piece): the left-over ones are kept, the piece's
   * appended from the Latin-1 decoding. Unknown once any part was decoded otherwise.
   */
  private locate(flags: DecodedPiece | undefined, carried: number): void {
    // The next text tokenize numbers; no search has been answered in it yet.
    this.foundText = this.textNumber + 1;
    this.foundNext = 0;
    if (carried === 0) {
      this.located = true;
      this.foundCount = 0;
    }
    if (!flags || !flags.located) this.located = false;
    if (!this.located || flags!.ascii) return;
    const count = this.foundCount + latin1NonAsciiCount;
    if (this.found.length < count) {
      const grown = new Int32Array(Math.max(count, this.found.length * 2));
      grown.set(this.found.subarray(0, this.foundCount));
      this.found = grown;
    }
    const found = this.found;
    const piece = latin1NonAscii;
    for (let k = 0, o = this.foundCount; k < latin1NonAsciiCount; k++, o++) found[o] = piece[k]! + carried;
    this.foundCount = count;
  }

  /** After tokenizing up to `done`: the positions in the text left over, from its start. */
  private keepFound(done: number): void {
    this.foundText = -1;
    if (!this.located) return;
    const found = this.found;
    const count = this.foundCount;
    // The first position from `done` on (binary search), then the rest moved down.
    let lo = 0;
    for (let hi = count; lo < hi; ) {
      const mid = (lo + hi) >>> 1;
      if (found[mid]! < done) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo, o = 0; k < count; k++, o++) found[o] = found[k]! - done;
    this.foundCount = count - lo;
  }

  /**
   * Of the record being handed out (call it from the record handler, not later): bit i set when
   * cell i has a character outside ASCII; undefined when not told (more than MASK_CELLS cells, a
   * delimiter or quote outside ASCII). One native search per cell that has such characters, from
   * where the cells end in the text — no cell is read.
   */
  nonAscii(): number | undefined {
    if (this.ascii) return 0;
    const cells = this.recordCells;
    if (!this.asciiDialect || cells > MASK_CELLS) return undefined;
    if (this.foundText === this.recordTextNumber && this.located) return this.nonAsciiFound(cells);
    const { recordEnd: end, cellStarts: starts } = this;
    let mask = 0;
    let i = 0;
    for (let from = this.recordStart; ; ) {
      const at = this.nextNonAscii(from);
      if (at >= end) break;
      // Between two cells' texts are only the (ASCII) delimiter and quotes: the character is in
      // the last cell starting at or before it (cells start in order, none where another does).
      while (i + 1 < cells && starts[i + 1]! <= at) i++;
      mask |= 1 << i;
      // The rest of that cell needs no search.
      if (++i === cells) break;
      from = starts[i]!;
    }
    return mask;
  }

  /**
   * `hash53(cells())` of the record being handed out (call it from the record handler): its
   * unquoted values are read from the copy of the text as UTF-16 units (`units`).
   */
  hash53(): number {
    this.units();
    return this.copy.hash(this.recordCells, this.d === COMMA);
  }

  /** Of the record being handed out: its number of cells. */
  get width(): number {
    return this.recordCells;
  }

  /** Of the record being handed out: cell i, cut out of the text now (a value with doubled quotes: made once, see `unescaped`). */
  cell(i: number): string {
    if (this.escapedCount !== 0) {
      for (let k = 0; k < this.escapedCount; k++) if (this.escapedCells[k] === i) return this.unescaped(k);
    }
    return this.recordText.slice(this.cellStarts[i]!, this.cellEnds[i]!);
  }

  /** The value of the record's k-th cell with doubled quotes: its text between the quotes, each doubled quote made one. */
  private unescaped(k: number): string {
    const made = this.escapedValues[k];
    if (made !== undefined) return made;
    // Between its quotes a value's text holds quotes only doubled (a lone one would have closed it).
    const value = this.recordText.slice(this.cellStarts[this.escapedCells[k]!]!, this.escapedCloses[k]!).replaceAll(this.quote + this.quote, this.quote);
    this.escapedValues[k] = value;
    return value;
  }

  /** Notes that cell i of the record being tokenized has doubled quotes (its text ends at the quote `close`). */
  private escape(i: number, close: number): void {
    const k = this.escapedCount++;
    if (k === this.escapedCells.length) {
      const cells = new Int32Array(k * 2);
      const closes = new Int32Array(k * 2);
      cells.set(this.escapedCells);
      closes.set(this.escapedCloses);
      this.escapedCells = cells;
      this.escapedCloses = closes;
    }
    this.escapedCells[k] = i;
    this.escapedCloses[k] = close;
    this.escapedValues[k] = undefined;
  }

  /** Of the record being handed out: every cell (what csv-parse would have handed out). */
  cells(): string[] {
    return cellsOf(this);
  }

  /**
   * Of the record being handed out: `isBlankRow(cells())`, reading each cell's first character in
   * the text. Kept for the record: the reader and several row rules ask.
   */
  blank(): boolean {
    if (this.blankRecord !== this.records) {
      this.blankRecord = this.records;
      this.blankAnswer = this.readBlank();
    }
    return this.blankAnswer;
  }

  private readBlank(): boolean {
    const { recordText: s, cellStarts: starts, cellEnds: ends } = this;
    for (let i = 0; i < this.recordCells; i++) {
      const from = starts[i]!;
      if (ends[i] === from) continue;
      // A value's first character is its text's first (undoubling keeps the first quote of a pair).
      const c = s.charCodeAt(from);
      if ((c > 32 && c !== 160) || this.cell(i).trim().length !== 0) return false;
    }
    return true;
  }

  /** Twice the room for cells' places (the caller re-reads `cellStarts` and `cellEnds`). */
  private growCells(): void {
    this.reserve(this.cellStarts.length * 2, this.unitsCopy.length);
  }

  /** Room for `cells` cells' places and `units` units of text (contents kept), its arrays re-read. */
  private reserve(cells: number, units: number): void {
    const copy = this.copy;
    if (!copy.reserve(cells, units)) return;
    this.cellStarts = copy.starts;
    this.cellEnds = copy.ends;
    this.unitsCopy = copy.units;
    this.unitsBuffer = copy.text;
    const view = this.unitsView;
    view.starts = copy.starts;
    view.ends = copy.ends;
    view.units = copy.units;
  }

  /**
   * The record being handed out as UTF-16 units (call it from the record handler): one native
   * copy per piece of text, then typed-array reads instead of `charCodeAt` on each cut string
   * (V8 reads those through the piece they were cut from).
   */
  units(): RecordUnits {
    // Asked several times a record (the profile's walk, the row hash, rules): set once, then only
    // this test — small enough for V8 to inline at every caller.
    if (this.unitsRecord !== this.records) this.recordUnits();
    return this.unitsView;
  }

  /** The units' view of the record being handed out (see `units`). */
  private recordUnits(): void {
    this.unitsRecord = this.records;
    const text = this.recordText;
    const view = this.unitsView;
    if (this.unitsText !== this.recordTextNumber) {
      if (this.unitsCopy.length < text.length) this.reserve(this.cellStarts.length, Math.max(text.length, PIECE * 2));
      this.unitsBuffer.write(text, 0, 'utf16le');
      this.unitsText = this.recordTextNumber;
    }
    // A value with doubled quotes is undoubled in the copy: the record's units are then not all
    // the text's at the same positions, and no text is offered with them.
    view.text = this.escapedCount === 0 ? text : undefined;
    if (this.escapedCount !== 0) this.undouble();
    view.known = this.recordCells;
  }

  /**
   * The record's values with doubled quotes made their values in the units' copy, in place: each
   * doubled quote copied once, the rest moved down (its cell's end is where the value ends).
   */
  private undouble(): void {
    const { unitsCopy: u, cellStarts: starts, cellEnds: ends, q } = this;
    for (let k = 0; k < this.escapedCount; k++) {
      const i = this.escapedCells[k]!;
      const to = ends[i]!;
      for (let o = starts[i]!, r = o; o < to; o++) {
        const c = u[r]!;
        u[o] = c;
        r += c === q ? 2 : 1;
      }
    }
  }

  /**
   * The first character outside ASCII at or after `from` in the record's text (its length: none).
   * The last answer is kept: the records after it, up to where it was found, need no search (a
   * search that ran past rows without such characters is not run again for each of them).
   */
  private nextNonAscii(from: number): number {
    if (this.foundText === this.recordTextNumber && this.located) return this.nextFound(from);
    if (this.searchText === this.recordTextNumber && from >= this.searchFrom && from <= this.searchFound) return this.searchFound;
    NEXT_NON_ASCII.lastIndex = from;
    const s = this.recordText;
    this.searchText = this.recordTextNumber;
    this.searchFrom = from;
    this.searchFound = NEXT_NON_ASCII.test(s) ? NEXT_NON_ASCII.lastIndex - 1 : s.length;
    return this.searchFound;
  }

  /**
   * `nonAscii()` of a record of `cells` cells when the decoding noted where the characters outside
   * ASCII are (`located`): one pass over the record's positions, merged with its cells' starts —
   * what the search cell by cell finds, without a call per cell (this runs for every row of text
   * outside ASCII that `data/ascii-value` reads).
   */
  private nonAsciiFound(cells: number): number {
    const found = this.found;
    const count = this.foundCount;
    const { recordStart: start, recordEnd: end, cellStarts: starts } = this;
    let k = this.foundNext;
    if (k > 0 && found[k - 1]! >= start) k = 0;
    while (k < count && found[k]! < start) k++;
    let mask = 0;
    let i = 0;
    for (; k < count; k++) {
      const at = found[k]!;
      if (at >= end) break;
      // Between two cells' texts are only the (ASCII) delimiter and quotes (see `nonAscii`).
      while (i + 1 < cells && starts[i + 1]! <= at) i++;
      mask |= 1 << i;
    }
    this.foundNext = k;
    return mask;
  }

  /** `nextNonAscii` from the positions the decoding noted: a cursor moving forward (searches come in order), back to the start if one does not. */
  private nextFound(from: number): number {
    const found = this.found;
    const count = this.foundCount;
    let k = this.foundNext;
    if (k > 0 && found[k - 1]! >= from) k = 0;
    while (k < count && found[k]! < from) k++;
    this.foundNext = k;
    return k < count ? found[k]! : this.recordText.length;
  }

  /** The bytes not tokenized, for csv-parse to read on from (the start of a record). */
  rest(): Buffer {
    const parts = [Buffer.from(this.text, 'utf8'), ...(this.cut ? [this.cut] : []), ...(this.left ? [this.left] : [])];
    this.text = '';
    this.cut = undefined;
    this.left = undefined;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /**
   * Tokenizes the complete records of `s`; returns where the first incomplete one starts, or
   * `-start - 1` for a record it leaves to csv-parse.
   */
  private tokenize(s: string, end: boolean): number {
    const n = s.length;
    const { d, q, rd, crlf } = this;
    let starts = this.cellStarts;
    let ends = this.cellEnds;
    this.textNumber++;
    // Next delimiter, LF, CR and quote at or after the current position (n: none), found lazily.
    let nd = -1;
    let nlf = -1;
    let ncr = -1;
    let pos = 0;
    while (pos < n && !this.stopped) {
      const start = pos;
      /** Cells of the record so far: each one's place is noted, no string is cut. */
      let w = 0;
      this.escapedCount = 0;
      /** Where the record's text ends (before its line break). */
      let textEnd = n;
      let breaks = 0;
      /** CR and LF characters of this record, delimiter included. */
      let chars = 0;
      for (;;) {
        // Room for this cell and an empty one after it (`a,` at the very end).
        if (w + 1 >= starts.length) {
          this.growCells();
          starts = this.cellStarts;
          ends = this.cellEnds;
        }
        if (s.charCodeAt(pos) === q) {
          // A quoted value: from quote to quote, a doubled quote is one. Noted, like an unquoted
          // one, by where its text is (no string made); `pairs`: its doubled quotes.
          const from = pos + 1;
          let pairs = 0;
          let close: number;
          for (let at = from; ; ) {
            close = s.indexOf(this.quote, at);
            if (close < 0 || close + 1 === n) {
              if (!end) return start; // wait for more: the quote may be doubled, or closed later
              if (close < 0) return -start - 1; // unclosed at the end: csv-parse reports it
              break;
            }
            if (s.charCodeAt(close + 1) !== q) break;
            pairs++;
            at = close + 2;
          }
          starts[w] = from;
          ends[w] = close - pairs;
          if (pairs !== 0) this.escape(w, close);
          w++;
          if (nlf < from) nlf = next(s, '\n', from);
          if (ncr < from) ncr = next(s, '\r', from);
          if (nlf < close || ncr < close) {
            // Undoubling a quote neither makes nor parts a CRLF: the text's breaks are the value's.
            breaks += lineBreaks(s, from, close);
            chars += breakChars(s, from, close);
          }
          pos = close + 1;
          // `end` is true at `n` (see above): the last value of the file.
          if (pos === n) break;
          const c = s.charCodeAt(pos);
          if (c === d) {
            pos++;
            continue;
          }
          if (c !== LF && c !== CR) return -start - 1; // text after the closing quote
        } else {
          // An unquoted value: up to the next delimiter or line break; quotes in it are literal.
          if (nd < pos) nd = next(s, this.delimiter, pos);
          if (nlf < pos) nlf = next(s, '\n', pos);
          if (ncr < pos) ncr = next(s, '\r', pos);
          const stop = nd < nlf ? (nd < ncr ? nd : ncr) : nlf < ncr ? nlf : ncr;
          starts[w] = pos;
          ends[w++] = stop;
          if (stop === n) {
            if (!end) return start;
            pos = n;
            break;
          }
          pos = stop;
          if (stop === nd) {
            pos++;
            if (pos === n) {
              if (!end) return start;
              starts[w] = ends[w] = n;
              w++; // `a,` at the very end: an empty last value
              break;
            }
            continue;
          }
        }
        // A line break at `pos`: it must be the record delimiter.
        const c = s.charCodeAt(pos);
        textEnd = pos;
        if (crlf) {
          if (c !== CR) return -start - 1;
          if (pos + 1 === n) {
            if (!end) return start;
            return -start - 1;
          }
          if (s.charCodeAt(pos + 1) !== LF) return -start - 1;
          pos += 2;
          chars++; // csv-parse skips the LF of a CRLF record delimiter
        } else {
          if (c !== rd) return -start - 1;
          pos++;
          chars++;
        }
        break;
      }
      if (pos - start > this.maxRecordChars) return -start - 1;
      this.breakChars += chars;
      if (this.records++ === 0) this.firstWidth = w;
      this.recordText = s;
      this.recordTextNumber = this.textNumber;
      this.recordStart = start;
      this.recordEnd = textEnd;
      this.recordCells = w;
      this.onRecord(breaks);
      // The handler may have asked for the record's units, which may have moved the cells'
      // places to a larger memory (`reserve`).
      starts = this.cellStarts;
      ends = this.cellEnds;
    }
    return pos;
  }
}

/** Index of `needle` in `s` at or after `from`, or `s.length`. */
function next(s: string, needle: string, from: number): number {
  const i = s.indexOf(needle, from);
  return i < 0 ? s.length : i;
}

/** Line breaks in `s` from `from` to `to`: CRLF, lone CR and lone LF count one each. */
function lineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (i + 1 < to && s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

/** CR and LF characters in `s` from `from` to `to`. */
function breakChars(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === LF || s.charCodeAt(i) === CR) n++;
  return n;
}

/** Length of `buf` without the first bytes of a UTF-8 character cut at its end. */
function completeUtf8(buf: Buffer): number {
  const end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i]!;
    if (b < 0x80) return end;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i < need ? end - i : end;
    }
  }
  return end;
}
