// Reads the text back out of a PDF that Chromium printed (for the reports e2e): inflates every
// FlateDecode stream with node:zlib, maps each font's glyph codes to Unicode through its ToUnicode
// CMap, and walks the pages' content streams (Tf, Tm, Tj, TJ). Enough for Skia's PDFs, where text
// is hex glyph ids in Type0/Type3 fonts; not a general PDF parser.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
      const length = /\/Length (\d+)/.exec(dict);
      const raw = pdf.subarray(dataStart, length ? dataStart + Number(length[1]) : start + body.lastIndexOf('endstream'));
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

type CMap = { bytes: number; map: Map<number, string> };

function hexToString(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCMap(source: string): CMap {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(source);
  const bytes = space ? space[1]!.length / 2 : 2;
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(pair[1]!, 16), hexToString(pair[2]!));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [from, to, first] = [parseInt(range[1]!, 16), parseInt(range[2]!, 16), parseInt(range[3]!, 16)];
      for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(first + code - from));
    }
  }
  return { bytes, map };
}

function decode(hex: string, cmap: CMap | undefined): string {
  if (!cmap) return '';
  let out = '';
  const width = cmap.bytes * 2;
  for (let i = 0; i < hex.length; i += width) out += cmap.map.get(parseInt(hex.slice(i, i + width), 16)) ?? '';
  return out;
}

/** The text of every page, in drawing order; a new line where the text matrix moves to another line. */
export function pdfText(pdf: Buffer): { pages: number; text: string } {
  const objects = readObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const pageTexts: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type \/Page\b/.test(page.dict)) continue;
    let resources = page.dict;
    const resourcesRef = ref(page.dict, 'Resources');
    if (Number.isFinite(resourcesRef)) resources = objects.get(resourcesRef)?.dict ?? '';
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, CMap>();
    for (const entry of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objects.get(Number(entry[2]));
      const toUnicode = font ? ref(font.dict, 'ToUnicode') : Number.NaN;
      const cmap = objects.get(toUnicode)?.stream;
      if (cmap) fonts.set(entry[1]!, parseCMap(cmap.toString('latin1')));
    }
    const contents = objects.get(ref(page.dict, 'Contents'))?.stream?.toString('latin1') ?? '';
    let font: CMap | undefined;
    let lineY: string | null = null;
    let text = '';
    const ops = /\/(\w+) [\d.]+ Tf|[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm|<([0-9A-Fa-f]*)> Tj|\[((?:[^\]])*)\] TJ/g;
    for (const op of contents.matchAll(ops)) {
      if (op[1] !== undefined) font = fonts.get(op[1]);
      else if (op[2] !== undefined) {
        if (lineY !== null && op[2] !== lineY) text += '\n';
        lineY = op[2];
      } else if (op[3] !== undefined) text += decode(op[3], font);
      else if (op[4] !== undefined) for (const piece of op[4].matchAll(/<([0-9A-Fa-f]*)>/g)) text += decode(piece[1]!, font);
    }
    pageTexts.push(text);
  }
  return { pages: pageTexts.length, text: pageTexts.join('\n\f\n').normalize('NFC') };
}
