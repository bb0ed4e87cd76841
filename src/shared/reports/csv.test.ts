import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from './csv';
import { parseCsv } from '../../../test/helpers/csv-parse';

const bytesOf = (text: string) => [...new TextEncoder().encode(text)];

describe('CSV', () => {
  it('starts with the UTF-8 byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv([['a', 'b'], [1, 2]]);
    expect(bytesOf(csv).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(`${UTF8_BOM}a,b\r\n1,2\r\n`);
  });

  it('round-trips commas, quotes, line breaks and Vietnamese text (stored as NFC)', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n Đư\u0301c'; // "Nguyễn Văn Đức" typed with combining marks
    const values = ['Thôn 1, xã Ngọk Bay', 'nói "cảm ơn"', 'dòng 1\ndòng 2\r\ndòng 3', decomposed, 'Kon Rờ Bàng', ''];
    const csv = toCsv([values]);
    const [row] = parseCsv(csv.slice(1));
    expect(row).toEqual([...values.slice(0, 3), 'Nguyễn Văn Đức', 'Kon Rờ Bàng', '']);
    expect(row![3]).toBe(row![3]!.normalize('NFC'));
    expect(row![3]!.length).toBe('Nguyễn Văn Đức'.length);
  });

  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises a text cell starting like a formula: %j', (value) => {
    const [row] = parseCsv(toCsv([[value]]).slice(1));
    expect(row![0]).toBe(`'${value}`);
  });

  it('leaves numbers alone, including negative ones, and writes nothing for null', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('0912345678')).toBe('0912345678');
  });

  it('keeps markup as plain text', () => {
    const [row] = parseCsv(toCsv([['<img src=x onerror=alert(1)>']]).slice(1));
    expect(row).toEqual(['<img src=x onerror=alert(1)>']);
  });
});
