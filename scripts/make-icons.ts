// Draws the app icons (a white notebook with green lines on the brand green) as PNGs,
// with no image library: a minimal PNG encoder over node:zlib. Run once; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const GREEN = [0x0b, 0x5c, 0x47];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf2, 0xb7, 0x05];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => number[]): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = r ?? 0;
      raw[o + 1] = g ?? 0;
      raw[o + 2] = b ?? 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The notebook drawn inside a box of `inner` (0..1) of the icon, centred. */
function notebook(size: number, inner: number) {
  const s = (v: number) => ((1 - inner) / 2 + v * inner) * size;
  return (x: number, y: number): number[] => {
    const inPage = x >= s(0.18) && x <= s(0.82) && y >= s(0.1) && y <= s(0.9);
    if (!inPage) return GREEN;
    if (x <= s(0.3)) return GOLD; // binding
    const lineH = (s(0.9) - s(0.1)) / 7;
    const row = (y - s(0.1)) / lineH;
    const onLine = row > 1 && row < 6.5 && row % 1 > 0.82 && x >= s(0.38) && x <= s(0.74);
    return onLine ? GREEN : WHITE;
  };
}

writeFileSync('public/icons/icon-192.png', png(192, notebook(192, 1)));
writeFileSync('public/icons/icon-512.png', png(512, notebook(512, 1)));
// Maskable: the content stays inside the 80 % safe zone, the background bleeds to the edges.
writeFileSync('public/icons/icon-maskable-512.png', png(512, notebook(512, 0.72)));
writeFileSync('public/icons/apple-touch-icon.png', png(180, notebook(180, 0.86)));
