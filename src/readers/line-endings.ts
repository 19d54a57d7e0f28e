import type { LineEndingStats } from '../model/index.js';

/**
 * Counts CRLF, LF and lone CR line breaks in the raw bytes, chunk by chunk (a CRLF may be split
 * between two chunks). Breaks inside quoted cells count too, as csvlint does.
 */
export class LineEndingCounter {
  private readonly stats: LineEndingStats = { crlf: 0, lf: 0, cr: 0, firstLine: { crlf: 0, lf: 0, cr: 0 } };
  private pendingCR = false;

  /** Line breaks seen so far (the current line number is one more). */
  get lines(): number {
    return this.stats.crlf + this.stats.lf + this.stats.cr;
  }

  private add(kind: 'crlf' | 'lf' | 'cr'): void {
    this.stats[kind]++;
    if (this.stats.firstLine[kind] === 0) this.stats.firstLine[kind] = this.lines;
  }

  scan(buf: Uint8Array): void {
    let from = 0;
    if (this.pendingCR && buf.length > 0) {
      this.pendingCR = false;
      if (buf[0] === 10) {
        this.add('crlf');
        from = 1;
      } else {
        this.add('cr');
      }
    }
    let lf = buf.indexOf(10, from);
    let cr = buf.indexOf(13, from);
    while (lf !== -1 || cr !== -1) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr === buf.length - 1) {
          this.pendingCR = true;
          break;
        }
        if (buf[cr + 1] === 10) {
          this.add('crlf');
          lf = buf.indexOf(10, cr + 2);
          cr = buf.indexOf(13, cr + 2);
        } else {
          this.add('cr');
          cr = buf.indexOf(13, cr + 1);
        }
      } else {
        this.add('lf');
        lf = buf.indexOf(10, lf + 1);
      }
    }
  }

  /** Line breaks in `buf` before `end` (for locating a byte within the current chunk). */
  static countBefore(buf: Uint8Array, end: number): number {
    let n = 0;
    for (let i = 0; i < end; i++) if (buf[i] === 10 || (buf[i] === 13 && buf[i + 1] !== 10)) n++;
    return n;
  }

  finish(): LineEndingStats {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.add('cr');
    }
    return this.stats;
  }
}
