/**
 * One CSV record (RFC 4180). A cell that a spreadsheet would run as a formula (=, +, -, @ first)
 * gets a leading apostrophe: reports carry publisher-written text.
 */
export function csvRow(cells: (string | number | boolean | undefined)[]): string {
  return cells
    .map((c) => {
      if (c === undefined) return '';
      let s = String(c);
      if (typeof c === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}


/** `--csv-bom`: Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const csvStart = (bom: boolean | undefined) => (bom ? '\uFEFF' : '');
