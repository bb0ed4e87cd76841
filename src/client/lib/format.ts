// Small display helpers that do not belong to one feature.

/** Bytes as a translated size, e.g. "1,5 MB" (Vietnamese decimal comma). */
export function formatBytes(bytes: number, language: string): { unit: 'bytes' | 'kilobytes' | 'megabytes' | 'gigabytes'; value: string } {
  const units = ['bytes', 'kilobytes', 'megabytes', 'gigabytes'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 ? 0 : value < 10 ? 1 : 0;
  return {
    unit: units[index] ?? 'bytes',
    value: new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value),
  };
}
