// The period report as a Word file (docs/reports.md "The document's layout"). This module imports
// the docx library; the screen loads it with import() on the first click, so the library is a
// chunk of its own and never part of the first screen. Page and fonts as Decree 30/2020 sets
// them: A4, margins 20/20/30/15 mm, Times New Roman 13–14 pt.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportDocument } from './report-document';

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

interface Line {
  text: string;
  bold?: boolean;
  italics?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

const para = ({ text, bold, italics, size = 28, align = AlignmentType.JUSTIFIED }: Line, indent = false): Paragraph =>
  new Paragraph({ alignment: align, spacing: { after: 120 }, indent: indent ? { firstLine: Math.round(10 * MM) } : undefined, children: [new TextRun({ text, bold, italics, size, font: FONT })] });

const cell = (width: number, children: Paragraph[]): TableCell => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const LINES = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/** The compiled report's appendix: a ruled table, its header row bold (compiled-document.ts). */
function appendixTable(appendix: NonNullable<ReportDocument['appendix']>): (Paragraph | Table)[] {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((text) => new TableCell({ borders: LINES, children: [para({ text, bold, size: 24, align: AlignmentType.LEFT })] })) });
  return [
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: appendix.title.split('\n').map((text, i) => new TextRun({ text, bold: true, size: 28, font: FONT, break: i > 0 ? 1 : 0 })) }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: LINES, rows: [row(appendix.header, true), ...appendix.rows.map((cells) => row(cells, false))] }),
  ];
}

const twoColumns = (left: Paragraph[], right: Paragraph[], leftWidth: number): Table =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell(leftWidth, left), cell(100 - leftWidth, right)] })] });

export function reportDocx(doc: ReportDocument): Document {
  const center = AlignmentType.CENTER;
  const heading = twoColumns(
    [
      ...(doc.issuerParent ? [para({ text: doc.issuerParent, size: 26, align: center })] : []),
      para({ text: doc.issuer, bold: true, size: 26, align: center }),
      para({ text: doc.number, size: 26, align: center }),
    ],
    [para({ text: doc.nation, bold: true, size: 26, align: center }), para({ text: doc.motto, bold: true, size: 28, align: center }), para({ text: doc.placeDate, italics: true, size: 28, align: center })],
    40,
  );
  const body = doc.sections.flatMap((section) => [para({ text: section.heading, bold: true }), ...section.paragraphs.map((text) => para({ text }, true))]);
  const footer = twoColumns(
    [para({ text: doc.recipientsTitle, bold: true, italics: true, size: 24, align: AlignmentType.LEFT }), ...doc.recipients.map((text) => para({ text, size: 22, align: AlignmentType.LEFT }))],
    [...doc.signature.map((text) => para({ text, bold: true, align: center })), para({ text: ' ', align: center }), para({ text: ' ', align: center }), para({ text: doc.signerName, bold: true, align: center })],
    50,
  );
  return new Document({
    creator: doc.issuer,
    title: `${doc.title} ${doc.summary}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } } },
        children: [
          heading,
          para({ text: doc.title, bold: true, align: center }),
          para({ text: doc.summary, bold: true, align: center }),
          para({ text: doc.intro }, true),
          ...body,
          para({ text: doc.closing }, true),
          footer,
          ...(doc.appendix ? appendixTable(doc.appendix) : []),
        ],
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function reportDocxBlob(doc: ReportDocument): Promise<Blob> {
  return Packer.toBlob(reportDocx(doc));
}
