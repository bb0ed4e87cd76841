// Saving and sharing files the app builds on the phone (a CSV, a summary card, a hand-over
// bundle). Everything goes through a Blob: it works offline (nothing is fetched) and keeps the
// bytes exactly as built, byte-order mark included.

/** Saves a Blob as a file through a hidden download link. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** A file name safe on every system: ASCII letters, digits, dash and dot. */
export function fileName(...parts: string[]): string {
  return parts.map((p) => p.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9.-]+/g, '-')).join('_');
}

export type ShareOutcome = 'shared' | 'cancelled' | 'unsupported';

/** Whether this browser can hand these files to another app (Zalo, Bluetooth, Files…) with the Web Share API. */
export function canShareFiles(files: File[]): boolean {
  return typeof navigator.canShare === 'function' && typeof navigator.share === 'function' && navigator.canShare({ files });
}

/**
 * Opens the phone's share sheet with the files (and text) when the browser can share files;
 * 'unsupported' otherwise, so the screen offers copy and download instead. Closing the sheet is
 * 'cancelled', not an error.
 */
export async function shareFiles(data: { title: string; text?: string; files: File[] }): Promise<ShareOutcome> {
  if (!canShareFiles(data.files)) return 'unsupported';
  try {
    await navigator.share(data);
    return 'shared';
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    throw error;
  }
}
