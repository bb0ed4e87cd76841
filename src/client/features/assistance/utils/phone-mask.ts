// docs/privacy.md checklist #30: a citizen's phone number is masked wherever a list shows it, and shown in
// full only when the member taps it.

/** "0912345678" → "091••••678"; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 9) return `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`;
  return `${'•'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

/** "0912345678" → "0912 345 678", "02553822123" → "0255 3822 123": easier to read aloud. */
export function formatPhone(phone: string): string {
  if (/^0[35789]\d{8}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^02\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
  return phone;
}
