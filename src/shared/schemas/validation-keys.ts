// Every message a shared schema can produce is one of these i18n keys, never prose: the same
// schema runs in the PWA (translated under the field), in the data layer and on the server (sent
// back as the reason of a rejected change). The UI must have a translation for each key in
// locales/vi.json and locales/en.json; validation-keys.test.ts checks that every schema issue uses
// one of them.
export const VALIDATION_KEYS = [
  'validation.required', // missing, or empty after trimming
  'validation.invalidType', // wrong JSON type (number for text…)
  'validation.unknownField', // a field the schema does not know
  'validation.tooShort',
  'validation.tooLong',
  'validation.tooSmall',
  'validation.tooLarge',
  'validation.integer',
  'validation.tooMany', // list too long
  'validation.invalidOption', // not one of the allowed values
  'validation.duplicate', // the same value twice in a list
  'validation.uuid',
  'validation.slug', // lower-case letters, digits and dashes
  'validation.localDate', // yyyy-mm-dd, a real day
  'validation.dateTime', // ISO date-time with a zone
  'validation.phone', // not a Vietnamese phone number
  'validation.email',
  'validation.zalo', // neither a phone number nor a zalo.me link
  'validation.username',
  'validation.signInCode', // not a one-time sign-in code (12 letters and digits)
  'validation.consentRequired', // citizen details without recorded consent (docs/privacy.md)
  'validation.guardianRequired', // a citizen under 16 without a guardian's consent (docs/privacy.md)
  'validation.sensitiveBarrier', // health/disability barrier on an identified citizen (docs/privacy.md)
  'validation.dossierCode', // not a dossier receipt code (capitals, digits, dots, dashes; not digits alone)
  'validation.exceedsParticipants', // women/elderly/ethnic-minority count above participants
  'validation.villageRequired', // a village checklist without its village
  'validation.unknownCategory', // template item in a category the template does not list
  'validation.roleScope', // admin without province, or commune user without commune
  'validation.dateInFuture', // an instant later than now (beyond the clock margin)
  'validation.dateTooEarly', // before the teams existed / before the plans' horizon
  'validation.dateTooLate', // beyond the plans' or follow-ups' horizon
  'validation.followUpBeforeHelp', // a follow-up before the day of the help
  'validation.citizenIdInNote', // a CCCD number in a synced note
  'validation.documentNumber', // not a document number such as 14/BC-UBND
  'validation.endBeforeStart', // a period that ends before it starts
  'validation.url', // not an https:// address
  'validation.image', // not a WebP or JPEG picture
  'validation.imageTooLarge', // a picture over its size limit (guides, docs/field-aids.md §3)
] as const;

export type ValidationKey = (typeof VALIDATION_KEYS)[number];
