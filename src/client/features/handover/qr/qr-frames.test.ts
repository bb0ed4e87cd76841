// @vitest-environment node
// The frames of a real sealed bundle, drawn as the sender's screen draws them and read back by
// the function the camera uses: the JavaScript decoder here (Node has no BarcodeDetector), the
// browser's own detector where it has one.
import { afterEach, describe, expect, it } from 'vitest';
import { newCode, openBundle, sealBundle } from '../../../../shared/handover/bundle';
import { bundleToFrames, FrameCollector } from '../../../../shared/handover/frames';
import { handOverContent } from '../../../../../test/helpers/hand-over-content';
import { renderFrame } from './qr-image';
import { qrReader, readQrCodes, resetQrReader } from './qr-reader';

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
