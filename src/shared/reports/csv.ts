// CSV that opens correctly in Excel with Vietnamese text (docs/product.md job 5) and cannot run
// anything there (CSV injection, OWASP): RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order
// mark (without it Excel reads the file as the Windows code page and shows "Nguyá»…n"), text in
// NFC, and a leading apostrophe on any text cell a spreadsheet would read as a formula.

/** U+FEFF: encoded as EF BB BF in UTF-8, Excel's signal that the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

// = + - @ start a formula in Excel, LibreOffice and Google Sheets; a tab or carriage return in
// front of them is skipped by some of them, so those starts are neutralised too.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: numbers as they are, text neutralised and quoted when needed, nothing for null. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let cell = value.normalize('NFC');
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A whole file: BOM, one line per row (CRLF, as Excel writes them), a final line end. */
export function toCsv(rows: Iterable<readonly CsvValue[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
