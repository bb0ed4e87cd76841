// The terms the privacy classification (classification.ts) is written in: a field's category, the
// legal basis for holding it and how long it is kept, and the shorthands the entries use.
//
// Categories follow Decree 356/2025: "personal" is basic personal data (a name, a phone number, a
// year of birth, an account id that points at a person); "sensitive" is Art. 4's list (health,
// ethnic origin, location…), which the app does not collect per person; "none" identifies nobody.

export const CATEGORIES = ['personal', 'sensitive', 'none'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Why the app may hold the field. `consent`: the citizen agreed (consent evidence on the log);
 * `publicTask`: the commune team's and province's work, for staff and officials' work data (the
 * province's legal officer confirms it, docs/privacy.md); `legalObligation`: the law requires it (the register of
 * citizens' requests, which must show each request was answered in time); `notPersonal`: identifies nobody.
 */
export const LEGAL_BASES = ['consent', 'publicTask', 'legalObligation', 'notPersonal'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/**
 * How long the field is kept. `citizenDetails`: until the citizen asks for erasure, the province's
 * retention limit (default 12 months after the log's date) or the phone's limit (90 days after
 * the log's date, for a synced log), whichever comes first (docs/privacy.md "Retention"); `record`: as long as the record; `account`: as long as the
 * member's account (ids of staff); `reference`: as long as the province keeps the catalogue;
 * `request`: as long as the register keeps the request (docs/privacy.md "Requests register");
 * `requester`: who asked, until the request has been closed for the province's retention limit
 * (on phones 90 days), an open request keeping it (docs/privacy.md "Retention").
 */
export const RETENTIONS = ['citizenDetails', 'record', 'account', 'reference', 'request', 'requester'] as const;
export type Retention = (typeof RETENTIONS)[number];

export interface FieldClass {
  category: Category;
  /** What the field is for, in a few words (English; the inventory is the dossier's annex). */
  purpose: string;
  basis: LegalBasis;
  retention: Retention;
}

export const none = (purpose: string, retention: Retention = 'record'): FieldClass => ({ category: 'none', purpose, basis: 'notPersonal', retention });
export const staff = (purpose: string, retention: Retention = 'account'): FieldClass => ({ category: 'personal', purpose, basis: 'publicTask', retention });
export const citizen = (purpose: string): FieldClass => ({ category: 'personal', purpose, basis: 'consent', retention: 'citizenDetails' });
export const requester = (purpose: string): FieldClass => ({ category: 'personal', purpose, basis: 'legalObligation', retention: 'requester' });

/** Metadata every commune record carries (recordMetaSchema). */
export const COMMUNE_META = {
  id: none('identify the record across phones and the server'),
  communeId: none('the commune the record belongs to (access scope)'),
  createdBy: staff('the member who created the record (edit rights, accountability)'),
  createdAt: none('when the server first stored the record'),
  updatedAt: none('when the server last changed the record'),
  deleted: none('a deletion that must reach every phone'),
} as const satisfies Record<string, FieldClass>;

/** Metadata of province reference data (referenceRecordMetaSchema). */
export const REFERENCE_META = {
  ...COMMUNE_META,
  communeId: none('always empty: reference data belongs to the province', 'reference'),
  provinceId: none('the province that owns the reference data', 'reference'),
  createdBy: staff('the admin who created the entry'),
} as const satisfies Record<string, FieldClass>;

export const localized = (prefix: string, purpose: string, retention: Retention = 'reference'): Record<string, FieldClass> => ({
  [`${prefix}.vi`]: none(`${purpose} (Vietnamese)`, retention),
  [`${prefix}.en`]: none(`${purpose} (English)`, retention),
});
