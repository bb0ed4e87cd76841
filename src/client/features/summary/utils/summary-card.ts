// The summary drawn as a PNG card for a chat (docs/field-aids.md). Zalo shows an image about as
// wide as the phone (≈ 360 CSS px), so the card is 1080 px wide — three device pixels per CSS
// pixel — and its smallest text is 34 px, which lands at ≈ 11 CSS px on the screen: the size of
// the chat's own captions. The height follows the content. Colours are the app's (styles.css).
import type { SummaryDoc } from '../../../../shared/reports/summary';

export const CARD_WIDTH = 1080;
const PAD = 64;
const FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
const GREEN = '#0b5c47';
const GREEN_LIGHT = '#e3f1ec';
const INK = '#14201c';
const MUTED = '#4a5853';
const LINE = '#c5d1cc';

interface Painter {
  ctx: CanvasRenderingContext2D;
  y: number;
}

/** Splits text into lines no wider than `width` at the current font (words are kept whole). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && ctx.measureText(candidate).width > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Draws every part of the card, or only measures it when `draw` is false (first pass: the height). */
function paint(p: Painter, doc: SummaryDoc, draw: boolean): void {
  const { ctx } = p;
  const inner = CARD_WIDTH - 2 * PAD;
  const text = (value: string, x: number, font: string, colour: string, align: CanvasTextAlign = 'left') => {
    ctx.font = font;
    ctx.fillStyle = colour;
    ctx.textAlign = align;
    if (draw) ctx.fillText(value, x, p.y);
  };
  // Title band.
  ctx.font = `bold 60px ${FONT}`;
  const titleLines = wrap(ctx, doc.title, inner);
  ctx.font = `36px ${FONT}`;
  const subtitleLines = wrap(ctx, doc.subtitle, inner);
  const band = PAD + titleLines.length * 72 + subtitleLines.length * 48 + 24;
  if (draw) {
    ctx.fillStyle = GREEN;
    ctx.fillRect(0, 0, CARD_WIDTH, band);
  }
  p.y = PAD + 48;
  for (const line of titleLines) {
    text(line, PAD, `bold 60px ${FONT}`, '#ffffff');
    p.y += 72;
  }
  for (const line of subtitleLines) {
    text(line, PAD, `36px ${FONT}`, '#ffffff');
    p.y += 48;
  }
  p.y = band + 40;
  for (const section of doc.sections) {
    // The heading on the left, the headline figure large on the right.
    ctx.font = `bold 64px ${FONT}`;
    const valueWidth = ctx.measureText(section.value).width;
    ctx.font = `bold 40px ${FONT}`;
    const headingLines = wrap(ctx, section.heading, inner - valueWidth - 32);
    p.y += 56;
    text(section.value, CARD_WIDTH - PAD, `bold 64px ${FONT}`, GREEN, 'right');
    for (const line of headingLines) {
      text(line, PAD, `bold 40px ${FONT}`, INK);
      p.y += 52;
    }
    for (const item of section.items) {
      ctx.font = `34px ${FONT}`;
      const valueW = ctx.measureText(item.value).width;
      const lines = wrap(ctx, item.label, inner - valueW - 48);
      text(item.value, CARD_WIDTH - PAD, `bold 34px ${FONT}`, INK, 'right');
      for (const line of lines) {
        text(line, PAD + 24, `34px ${FONT}`, MUTED);
        p.y += 46;
      }
    }
    p.y += 8;
    if (draw) {
      ctx.fillStyle = LINE;
      ctx.fillRect(PAD, p.y, inner, 2);
    }
    p.y += 8;
  }
  p.y += 56;
  ctx.font = `30px ${FONT}`;
  for (const line of wrap(ctx, doc.footer, inner)) {
    text(line, PAD, `30px ${FONT}`, MUTED);
    p.y += 40;
  }
  p.y += PAD - 40;
}

/** The card as a PNG Blob. */
export async function drawSummaryCard(doc: SummaryDoc): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = CARD_WIDTH;
  canvas.height = 100;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  const measure: Painter = { ctx, y: 0 };
  paint(measure, doc, false);
  canvas.height = Math.ceil(measure.y);
  // Resizing a canvas resets its state: paint again from the top, on a light background.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_WIDTH, canvas.height);
  ctx.fillStyle = GREEN_LIGHT;
  ctx.fillRect(0, canvas.height - 12, CARD_WIDTH, 12);
  paint({ ctx, y: 0 }, doc, true);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png');
  });
}
