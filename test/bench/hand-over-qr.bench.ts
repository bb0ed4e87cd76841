// Issue 16's QR budget (docs/field-aids.md §2 "QR codes"): a bundle of 100 logs fits in at most
// 30 QR codes. The logs are the sync benches' realistic ones (350–700 bytes of JSON, some naming a
// consenting citizen), sealed as a sender's phone seals them. For context: the sealed size, the
// largest code's version, and the time to draw a code and to read it back with the JavaScript
// decoder the camera uses where the browser has no BarcodeDetector (in Node, median of all codes).
import { newCode, sealBundle } from '../../src/shared/handover/bundle';
import { bundleToFrames } from '../../src/shared/handover/frames';
import { renderFrame } from '../../src/client/features/handover/qr/qr-image';
import { readQrCodes } from '../../src/client/features/handover/qr/qr-reader';
import { handOverContent } from '../helpers/hand-over-content';
import { atMost, context, median, type Measurement } from './measurement';

export async function runHandOverQrBench(): Promise<Measurement[]> {
  const sealed = await sealBundle(handOverContent(100, 'xa-bench', 7), newCode());
  const frames = bundleToFrames(sealed);
  const drawMs: number[] = [];
  const readMs: number[] = [];
  let version = 0;
  for (const frame of frames) {
    let started = performance.now();
    const image = await renderFrame(frame);
    drawMs.push(performance.now() - started);
    version = Math.max(version, image.version);
    started = performance.now();
    const [read] = await readQrCodes(image);
    readMs.push(performance.now() - started);
    if (read !== frame) throw new Error('a rendered code did not read back as its frame');
  }
  return [
    atMost('hand-over qr: codes for 100 logs', frames.length, 'codes', 30),
    context('hand-over qr: sealed bundle of 100 logs', sealed.length / 1024, 'KB'),
    context('hand-over qr: largest code version', version, ''),
    context('hand-over qr: draw one code (median)', median(drawMs), 'ms'),
    context('hand-over qr: read one code (median)', median(readMs), 'ms'),
  ];
}
