// Pictures for Chromium's fake camera (`launchPhone({ camera })`): a YUV4MPEG2 file, which Chromium
// plays in a loop to any page that opens the camera. Each picture is centred on a white 640×480
// frame and held for a few frames, as a camera held still over a screen would see it.
import type { QrPixels } from '../../../src/client/features/handover/qr/qr-image';

const WIDTH = 640;
const HEIGHT = 480;
/** Frames per second of the file, and how many frames each picture lasts (0.4 s). */
const FPS = 10;
const HOLD = 4;

/** The file's bytes: a white frame when there is no picture. */
export function fakeCameraVideo(pictures: readonly QrPixels[]): Buffer {
  const parts = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  for (const picture of pictures.length > 0 ? pictures : [null]) {
    // Grey only: the luma plane carries the code, the colour planes stay neutral.
    const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
    if (picture) {
      const left = (WIDTH - picture.width) >> 1;
      const top = (HEIGHT - picture.height) >> 1;
      for (let y = 0; y < picture.height; y += 1) {
        for (let x = 0; x < picture.width; x += 1) {
          if (top + y >= 0 && top + y < HEIGHT && left + x >= 0 && left + x < WIDTH) luma[(top + y) * WIDTH + left + x] = picture.data[(y * picture.width + x) * 4]!;
        }
      }
    }
    const chroma = Buffer.alloc((WIDTH * HEIGHT) / 4, 128);
    for (let i = 0; i < HOLD; i += 1) parts.push(Buffer.from('FRAME\n'), luma, chroma, chroma);
  }
  return Buffer.concat(parts);
}

/** The picture at `factor` of its size (nearest pixel), as a camera a little further away sees it. */
export function scaled(picture: QrPixels, factor: number): QrPixels {
  const width = Math.round(picture.width * factor);
  const height = Math.round(picture.height * factor);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = (Math.min(picture.height - 1, Math.floor(y / factor)) * picture.width + Math.min(picture.width - 1, Math.floor(x / factor))) * 4;
      data.set(picture.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
