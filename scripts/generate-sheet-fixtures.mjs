#!/usr/bin/env node
/**
 * Writes the generated spreadsheet fixtures of fixtures/sheets/generated (run it again after
 * changing it; the files are committed). XLSX files are written by exceljs — another program than
 * odlint's reader — and ODS files by hand (content.xml as LibreOffice writes it) zipped by jszip.
 * The hostile ones (zip bomb, repeat bomb, truncated workbook) are built on purpose.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'sheets', 'generated');
mkdirSync(out, { recursive: true });
const FIXED = new Date('2026-01-01T00:00:00Z');

/** Contacts (personal data, a hidden column and a hidden row), a sex-split table, a hidden sheet. */
async function peopleXlsx() {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = FIXED;
  const contacts = wb.addWorksheet('Contacts');
  contacts.addRows([
    ['name', 'email', 'municipality', 'phone'],
    ['Marie Dupont', 'marie.dupont@example.be', 'Namur', '+32 475 12 34 56'],
    ['Jan Peeters', 'jan.peeters@example.be', 'Gent', '+32 476 98 76 54'],
    ['Sophie Martin', 'sophie.martin@example.be', 'Liège', '+32 477 11 22 33'],
    ['Luc Janssens', 'luc.janssens@example.be', 'Namur', '+32 478 44 55 66'],
  ]);
  contacts.getColumn(4).hidden = true;
  contacts.getRow(5).hidden = true;
  const population = wb.addWorksheet('Population');
  population.addRows([
    ['Année', 'Hommes', 'Femmes', 'Total'],
    [2021, 5412, 5633, 11045],
    [2022, 5460, 5687, 11147],
    [2023, 5511, 5702, 11213],
  ]);
  const notes = wb.addWorksheet('Notes');
  notes.state = 'hidden';
  notes.addRows([['note'], ['check the address of Marie Dupont']]);
  await wb.xlsx.writeFile(path.join(out, 'people.xlsx'));
}

/** A title above the header (merged), a formula without its value, a second table under the first, tables side by side. */
async function layoutXlsx() {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = FIXED;
  const ws = wb.addWorksheet('Budget');
  ws.getCell('A1').value = 'Budget 2024 of the municipality';
  ws.mergeCells('A1:C1');
  ws.getRow(3).values = ['item', 'amount', 'share'];
  ws.getRow(4).values = ['schools', 1200, 0.4];
  ws.getRow(5).values = ['roads', 900, 0.3];
  ws.getRow(6).values = ['parks', 900, 0.3];
  ws.getCell('B7').value = { formula: 'SUM(B4:B6)' };
  ws.getCell('A7').value = 'total';
  ws.getCell('C7').value = { formula: 'SUM(C4:C6)', result: 1 };
  ws.getRow(10).values = ['year', 'amount'];
  ws.getRow(11).values = [2022, 2800];
  ws.getRow(12).values = [2023, 2950];
  const side = wb.addWorksheet('Side by side');
  side.addRows([
    ['code', 'label', null, 'year', 'value'],
    ['A', 'alpha', null, 2020, 1],
    ['B', 'beta', null, 2021, 2],
  ]);
  const dates = wb.addWorksheet('Dates');
  dates.addRows([
    ['day', 'at', 'ok'],
    [new Date('2024-03-01T00:00:00Z'), new Date('2024-03-01T10:30:00Z'), true],
    [new Date('2024-03-02T00:00:00Z'), new Date('2024-03-02T11:45:00Z'), false],
  ]);
  dates.getColumn(1).numFmt = 'dd/mm/yyyy';
  dates.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  await wb.xlsx.writeFile(path.join(out, 'layout.xlsx'));
}

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/** An ODS package as LibreOffice lays it out: `mimetype` first and stored, then the XML parts. */
async function writeOds(name, body, styles = '', options = {}) {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', MANIFEST);
  const content = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODS_NS}><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
  zip.file('content.xml', options.content ?? content);
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  writeFileSync(path.join(out, name), buf);
}

const s = (v) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
const n = (v) => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
const row = (...cells) => `<table:table-row>${cells.join('')}</table:table-row>`;

/** The ODS twin of people.xlsx, with LibreOffice's padding (a million repeated empty rows). */
async function peopleOds() {
  const styles =
    '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>' +
    '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';
  const contacts =
    '<table:table table:name="Contacts" table:style-name="ta1">' +
    '<table:table-column table:number-columns-repeated="3"/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="16380"/>' +
    row(s('name'), s('email'), s('municipality'), s('phone'), '<table:table-cell table:number-columns-repeated="16380"/>') +
    row(s('Marie Dupont'), s('marie.dupont@example.be'), s('Namur'), s('+32 475 12 34 56')) +
    row(s('Jan Peeters'), s('jan.peeters@example.be'), s('Gent'), s('+32 476 98 76 54')) +
    row(s('Sophie Martin'), s('sophie.martin@example.be'), s('Liège'), s('+32 477 11 22 33')) +
    '<table:table-row table:visibility="collapse">' + s('Luc Janssens') + s('luc.janssens@example.be') + s('Namur') + s('+32 478 44 55 66') + '</table:table-row>' +
    '<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
    '</table:table>';
  const population =
    '<table:table table:name="Population" table:style-name="ta1">' +
    row(s('Année'), s('Hommes'), s('Femmes'), s('Total')) +
    row(n(2021), n(5412), n(5633), n(11045)) +
    row(n(2022), n(5460), n(5687), n(11147)) +
    row(n(2023), n(5511), n(5702), n(11213)) +
    '</table:table>';
  const notes = '<table:table table:name="Notes" table:style-name="ta2">' + row(s('note')) + row(s('check the address of Marie Dupont')) + '</table:table>';
  await writeOds('people.ods', contacts + population + notes, styles);
}

/** A merged title, a formula without value, dates, times, booleans, an annotation (not cell text). */
async function layoutOds() {
  const body =
    '<table:table table:name="Budget">' +
    row('<table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="1"><text:p>Budget 2024</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/>') +
    '<table:table-row><table:table-cell table:number-columns-repeated="3"/></table:table-row>' +
    row(s('item'), s('amount'), s('day'), s('at'), s('ok')) +
    row(
      '<table:table-cell office:value-type="string"><office:annotation><text:p>comment, not data</text:p></office:annotation><text:p>schools</text:p></table:table-cell>',
      n(1200),
      '<table:table-cell office:value-type="date" office:date-value="2024-03-01"><text:p>01/03/2024</text:p></table:table-cell>',
      '<table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>10:30</text:p></table:table-cell>',
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>',
    ) +
    row(s('roads'), n(900), '<table:table-cell office:value-type="date" office:date-value="2024-03-02T11:45:00"><text:p>02/03/2024 11:45</text:p></table:table-cell>', '<table:table-cell/>', '<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>') +
    row(s('total'), '<table:table-cell table:formula="of:=SUM([.B4:.B5])"/>') +
    '</table:table>';
  await writeOds('layout.ods', body);
}

/** content.xml of 8 MiB of spaces: deflate packs it about 1000 times (limits.archiveRatio). */
async function zipBomb() {
  const content = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODS_NS}>${' '.repeat(8 * 1024 * 1024)}</office:document-content>`;
  await writeOds('zip-bomb.ods', '', '', { content });
}

/** A cell repeated 1 000 columns across and a million rows down: a billion cells from a few bytes (limits.sheetCells). */
async function repeatBomb() {
  const body = '<table:table table:name="Bomb">' + row(s('a'), s('b'), s('c')) + `<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>` + '</table:table>';
  await writeOds('repeat-bomb.ods', body);
}

await peopleXlsx();
await layoutXlsx();
await peopleOds();
await layoutOds();
await zipBomb();
await repeatBomb();
// A workbook cut short: no central directory.
writeFileSync(path.join(out, 'truncated.xlsx'), readFileSync(path.join(out, 'people.xlsx')).subarray(0, 4000));
console.log(`written to ${out}`);
