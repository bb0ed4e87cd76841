// The privacy notice a member shows or reads to a citizen before recording their details. Its
// text lives in locales/vi/privacy.json (`notice`; the English file is a translation for members,
// never shown to citizens as the agreed text). A log's `citizen.consentEvidence.noticeVersion`
// names the version the citizen was shown, so each version's text must stay recoverable: the
// hash of every version's Vietnamese text is kept below, and test/unit/privacy-notice.test.ts
// fails when the text changes without a new version (the git history then holds the old text).

/** Every published version, oldest first, with the SHA-256 of its `notice` JSON (vi). */
export const PRIVACY_NOTICE_VERSIONS = [
  { version: 'vi-2026-12', sha256: '53d813877550ee4ea721bc863b364ec4c9ef118edc20e1f46f95ed3710616a94' },
  // Adds how long the requests register keeps who asked (docs/privacy.md "Requests register").
  { version: 'vi-2026-12-04', sha256: '4b3c8baa152ff0fe0d7f933d39d40cdfbfc06172d1690216c734b3fe3f92ce2e' },
] as const;

/** The version shown today; what new consent evidence names. */
export const PRIVACY_NOTICE_VERSION: string = PRIVACY_NOTICE_VERSIONS[PRIVACY_NOTICE_VERSIONS.length - 1]!.version;

/**
 * What a citizen agrees to when the member ticks "agrees" (the notice's "why" section): being
 * called back about their request (name, phone) and counted by age group and gender (birth year,
 * gender). Recorded on the consent evidence, so a later reader knows what the consent covered.
 */
export const CONSENT_PURPOSES = ['followUp', 'statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Who said yes: the citizen, or for a citizen under GUARDIAN_AGE their parent or guardian. */
export const CONSENT_GIVERS = ['citizen', 'guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/** Under this age a guardian consents for the citizen (Law 91/2025/QH15, children's data; docs/privacy.md). */
export const GUARDIAN_AGE = 16;

/**
 * Whether a citizen born in `birthYear` is surely under GUARDIAN_AGE in `year`. A birth year cannot
 * tell a 15-year-old from a 16-year-old in the year they turn 16, so that year counts as "may be
 * under 16" only for the form's question, not for this rule.
 */
export function surelyUnderGuardianAge(birthYear: number, year: number): boolean {
  return year - birthYear < GUARDIAN_AGE;
}
