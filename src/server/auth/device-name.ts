// A device's name from the browser's user agent at sign-in (docs/accounts.md "Devices"): enough for
// a leader to tell a member's phones apart — the model when Android gives one, the system and the
// browser — never the whole string. Proper names only, so it reads the same in every language.
const MAX_NAME = 80;

const BROWSERS: readonly [RegExp, string][] = [
  [/\bZalo\b/i, 'Zalo'],
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bCocCoc\b|\bcoc_coc/i, 'Cốc Cốc'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\/|\bHeadlessChrome\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

function system(ua: string): string | undefined {
  const android = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  const ios = /\b(iPhone|iPad|iPod)\b.*?\bOS (\d+)[_.]?(\d+)?/.exec(ua);
  if (ios) return `${ios[1]} (iOS ${ios[2]}${ios[3] ? `.${ios[3]}` : ''})`;
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return undefined;
}

/** The Android model ("SM-A125F"), when the user agent still carries one (reduced ones say "K"). */
function androidModel(ua: string): string | undefined {
  const match = /\bAndroid [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?\)/.exec(ua);
  const model = match?.[1]?.trim();
  return model && model !== 'K' && /^[\w .+-]{2,40}$/.test(model) ? model : undefined;
}

/** "SM-A125F · Android 13 · Chrome"; null when the agent names nothing known. */
export function deviceNameOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.slice(0, 512);
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const parts = [androidModel(ua), system(ua), browser].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? null : parts.join(' · ').slice(0, MAX_NAME);
}
