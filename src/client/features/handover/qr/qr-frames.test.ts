// @vitest-environment node
// The frames of a real sealed bundle, drawn as the sender's screen draws them and read back by
// the function the camera uses: the JavaScript decoder here (Node has no BarcodeDetector), the
// browser's own detector where it has one.
import { afterEach, describe, expect, it } from 'vitest';
import { newCode, openBundle, sealBundle } from '../../../../shared/handover/bundle';
import { bundleToFrames, FrameCollector } from '../../../../shared/handover/frames';
import { handOverContent } from '../../../../../test/helpers/hand-over-content';
import { renderFrame } from './qr-image';
import { halve, qrReader, quarterTurn, readQrCodes, resetQrReader } from './qr-reader';

const COMMUNE = 'xa-ngok-bay';

afterEach(() => {
  delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  resetQrReader();
});

describe('hand-over QR frames', () => {
  it('100 realistic logs: at most 30 codes of version ≤ 20, each read back exactly, joined in any order into the bundle', async () => {
    const code = newCode();
    const content = handOverContent(100, COMMUNE, 7);
    const frames = bundleToFrames(await sealBundle(content, code));
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.length).toBeLessThanOrEqual(30);
    expect((await qrReader()).kind).toBe('javascript');
    const collector = new FrameCollector();
    for (const frame of [...frames].reverse()) {
      const image = await renderFrame(frame);
      expect(image.version).toBeLessThanOrEqual(20);
      const read = await readQrCodes(image);
      expect(read).toEqual([frame]);
      collector.add(read[0]!);
    }
    expect(await openBundle(collector.bytes(), code, COMMUNE)).toEqual(content);
  }, 60_000);

  // A real frame (a sealed bundle's, nothing personal) that the decoder misses upright at every
  // size: found in 1 of about 1,000 frames, it made the test above fail now and then and would stop
  // a hand-over at that frame (docs/field-aids.md §2 "Decoding").
  const UPRIGHT_UNREADABLE = 'STS1/BQSXusp2/1/13/U1RTMQBeeyJmb3JtYXQiOjEsImNvbW11bmVJZCI6InhhLW5nb2stYmF5Iiwic2FsdCI6ImtUNkVLcmJmRFFNWV9YT3lrbU5ZTXciLCJpdiI6ImpEeGhaQlhVWTVHRGJ1RE4ifRfZiSEqcGhsGH5u8OmK7WP9lZi-2NoCfx3OawMz4UneHkeVEBSXE7uT97qmNhtSxzpXkIHB9CtAlAihEKIkUvJ9iSBZhzazeu2oYzCJNax9w_AlKox18g7zuW1JUWOMzEFWZhgsgG5ILn_XTyuW3FOshoAJvySTxcDiJuyzJZxwyCdj1_ln8Xge20d7gU9tEp7JSwIkPkMuvp3dCJqrQU-LixOzfw8E3FPmoJyUtH5L3CEVuuvirGlZQnJ--ufj6CcyRyuz4L8AJKMnRdZg59QFmUV0kboIypN1Ek7EgMiMdQcvwC_54CW62hzvoSaS7CAmfEyn_tcFdJjdRBGjfFe3Y6HmxIBNqxn1Mg3l7MSWTUb_V0XBCwweS7JNoaxjqtTCuy7nOAcQjBs4ottiOywl5qynipank-l-oWs19Ne8mJXRfja3GtSyLojcA5d0_ADniOTQ7TCDMZJuXgajPBiKV0xHiXYNOMB0k0A5R3GMgVHSVzN4NM2Q6515VEzUX_9hkVDGEstSDtFi1ivvGPTHKIOIdXW-Ym4ZLt0VVGmZaJxWNXdmkxXkiB9kerBWsHG7YCEpNymw1WfJbpyJtTobnuXGwepDFAGKZRWPtZj4n3vPqRsG0-YZ4yZxhC2umCUH9xiApPyuHQmByL8E5JGDuBwV';

  it('reads a frame the decoder misses upright at full and half size, by turning the halved picture', async () => {
    const image = await renderFrame(UPRIGHT_UNREADABLE);
    const { default: decodeQR } = await import('@paulmillr/qr/decode.js');
    expect(() => decodeQR(image)).toThrow();
    expect(() => decodeQR(halve(image))).toThrow();
    expect(await readQrCodes(image)).toEqual([UPRIGHT_UNREADABLE]);
  });

  it('turns a picture a quarter turn clockwise', () => {
    // 3 × 2 pixels, each pixel's red value its number: 1 2 3 / 4 5 6 becomes 4 1 / 5 2 / 6 3.
    const data = new Uint8ClampedArray([1, 2, 3, 4, 5, 6].flatMap((red) => [red, 0, 0, 255]));
    const turned = quarterTurn({ width: 3, height: 2, data });
    expect([turned.width, turned.height]).toEqual([2, 3]);
    expect([...turned.data].filter((_, index) => index % 4 === 0)).toEqual([4, 1, 5, 2, 6, 3]);
  });

  it('a picture without a code reads as nothing', async () => {
    const blank = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) };
    expect(await readQrCodes(blank)).toEqual([]);
  });

  it('uses the browser’s BarcodeDetector when it reads QR codes, and the JavaScript decoder when it does not', async () => {
    const seen: unknown[] = [];
    class Detector {
      static formats = ['qr_code'];
      static getSupportedFormats = () => Promise.resolve(Detector.formats);
      constructor(options: { formats: string[] }) {
        expect(options.formats).toEqual(['qr_code']);
      }
      detect(image: unknown) {
        seen.push(image);
        return Promise.resolve([{ rawValue: 'STS1/abcdefgh/1/1/AAAA' }]);
      }
    }
    (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = Detector;
    const image = await renderFrame('hello');
    expect((await qrReader()).kind).toBe('native');
    expect(await readQrCodes(image)).toEqual(['STS1/abcdefgh/1/1/AAAA']);
    expect(seen).toEqual([image]);

    resetQrReader();
    Detector.formats = ['ean_13'];
    expect((await qrReader()).kind).toBe('javascript');
    expect(await readQrCodes(image)).toEqual(['hello']);
  });
});
