// @vitest-environment node
// Pure code that runs the same in the browser and in Node: WebCrypto and CompressionStream.
import { describe, expect, it } from 'vitest';
import { BundleError, newCode, normalizeCode, openBundle, readBundleHeader, sealBundle, CODE_LENGTH, type HandOverContent, type HandOverEntry } from './bundle';
import { bundleToFrames, FrameCollector } from './frames';
import { formatHlc } from '../sync/hlc';
import { uuidv7 } from '../sync/ids';

const COMMUNE = 'xa-ngok-bay';
const AUTHOR = { id: uuidv7(), displayName: 'Thành viên A' };

function logEntry(i: number): HandOverEntry {
  const at = new Date(Date.parse('2026-12-03T02:00:00.000Z') + i * 60_000).toISOString();
  return {
    id: uuidv7(),
    table: 'assistanceLogs',
    recordId: uuidv7(),
    hlc: formatHlc({ millis: Date.parse(at), counter: 0, node: '8f3a9c4d5e6f7a8b' }),
    createdAt: at,
    fields: {
      serviceId: i % 3 === 0 ? 'vneid-activate-level2' : 'dvc-submit-online',
      outcome: 'done',
      occurredAt: at,
      barriers: i % 4 === 0 ? ['portal_down'] : [],
      villageId: '0197c1a2-0000-7000-8000-00000000000a',
      durationMin: 15 + (i % 20),
      note: `Hướng dẫn cài đặt lần ${i}`,
      communeId: COMMUNE,
      createdBy: AUTHOR.id,
      createdAt: at,
      updatedAt: at,
      deleted: false,
    },
  };
}

const content = (entries: HandOverEntry[], communeId = COMMUNE): HandOverContent => ({ format: 1, communeId, author: AUTHOR, createdAt: '2026-12-03T03:00:00.000Z', entries });

describe('hand-over bundle', () => {
  it('opens with the code in the same commune, entries unchanged (ids, clocks, author)', async () => {
    const code = newCode();
    expect(code).toMatch(new RegExp(`^[A-Z2-9]{${CODE_LENGTH}}$`));
    const original = content([logEntry(1), logEntry(2)]);
    const sealed = await sealBundle(original, code);
    expect(new TextDecoder().decode(sealed)).not.toContain('Hướng dẫn');
    const opened = await openBundle(sealed, ` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `, COMMUNE);
    expect(opened).toEqual(original);
    expect(normalizeCode('ab cd-ef')).toBe('ABCDEF');
  });

  it('refuses a wrong code, any changed byte, a cut bundle, another commune, and junk — each by name', async () => {
    const code = newCode();
    const sealed = await sealBundle(content([logEntry(1)]), code);
    const refusal = (promise: Promise<unknown>) => promise.then(() => 'opened', (error: unknown) => (error instanceof BundleError ? error.problem : String(error)));
    expect(await refusal(openBundle(sealed, newCode(), COMMUNE))).toBe('wrongCodeOrTampered');
    for (const at of [7, 20, sealed.length - 20, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[at] = tampered[at]! ^ 0x01;
      expect(['wrongCodeOrTampered', 'malformed']).toContain(await refusal(openBundle(tampered, code, COMMUNE)));
    }
    expect(await refusal(openBundle(sealed.subarray(0, sealed.length - 30), code, COMMUNE))).toBe('wrongCodeOrTampered');
    expect(await refusal(openBundle(sealed.subarray(0, 10), code, COMMUNE))).toBe('malformed');
    expect(await refusal(openBundle(sealed, code, 'xa-khac'))).toBe('foreign');
    expect(await refusal(openBundle(new TextEncoder().encode('hello world, not a bundle'), code, COMMUNE))).toBe('malformed');
    // A bundle re-labelled with this commune in its header still fails: the header is authenticated.
    const foreign = await sealBundle(content([logEntry(1)], 'xa-khac'), code);
    const { header } = readBundleHeader(foreign);
    expect(header.communeId).toBe('xa-khac');
    expect(await refusal(openBundle(foreign, code, 'xa-ngok-bay'))).toBe('foreign');
  });

  it('travels as QR frames in any order, repeats skipped, other bundles ignored; 100 logs fit in 30 frames', async () => {
    const code = newCode();
    const entries = Array.from({ length: 100 }, (_, i) => logEntry(i));
    const sealed = await sealBundle(content(entries), code);
    const frames = bundleToFrames(sealed);
    expect(frames.length).toBeLessThanOrEqual(30);
    const collector = new FrameCollector();
    const other = bundleToFrames(await sealBundle(content([logEntry(1)]), code));
    const shuffled = [...frames].reverse();
    expect(collector.add(shuffled[0]!)).toBe(true);
    expect(collector.add(other[0]!)).toBe(false);
    expect(collector.add('https://zalo.me/some-qr')).toBe(false);
    for (const frame of [...shuffled, shuffled[0]!]) collector.add(frame);
    expect(collector.complete()).toBe(true);
    expect(collector.progress()).toMatchObject({ received: frames.length, count: frames.length });
    const opened = await openBundle(collector.bytes(), code, COMMUNE);
    expect(opened.entries).toHaveLength(100);
    expect(opened.entries[42]).toEqual(entries[42]);
  });

  it('an incomplete set of frames gives no bundle', () => {
    const collector = new FrameCollector();
    const frames = bundleToFrames(new Uint8Array(5000).fill(7));
    collector.add(frames[0]!);
    expect(collector.complete()).toBe(false);
    expect(() => collector.bytes()).toThrow(BundleError);
  });
});
