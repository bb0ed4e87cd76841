// Saves text as a file through a Blob link: works offline (nothing is fetched) and keeps the
// bytes exactly as built, byte-order mark included.
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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

/** A file name safe on every system: ASCII letters, digits, dash and dot. */
export function fileName(...parts: string[]): string {
  return parts.map((p) => p.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9.-]+/g, '-')).join('_');
}
