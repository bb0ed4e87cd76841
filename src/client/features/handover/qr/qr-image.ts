// A hand-over frame as a QR code's pixels (docs/field-aids.md §2 "QR frames"). The pixels are
// built here, not drawn module by module on a canvas, so that the screen (putImageData), the tests
// and the bench all decode exactly the image the sender's phone shows. The encoder is
// qrcode-generator, the library the console's sign-in codes already use, loaded only when a
// hand-over shows its codes.

/** RGBA pixels, the shape of the DOM's ImageData (which Node has not). */
export interface QrPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** White modules around the code: scanners look for it to find the code's edge. */
export const QUIET_ZONE = 4;
/** Pixels per module: a version-20 code is 420 px, shown scaled to the screen's width without smoothing. */
export const MODULE_PIXELS = 4;

/** The code's dark modules (row by row) and its version, with low error correction: a screen is a clean medium. */
export async function frameModules(text: string): Promise<{ version: number; size: number; dark: (row: number, col: number) => boolean }> {
  const { default: qrcode } = await import('qrcode-generator');
  const qr = qrcode(0, 'L');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return { version: (size - 17) / 4, size, dark: (row, col) => qr.isDark(row, col) };
}

/** The frame as black on white pixels, quiet zone included. */
export async function renderFrame(text: string, modulePixels: number = MODULE_PIXELS): Promise<QrPixels & { version: number }> {
  const { version, size, dark } = await frameModules(text);
  const side = (size + 2 * QUIET_ZONE) * modulePixels;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  const rowBytes = side * 4;
  for (let row = 0; row < size; row += 1) {
    // Draw the module row's first pixel line, then copy it down the module's height.
    const top = (row + QUIET_ZONE) * modulePixels * rowBytes;
    for (let col = 0; col < size; col += 1) {
      if (!dark(row, col)) continue;
      const left = top + (col + QUIET_ZONE) * modulePixels * 4;
      for (let x = 0; x < modulePixels * 4; x += 4) data.fill(0, left + x, left + x + 3);
    }
    for (let y = 1; y < modulePixels; y += 1) data.copyWithin(top + y * rowBytes, top, top + rowBytes);
  }
  return { width: side, height: side, data, version };
}
