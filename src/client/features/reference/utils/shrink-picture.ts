// A step's picture is shrunk on the admin's phone before it is sent (docs/field-aids.md §3 "Image
// budget"): at most 480 px wide, WebP (JPEG where the browser cannot write WebP), the quality lowered
// until the base64 text is within the schema's limit. Every phone of the province stores the result,
// so a few kilobytes here are paid many times over.
import { GUIDE_LIMITS, type GuideImageType } from '../../../../shared/schemas/service-guide';

export const PICTURE_MAX_WIDTH = 480;
const QUALITIES = [0.8, 0.65, 0.5, 0.4, 0.3, 0.2] as const;

export interface ShrunkPicture {
  mime: GuideImageType;
  /** base64, without the data: prefix. */
  data: string;
  width: number;
  height: number;
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The picture in `file` made small enough for the guides, or null when it cannot be read or shrunk. */
export async function shrinkPicture(file: Blob): Promise<ShrunkPicture | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  // Tall screenshots are narrowed further so no side passes what the schema allows.
  const scale = Math.min(1, PICTURE_MAX_WIDTH / bitmap.width, 4000 / bitmap.height);
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  // A transparent PNG becomes white rather than black in JPEG.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  for (const quality of QUALITIES) {
    const webp = await toBlob(canvas, 'image/webp', quality);
    // A browser that cannot write WebP gives PNG instead: fall back to JPEG.
    const blob = webp?.type === 'image/webp' ? webp : await toBlob(canvas, 'image/jpeg', quality);
    if (!blob || (blob.type !== 'image/webp' && blob.type !== 'image/jpeg')) return null;
    const data = await base64Of(blob);
    if (data.length <= GUIDE_LIMITS.imageChars) return { mime: blob.type, data, width, height };
  }
  return null;
}
