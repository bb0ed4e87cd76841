// The privacy classification of every synced field (docs/data-inventory.md is generated from it
// by `npm run data-inventory`). One entry per leaf of each table's record schema — objects such as
// `citizen` are containers, their fields are classified one by one — so a new field cannot reach a
// phone or the server unclassified: classification.test.ts walks the schemas and fails on a gap.
//
// Categories follow Decree 356/2025: "personal" is basic personal data (a name, a phone number, a
// year of birth, an account id that points at a person); "sensitive" is Art. 4's list (health,
// ethnic origin, location…), which the app does not collect per person; "none" identifies nobody.
import type { SyncTable } from './tables';
import { BARRIERS, HELPED_PARTIES, OUTCOMES } from './assistance-log';
import { AUDIENCES } from './group-session';
import { SERVICE_GROUPS } from './service';

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

const none = (purpose: string, retention: Retention = 'record'): FieldClass => ({ category: 'none', purpose, basis: 'notPersonal', retention });
const staff = (purpose: string, retention: Retention = 'account'): FieldClass => ({ category: 'personal', purpose, basis: 'publicTask', retention });
const citizen = (purpose: string): FieldClass => ({ category: 'personal', purpose, basis: 'consent', retention: 'citizenDetails' });
const requester = (purpose: string): FieldClass => ({ category: 'personal', purpose, basis: 'legalObligation', retention: 'requester' });

/** Metadata every commune record carries (recordMetaSchema). */
const COMMUNE_META = {
  id: none('identify the record across phones and the server'),
  communeId: none('the commune the record belongs to (access scope)'),
  createdBy: staff('the member who created the record (edit rights, accountability)'),
  createdAt: none('when the server first stored the record'),
  updatedAt: none('when the server last changed the record'),
  deleted: none('a deletion that must reach every phone'),
} as const satisfies Record<string, FieldClass>;

/** Metadata of province reference data (referenceRecordMetaSchema). */
const REFERENCE_META = {
  ...COMMUNE_META,
  communeId: none('always empty: reference data belongs to the province', 'reference'),
  provinceId: none('the province that owns the reference data', 'reference'),
  createdBy: staff('the admin who created the entry'),
} as const satisfies Record<string, FieldClass>;

const localized = (prefix: string, purpose: string, retention: Retention = 'reference'): Record<string, FieldClass> => ({
  [`${prefix}.vi`]: none(`${purpose} (Vietnamese)`, retention),
  [`${prefix}.en`]: none(`${purpose} (English)`, retention),
});

/** The period's figures in a sent report: counts of the commune's work, nobody identifiable. */
const counts = (prefix: string, keys: readonly string[], purpose: string): Record<string, FieldClass> =>
  Object.fromEntries(keys.map((key) => [`${prefix}.${key}`, none(`${purpose}: ${key}`)]));
const RESULT_CLASSES: Record<string, FieldClass> = {
  'results.logs': none('help sessions in the period'),
  'results.onTeamDevice': none("help given on the team's device"),
  ...counts('results.outcomes', OUTCOMES, 'help sessions per outcome'),
  ...counts('results.byGroup', SERVICE_GROUPS, 'help sessions per kind of help'),
  ...counts('results.onlineSubmission', ['full', 'partial'], 'dossiers sent online'),
  ...counts('results.helped', [...HELPED_PARTIES, 'unrecorded'], 'help sessions per party helped'),
  'results.sessions': none('group sessions in the period'),
  'results.participants': none('participants of the group sessions'),
  ...counts('results.trained', [...AUDIENCES, 'unrecorded'], 'people trained per audience'),
  ...counts('results.reached', ['paymentAccount', 'smartphone'], 'people the team got to a payment account or a smartphone'),
  ...counts('results.barriers', BARRIERS, 'help sessions per barrier'),
  'results.readinessPercent': none('checklist readiness'),
  'results.blockedItems': none('blocked checklist items'),
  'results.overdueItems': none('overdue checklist items'),
  'results.followUpsOpen': none('follow-ups still open'),
};

/** The texts of a period report: the commune's work, written by its leaders for the province. */
const REPORT_TEXTS = {
  summary: none("the report's summary line"),
  resultsNote: staff("the leaders' notes on the figures (may name staff)", 'record'),
  difficulties: staff('difficulties met (may name staff)', 'record'),
  proposals: staff('proposals to the province (may name staff)', 'record'),
  nextPlan: staff('the plan for the next period (may name staff)', 'record'),
  signerCapacity: none('signs as chair (TM.) or deputy (KT.)'),
  signerName: staff('the name printed in the signature block', 'record'),
} as const satisfies Record<string, FieldClass>;

/** Every leaf field of every synced table, by its path in the record ("citizen.name", "items[].id"). */
export const FIELD_CLASSES: Readonly<Record<SyncTable, Readonly<Record<string, FieldClass>>>> = {
  assistanceLogs: {
    ...COMMUNE_META,
    serviceId: none('which service was given (counts per service)'),
    outcome: none('done, partial, referred or failed (counts per outcome)'),
    occurredAt: none('when the help happened (reports per period; start of the retention clock)'),
    villageId: none('which village (counts per village)'),
    barriers: none('what stood in the way (counts per barrier); the health code is refused beside a citizen'),
    durationMin: none('time spent (workload)'),
    note: {
      category: 'personal',
      purpose: "the member's own free-text note; may mention a person despite the guard",
      basis: 'publicTask',
      retention: 'citizenDetails',
    },
    followUpAt: none('the day to call back'),
    followUpDone: none('whether the follow-up is done'),
    assistedOnTeamDevice: none("help given on the team's phone (citizens without a smartphone)"),
    onlineSubmission: none('dossier sent fully or partly online (share of fully-online dossiers)'),
    dossierCode: none("the procedure system's receipt code; digits alone are refused so no ID or phone number fits"),
    helped: none('citizen, household business or official (counts per party)'),
    'guideProgress.version': none("the version of the service's guide the steps were ticked on"),
    'guideProgress.done': none("the guide's steps the member ticked while helping"),
    'guideProgress.total': none("how many steps that version of the guide had"),
    'citizen.name': citizen('to find the citizen again for a follow-up'),
    'citizen.phone': citizen('to call the citizen back for a follow-up'),
    'citizen.birthYear': citizen('to tell citizens of the same name apart; age-group counts'),
    'citizen.gender': citizen('gender counts asked by the province'),
    'citizen.consent': citizen('the citizen agreed to the details above'),
    'citizen.consentEvidence.method': citizen('how the citizen agreed: spoken or signed'),
    'citizen.consentEvidence.noticeVersion': citizen('which privacy notice the citizen was shown'),
    'citizen.consentEvidence.recordedAt': citizen('when the citizen agreed'),
    'citizen.consentEvidence.recordedBy': citizen('the member who heard the citizen agree'),
    'citizen.consentEvidence.purposes': citizen('what the consent covers: follow-up calls, age and gender counts'),
    'citizen.consentEvidence.agreedBy': citizen('the citizen, or a parent or guardian for a citizen under 16'),
  },
  groupSessions: {
    ...COMMUNE_META,
    topic: none('what the class taught'),
    place: none('where the class took place'),
    occurredAt: none('when the class took place'),
    villageId: none('which village (counts per village)'),
    participants: none('how many people attended'),
    women: none('how many of them were women (count only)'),
    elderly: none('how many of them were elderly (count only)'),
    ethnicMinority: none('ethnic-minority reach as a count, never per person'),
    durationMin: none('time spent (workload)'),
    audience: none('who the class was for (people trained per audience)'),
    note: staff("the member's free-text note; may mention a person", 'record'),
  },
  contacts: {
    ...COMMUNE_META,
    name: staff('who to call for which system (an official or technician)', 'record'),
    organization: none('their organisation'),
    role: none('their job title'),
    systems: none('the systems they support'),
    phones: staff('their work phone numbers', 'record'),
    zalo: staff('their Zalo number or link', 'record'),
    email: staff('their work e-mail', 'record'),
    area: none('the area they cover'),
    note: staff("the team's free-text note about the contact", 'record'),
    favorite: none('pinned at the top of the directory'),
    roleId: none('which role slot of the directory the contact fills'),
    lastVerifiedAt: none('when someone last checked the number works'),
  },
  checklists: {
    ...COMMUNE_META,
    templateId: none('which template the checklist runs'),
    templateVersion: none('which version of that template'),
    title: none("the checklist's title"),
    scope: none('commune, village or team'),
    villageId: none('which village, for a village checklist'),
    archived: none('the checklist is finished and hidden'),
  },
  checklistItems: {
    ...COMMUNE_META,
    checklistId: none('the checklist the item belongs to'),
    itemId: none('the template item'),
    status: none('todo, doing, done, blocked or not applicable'),
    note: staff("the team's free-text note on the task", 'record'),
    assignee: staff('who is responsible for the task (a name as the team says it)', 'record'),
    dueDate: none('when the task is due'),
    blockedReason: none('why the task is blocked'),
  },
  checklistTemplates: {
    ...REFERENCE_META,
    templateId: none('stable template code', 'reference'),
    version: none('template version', 'reference'),
    ...localized('title', "the template's title"),
    scope: none('commune, village or team', 'reference'),
    categories: none('the groups of items, in order', 'reference'),
    'items[].id': none('stable item code', 'reference'),
    ...localized('items[].title', "the item's text"),
    'items[].category': none("the item's group", 'reference'),
    'items[].leadUnit': none('the unit that leads the item', 'reference'),
    'items[].due': none('due date', 'reference'),
    'items[].dueKind': none('how the due date is meant', 'reference'),
    'items[].dueNote': none('a due date that is not a day', 'reference'),
    'items[].start': none('first day of a period item', 'reference'),
    'items[].phase': none('phase of the two-level government switch', 'reference'),
    'items[].target.op': none('target comparison', 'reference'),
    'items[].target.value': none('target value', 'reference'),
    'items[].target.unit': none('target unit', 'reference'),
    'items[].target.note': none('target note', 'reference'),
    'items[].notes': none("the item's notes", 'reference'),
    'items[].sourceRef': none('where the item comes from in the source documents', 'reference'),
    source: none('where the template comes from', 'reference'),
    notes: none("the template's notes", 'reference'),
  },
  services: {
    ...REFERENCE_META,
    code: none('stable service code that logs refer to', 'reference'),
    ...localized('name', "the service's name"),
    group: none("the service's group", 'reference'),
    catalogVersion: none('catalogue edition', 'reference'),
    active: none('offered for new logs', 'reference'),
    notes: none("the service's notes", 'reference'),
  },
  provinceContacts: {
    ...REFERENCE_META,
    name: staff("the province's support contact: a help desk or an official (who to call)", 'reference'),
    organization: none('their organisation', 'reference'),
    role: none('their job title', 'reference'),
    systems: none('the systems they support', 'reference'),
    phones: staff('their work or help-desk phone numbers', 'reference'),
    zalo: staff('their Zalo number or link', 'reference'),
    email: staff('their work e-mail', 'reference'),
    area: none('the area they cover', 'reference'),
    note: none("the province's note for the communes (hours, what to prepare)", 'reference'),
    roleId: none('which role slot of the directory the contact fills', 'reference'),
    lastVerifiedAt: none('when the province last checked the number works', 'reference'),
    active: none('shown on the phones (false once retired)', 'reference'),
  },
  serviceGuides: {
    ...REFERENCE_META,
    serviceCode: none('the service the guide is for', 'reference'),
    version: none("the guide's version (what a log's progress was counted on)", 'reference'),
    summary: none('what the service gives the citizen', 'reference'),
    'steps[].id': none("a step's permanent id", 'reference'),
    'steps[].text': none('what to do at this step', 'reference'),
    'steps[].imageId': none("the step's picture", 'reference'),
    bring: none('what the citizen must bring', 'reference'),
    'failures[].problem': none('a common failure', 'reference'),
    'failures[].action': none('what to do about it', 'reference'),
    'failures[].barrier': none('the barrier it is', 'reference'),
    'failures[].contactRoleId': none('the support role to call', 'reference'),
    sourceTitle: none('the official source the guide is written from', 'reference'),
    sourceUrl: none("the official source's address", 'reference'),
  },
  guideImages: {
    ...REFERENCE_META,
    serviceCode: none('the guide the picture belongs to', 'reference'),
    mime: none("the picture's format", 'reference'),
    data: none('a screenshot of a public app or portal', 'reference'),
    width: none("the picture's width", 'reference'),
    height: none("the picture's height", 'reference'),
  },
  villages: {
    ...COMMUNE_META,
    name: none("the village's name"),
    kind: none('thôn, tổ dân phố, làng, buôn…'),
    active: none('still offered for new logs'),
  },
  signOffs: {
    ...COMMUNE_META,
    checklistId: none('the checklist signed off'),
    signedBy: staff('the reviewer who signed'),
    signedAt: none('when they signed'),
    comment: staff("the reviewer's free-text comment", 'record'),
  },
  teamMembers: {
    ...COMMUNE_META,
    createdBy: none('always the system id: the server publishes the roster'),
    displayName: staff('the name colleagues know the member by (shown instead of an account id)'),
    role: none('member, team leader or commune leader'),
    villageIds: none('the villages the member covers'),
    phone: staff("the member's work phone, for colleagues"),
    active: none('the account is still in use'),
  },
  communeProfiles: {
    ...COMMUNE_META,
    createdBy: none('always the system id: the server publishes the profile'),
    name: none("the commune's official name"),
    provinceId: none('the province the commune belongs to'),
    active: none('the commune is still in use'),
  },
  periodReports: {
    ...COMMUNE_META,
    kind: none('a period report or an ad-hoc one'),
    periodStart: none('first day covered'),
    periodEnd: none('last day covered'),
    ...REPORT_TEXTS,
    handledSuggestions: none('suggestions accepted or dropped'),
    recipients: none('the recipients (Nơi nhận)'),
    'returned.submissionId': none('which sent version the province returned'),
    'returned.version': none('the version returned'),
    'returned.reason': staff("the province's reason for returning the report (about the report; may name staff)", 'record'),
    'returned.returnedAt': none('when the province returned it'),
  },
  rightsRequests: {
    ...COMMUNE_META,
    kind: none('which right the citizen exercises (access, correction, erasure…)'),
    'requester.name': requester("the citizen who asked, to answer them and find their records"),
    'requester.phone': requester('a number to call the citizen back, if they gave one'),
    receivedOn: none('the day the request came in (the deadlines count from it)'),
    status: none('received, acknowledged, done or refused'),
    acknowledgedAt: none('when the request was acknowledged'),
    acknowledgedBy: staff('who acknowledged it'),
    extendedAt: none('when the answer was postponed'),
    extendedBy: staff('who postponed it'),
    extensionReason: staff("the leader's reason for more time (about the work, not the person)", 'request'),
    closedAt: none('when it was answered or refused'),
    closedBy: staff('who answered or refused it'),
    closeReason: staff("the leader's reason for a refusal or note of what was done", 'request'),
    erasedLogs: none('how many logs an erasure changed'),
    exportedRows: none("how many logs the citizen's copy held"),
  },
  reportSubmissions: {
    ...COMMUNE_META,
    reportId: none('the draft the submission was sent from'),
    version: none('1, or the number of the correction'),
    supersedes: none('the submission this one corrects'),
    kind: none('a period report or an ad-hoc one'),
    periodStart: none('first day covered'),
    periodEnd: none('last day covered'),
    documentNumber: none("the document's number (Số …/BC-UBND)"),
    documentDate: none("the document's date"),
    submittedBy: staff('the leader who marked it sent'),
    submittedAt: none('when it was marked sent'),
    ...RESULT_CLASSES,
    ...REPORT_TEXTS,
  },
};
