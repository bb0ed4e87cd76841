// Reading QR codes from one picture (docs/field-aids.md §2 "Scanning"). The camera screen and the
// tests call the same `readQrCodes` on a frame's pixels. Where the browser has a QR
// BarcodeDetector (Android Chrome, Safari on iOS 17+) it reads; elsewhere (desktop Chromium on
// Linux, Firefox) @paulmillr/qr's decoder does, loaded only then. Why that decoder and not jsQR
// or a ZXing build: see docs/field-aids.md §2.
import type { QrPixels } from './qr-image';

/** The part of the Barcode Detection API this uses (TypeScript's DOM types do not have it yet). */
interface Detector {
  detect(image: ImageData): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

export type QrReaderKind = 'native' | 'javascript';
type Reader = { kind: QrReaderKind; read(image: QrPixels): Promise<string[]> };

let chosen: Promise<Reader> | null = null;

async function nativeReader(): Promise<Reader | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    if (!(await Native.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Native({ formats: ['qr_code'] });
    return { kind: 'native', read: async (image) => (await detector.detect(image as ImageData)).map((code) => code.rawValue) };
  } catch {
    // Some builds expose the class but cannot run it (no detection service): read in JavaScript.
    return null;
  }
}

/** The picture at half its size, each pixel the mean of four (a quarter of the work to read). */
export function halve(image: QrPixels): QrPixels {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const data = new Uint8ClampedArray(width * height * 4);
  const source = image.data;
  const row = image.width * 4;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = y * 2 * row + x * 8;
      const to = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) data[to + channel] = (source[from + channel]! + source[from + 4 + channel]! + source[from + row + channel]! + source[from + row + 4 + channel]!) >> 2;
      data[to + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The picture turned a quarter turn clockwise. */
export function quarterTurn(image: QrPixels): QrPixels {
  const { width, height } = image;
  const data = new Uint8ClampedArray(width * height * 4);
  const source = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const turned = new Uint32Array(data.buffer);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) turned[x * height + (height - 1 - y)] = source[y * width + x]!;
  }
  return { width: height, height: width, data };
}

async function javascriptReader(): Promise<Reader> {
  const { default: decodeQR } = await import('@paulmillr/qr/decode.js');
  const attempt = (image: QrPixels): string | null => {
    try {
      return decodeQR(image);
    } catch {
      // The decoder throws when the picture holds no readable code: an ordinary camera frame.
      return null;
    }
  };
  return {
    kind: 'javascript',
    // Its grid sampling misses a few sharp codes (≈ 3 in 100 of this app's, docs/field-aids.md §2);
    // the same code at half size reads in most of those, for a quarter of the first try's work.
    // About 1 in 1,000 misses at every size, always upright: its version or format bits are read
    // from the wrong cells. Turned a quarter turn, the decoder samples them from the other corner
    // and reads it; without this, a hand-over stops at that frame (docs/field-aids.md §2).
    read: (image) => {
      let text = attempt(image);
      if (text === null && image.width >= 200) {
        const half = halve(image);
        text = attempt(half) ?? attempt(quarterTurn(half));
      }
      return Promise.resolve(text === null ? [] : [text]);
    },
  };
}

/** The reader this browser uses, chosen once. */
export function qrReader(): Promise<Reader> {
  chosen ??= nativeReader().then((native) => native ?? javascriptReader());
  return chosen;
}

/** The texts of the QR codes in a picture (none when it holds none). */
export async function readQrCodes(image: QrPixels): Promise<string[]> {
  return (await qrReader()).read(image);
}

/** Forgets the choice (tests that give or take BarcodeDetector). */
export function resetQrReader(): void {
  chosen = null;
}
