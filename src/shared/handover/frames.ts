// A sealed bundle as a sequence of QR codes (docs/field-aids.md §2): each frame is text
// "STS1/<bundle tag>/<index>/<count>/<base64url chunk>", so the receiver can collect frames in
// any order, skip repeats, say how many are missing, and never mix two bundles. The chunk size
// keeps each code at QR version ≤ 20 with low error correction (97 modules a side, ≈ 3 screen
// pixels a module on a 360 px phone), which a phone camera reads from another phone's screen at
// arm's length; larger codes need the phones held still and close.
import { BundleError, fromBase64Url, toBase64Url } from './bundle';

export const FRAME_PREFIX = 'STS1';
/** Base64url characters per frame (600 bytes of bundle); with the ≤ 24-character head, 824 bytes fit version 20-L (858). */
export const FRAME_CHUNK = 800;
const FRAME = /^STS1\/([A-Za-z0-9_-]{8})\/(\d{1,4})\/(\d{1,4})\/([A-Za-z0-9_-]+)$/;

/** The frames of a bundle; the tag (random per bundle) ties them together. */
export function bundleToFrames(bytes: Uint8Array, tag: string = toBase64Url(crypto.getRandomValues(new Uint8Array(6)))): string[] {
  const text = toBase64Url(bytes);
  const count = Math.max(1, Math.ceil(text.length / FRAME_CHUNK));
  return Array.from({ length: count }, (_, index) => `${FRAME_PREFIX}/${tag}/${index + 1}/${count}/${text.slice(index * FRAME_CHUNK, (index + 1) * FRAME_CHUNK)}`);
}

export interface FrameProgress {
  tag: string;
  received: number;
  count: number;
}

/** Collects scanned frames; `bytes()` once every frame is in. */
export class FrameCollector {
  private tag: string | null = null;
  private count = 0;
  private readonly chunks = new Map<number, string>();

  /** Adds one scanned text; false when it is not a frame of a bundle (or of another bundle than the first one scanned). */
  add(text: string): boolean {
    const match = FRAME.exec(text.trim());
    if (!match) return false;
    const [, tag, indexText, countText, chunk] = match;
    const index = Number(indexText);
    const count = Number(countText);
    if (count < 1 || index < 1 || index > count) return false;
    if (this.tag === null) {
      this.tag = tag!;
      this.count = count;
    } else if (tag !== this.tag || count !== this.count) return false;
    this.chunks.set(index, chunk!);
    return true;
  }

  progress(): FrameProgress | null {
    return this.tag === null ? null : { tag: this.tag, received: this.chunks.size, count: this.count };
  }

  complete(): boolean {
    return this.tag !== null && this.chunks.size === this.count;
  }

  bytes(): Uint8Array {
    if (!this.complete()) throw new BundleError('malformed');
    return fromBase64Url(Array.from({ length: this.count }, (_, i) => this.chunks.get(i + 1)!).join(''));
  }
}
