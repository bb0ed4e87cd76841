// Free-text privacy guard (docs/privacy.md checklist item 28): people type national ID numbers,
// passwords and OTP codes into notes. The app warns while they type; only a CCCD number is also
// refused by the schemas (docs/data-rules.md). Other kinds never block saving: a false alarm must
// cost one glance, a block would cost the citizen's visit.
// Matching runs on a length-preserving fold of the NFC text, so "MẬT KHẨU", "mat khau" and
// "Mật khẩu" are all found and the positions returned point into toNfc(text).

import { foldChars, toNfc } from './vietnamese';

export type SensitiveTextKind =
  | 'citizenId' // 12-digit CCCD (căn cước công dân)
  | 'oldIdCard' // 9-digit CMND (chứng minh nhân dân)
  | 'password' // a word that announces a password
  | 'otp' // a word that announces an OTP / verification / activation code
  | 'secretCode'; // a 6-digit code right after such a word

export interface SensitiveTextWarning {
  kind: SensitiveTextKind;
  /** i18n key of the warning text shown to the member. */
  messageKey: (typeof PRIVACY_WARNING_KEYS)[number];
  /** Half-open range [start, end) in toNfc(text), to highlight what was found. */
  start: number;
  end: number;
}

/** Every i18n key findSensitiveText can return (the UI must translate each). */
export const PRIVACY_WARNING_KEYS = [
  'privacy.warning.citizenId',
  'privacy.warning.oldIdCard',
  'privacy.warning.password',
  'privacy.warning.otp',
  'privacy.warning.secretCode',
] as const;

const KEY_OF: Record<SensitiveTextKind, SensitiveTextWarning['messageKey']> = {
  citizenId: 'privacy.warning.citizenId',
  oldIdCard: 'privacy.warning.oldIdCard',
  password: 'privacy.warning.password',
  otp: 'privacy.warning.otp',
  secretCode: 'privacy.warning.secretCode',
};

// 12 digits, optionally grouped by single spaces, dots or dashes ("001 203 012 345",
// "0012.0301.2345"), and not part of a longer number. The look-arounds also refuse a separator
// followed by another digit, so a 13-digit grouped number is not read as a CCCD.
const CITIZEN_ID = /(?<!\d[ .-]?)\d(?:[ .-]?\d){11}(?![ .-]?\d)/gu;
// People group a CCCD in threes, fours or sixes; a group of one or two digits means something else,
// e.g. the tail "H48-250701-0001" of a dossier code (mã hồ sơ), which the log may hold.
const hasShortGroup = (digits: string): boolean => digits.split(/[ .-]/).some((g) => g.length < 3);
// The old 9-digit CMND, written as one run. Grouped 9-digit numbers are left out on purpose:
// "150.000.000" is how amounts in đồng are written, and warning on money would train members to
// ignore the guard.
const OLD_ID_CARD = /(?<![\d.,])\d{9}(?![\d]|[.,]\d)/gu;

// Keywords, written folded (no tone marks, đ→d, lower case). Whole words only, so "passport" and
// "compass" do not match "pass". "mk" and "pwd" are the usual abbreviations in Zalo chats.
const PASSWORD_WORDS = ['mat khau', 'matkhau', 'password', 'passcode', 'pass', 'pwd', 'mk'];
// "ma kich hoat" is the activation code of a level-2 VNeID account (service vneid-activate-level2);
// "ma xac nhan" is how banks and Zalo word their SMS codes.
const OTP_WORDS = ['otp', 'ma xac thuc', 'ma xac nhan', 'ma kich hoat'];

const wordsPattern = (words: readonly string[]): string =>
  words.map((w) => w.replace(/ /g, '\\s+')).join('|');
const PASSWORD_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wordsPattern(PASSWORD_WORDS)})(?![\\p{L}\\p{N}])`, 'gu');
const OTP_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wordsPattern(OTP_WORDS)})(?![\\p{L}\\p{N}])`, 'gu');
// A 6-digit code shortly after one of the words: "OTP: 123456", "mật khẩu là 123456",
// "mã xác thực của bà 482 913". Up to 20 characters between, none of them a digit.
const SECRET_CODE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${wordsPattern([...PASSWORD_WORDS, ...OTP_WORDS])})[^\\d\\n]{0,20}?(\\d{3}[ .]?\\d{3})(?![ .]?\\d)`,
  'gdu',
);

function* matches(pattern: RegExp, text: string, kind: SensitiveTextKind): Generator<SensitiveTextWarning> {
  for (const m of text.matchAll(pattern)) {
    if (kind === 'citizenId' && hasShortGroup(m[0])) continue;
    yield { kind, messageKey: KEY_OF[kind], start: m.index, end: m.index + m[0].length };
  }
}

function* secretCodes(text: string): Generator<SensitiveTextWarning> {
  for (const m of text.matchAll(SECRET_CODE)) {
    const range = m.indices?.[1];
    if (range) yield { kind: 'secretCode', messageKey: KEY_OF.secretCode, start: range[0], end: range[1] };
  }
}

/**
 * Finds text that looks like a citizen ID number, a password or an OTP. Returns warnings ordered by
 * position; an empty list means nothing was found. Never throws and never changes the text.
 */
export function findSensitiveText(text: string): SensitiveTextWarning[] {
  const nfc = toNfc(text);
  const folded = foldChars(nfc);
  const found = [
    ...matches(CITIZEN_ID, folded, 'citizenId'),
    ...matches(OLD_ID_CARD, folded, 'oldIdCard'),
    ...matches(PASSWORD_WORD, folded, 'password'),
    ...matches(OTP_WORD, folded, 'otp'),
    ...secretCodes(folded),
  ];
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** True when the text has anything worth a warning. */
export function hasSensitiveText(text: string): boolean {
  return findSensitiveText(text).length > 0;
}

/**
 * The text without its CCCD numbers (what the note field's "remove the number" button writes).
 * Works on toNfc(text), where findSensitiveText's positions point; spaces left doubled are joined.
 */
export function removeCitizenIds(text: string): string {
  const nfc = toNfc(text);
  const ranges = findSensitiveText(nfc).filter((w) => w.kind === 'citizenId');
  let out = nfc;
  for (const { start, end } of ranges.reverse()) out = out.slice(0, start) + out.slice(end);
  return ranges.length > 0 ? out.replace(/[ \t]{2,}/g, ' ').trim() : nfc;
}
