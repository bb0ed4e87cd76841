// What the quick-entry form holds (plain strings and booleans for controlled inputs, and what the
// draft stores), and how it becomes the shared schema's fields.
import { CONSENT_PURPOSES, PRIVACY_NOTICE_VERSION } from '../../../../shared/privacy/notice';
import { BARRIERS, OUTCOMES, type GENDERS, type AssistanceLogFields, type Barrier, type Citizen, type HelpedParty, type OnlineSubmission, type Outcome } from '../../../../shared/schemas/assistance-log';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import type { LogItem } from '../../../data/assistance-repository';
import type { FieldErrors } from '../../../data/errors';
import { fromInstant, toInstant } from './local-time';

/** The version of the privacy notice the member shows or reads out (the /privacy screen). */
export const CONSENT_NOTICE_VERSION = PRIVACY_NOTICE_VERSION;

export const DURATION_PICKS = ['5', '10', '15', '30'] as const;

export type Gender = (typeof GENDERS)[number];

export interface LogFormValues {
  serviceId: string;
  outcome: Outcome | '';
  barriers: Barrier[];
  villageId: string;
  date: string;
  time: string;
  /** One of DURATION_PICKS, 'custom' or '' (not given). */
  duration: string;
  customDuration: string;
  note: string;
  followUpAt: string;
  assistedOnTeamDevice: boolean;
  /** Asked only when the kind of help is an online public service (catalogue group "public-service"). */
  onlineSubmission: OnlineSubmission | '';
  dossierCode: string;
  helped: HelpedParty | '';
  /** "The citizen agrees": citizen details are enabled only while this is ticked. */
  consent: boolean;
  consentMethod: 'spoken' | 'signed';
  /** The citizen is under 16 and a parent or guardian gave the consent. */
  consentByGuardian: boolean;
  /** When and by whom the tick was recorded ('' until ticked). */
  consentRecordedAt: string;
  consentRecordedBy: string;
  consentNoticeVersion: string;
  citizenName: string;
  citizenPhone: string;
  citizenBirthYear: string;
  citizenGender: Gender | '';
  /** The steps of the service's guide ticked while helping (docs/field-aids.md §3), and the version and step count they were ticked on (0 until the first tick). */
  guideDone: string[];
  guideVersion: number;
  guideTotal: number;
}

export function emptyLogForm(now: number): LogFormValues {
  const { date, time } = fromInstant(now);
  return {
    serviceId: '',
    outcome: '',
    barriers: [],
    villageId: '',
    date,
    time,
    duration: '',
    customDuration: '',
    note: '',
    followUpAt: '',
    assistedOnTeamDevice: false,
    onlineSubmission: '',
    dossierCode: '',
    helped: '',
    consent: false,
    consentMethod: 'spoken',
    consentByGuardian: false,
    consentRecordedAt: '',
    consentRecordedBy: '',
    consentNoticeVersion: CONSENT_NOTICE_VERSION,
    citizenName: '',
    citizenPhone: '',
    citizenBirthYear: '',
    citizenGender: '',
    guideDone: [],
    guideVersion: 0,
    guideTotal: 0,
  };
}

export function logFormFromItem(log: LogItem): LogFormValues {
  const { date, time } = fromInstant(log.occurredAt);
  const minutes = log.durationMin == null ? '' : String(log.durationMin);
  const citizen = log.citizen;
  return {
    ...emptyLogForm(Date.parse(log.occurredAt)),
    serviceId: log.serviceId,
    outcome: log.outcome,
    barriers: log.barriers ?? [],
    villageId: log.villageId ?? '',
    date,
    time,
    duration: minutes === '' ? '' : (DURATION_PICKS as readonly string[]).includes(minutes) ? minutes : 'custom',
    customDuration: (DURATION_PICKS as readonly string[]).includes(minutes) ? '' : minutes,
    note: log.note ?? '',
    followUpAt: log.followUpAt ?? '',
    assistedOnTeamDevice: log.assistedOnTeamDevice === true,
    onlineSubmission: log.onlineSubmission ?? '',
    dossierCode: log.dossierCode ?? '',
    helped: log.helped ?? '',
    consent: citizen != null,
    consentMethod: citizen?.consentEvidence.method ?? 'spoken',
    consentByGuardian: citizen?.consentEvidence.agreedBy === 'guardian',
    consentRecordedAt: citizen?.consentEvidence.recordedAt ?? '',
    consentRecordedBy: citizen?.consentEvidence.recordedBy ?? '',
    consentNoticeVersion: citizen?.consentEvidence.noticeVersion ?? CONSENT_NOTICE_VERSION,
    citizenName: citizen?.name ?? '',
    citizenPhone: citizen?.phone ?? '',
    citizenBirthYear: citizen?.birthYear === undefined ? '' : String(citizen.birthYear),
    citizenGender: citizen?.gender ?? '',
    guideDone: log.guideProgress?.done ?? [],
    guideVersion: log.guideProgress?.version ?? 0,
    guideTotal: log.guideProgress?.total ?? 0,
  };
}

/** Fields added after drafts were first stored; a draft without them is read with their empty value. */
const LATER_FIELDS: readonly string[] = ['consentByGuardian', 'onlineSubmission', 'dossierCode', 'helped', 'guideDone', 'guideVersion', 'guideTotal'];

/** Accepts a stored draft only if it has this form's shape (an older app version's draft is dropped). */
export function isLogFormValues(value: unknown): value is LogFormValues {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const template = emptyLogForm(0) as unknown as Record<string, unknown>;
  for (const key of LATER_FIELDS) v[key] ??= template[key];
  return (
    Object.keys(template).every((key) => typeof v[key] === typeof template[key] || (Array.isArray(template[key]) && Array.isArray(v[key]))) &&
    (v.outcome === '' || (OUTCOMES as readonly unknown[]).includes(v.outcome)) &&
    (v.barriers as unknown[]).every((b) => (BARRIERS as readonly unknown[]).includes(b))
  );
}

/** True when any citizen detail is filled in. */
export function hasCitizenDetails(values: LogFormValues): boolean {
  return [values.citizenName, values.citizenPhone, values.citizenBirthYear, values.citizenGender].some((v) => v.trim() !== '');
}

function integerOrNaN(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The schema's fields from the form (empty inputs become null: "not given" or "cleared"), and the
 * checks the schema cannot make: a readable date and time, and a year of birth not in the future
 * (the schema cannot read the clock). Citizen details exist only with the consent tick.
 */
export function logFieldsFromForm(values: LogFormValues, now: number): { fields: AssistanceLogFields; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const occurredAt = toInstant(values.date, values.time);
  if (occurredAt === null) errors.occurredAt = 'validation.dateTime';

  const minutes = values.duration === 'custom' ? integerOrNaN(values.customDuration) : values.duration === '' ? null : Number(values.duration);
  if (values.duration === 'custom' && values.customDuration.trim() === '') errors.durationMin = 'validation.required';

  let citizen: Citizen | null = null;
  if (values.consent && hasCitizenDetails(values)) {
    const birthYear = values.citizenBirthYear.trim() === '' ? undefined : integerOrNaN(values.citizenBirthYear);
    const thisYear = new Date(now).getUTCFullYear();
    if (birthYear !== undefined && birthYear > thisYear) errors['citizen.birthYear'] = 'validation.tooLarge' satisfies ValidationKey;
    citizen = {
      ...(values.citizenName.trim() ? { name: values.citizenName } : {}),
      ...(values.citizenPhone.trim() ? { phone: values.citizenPhone } : {}),
      ...(birthYear !== undefined ? { birthYear } : {}),
      ...(values.citizenGender ? { gender: values.citizenGender } : {}),
      consent: true,
      consentEvidence: {
        method: values.consentMethod,
        noticeVersion: values.consentNoticeVersion,
        recordedAt: values.consentRecordedAt,
        recordedBy: values.consentRecordedBy,
        // The notice's purposes, which the tick agrees to; a guardian's tick for a child.
        purposes: [...CONSENT_PURPOSES],
        agreedBy: values.consentByGuardian ? 'guardian' : 'citizen',
      },
    };
  }
  const fields = {
    // Left out when not chosen, so the schema says "required" rather than "invalid".
    serviceId: values.serviceId || undefined,
    outcome: values.outcome || undefined,
    occurredAt: occurredAt ?? `${values.date}T${values.time}`,
    villageId: values.villageId || null,
    barriers: values.barriers,
    durationMin: minutes,
    note: values.note.trim() === '' ? null : values.note,
    followUpAt: values.followUpAt || null,
    assistedOnTeamDevice: values.assistedOnTeamDevice,
    // The form clears these when another kind of help is chosen (dossier-fields.tsx).
    onlineSubmission: values.onlineSubmission || null,
    dossierCode: values.dossierCode.trim() === '' ? null : values.dossierCode.trim().toUpperCase(),
    helped: values.helped || null,
    guideProgress: values.guideVersion > 0 ? { version: values.guideVersion, done: values.guideDone, total: values.guideTotal } : null,
    citizen,
  } as AssistanceLogFields;
  return { fields, errors };
}
