import { describe, expect, it } from 'vitest';
import {
  assistanceLogFieldsSchema,
  assistanceLogPatchSchema,
  assistanceLogRecordSchema,
  citizenSchema,
  dossierCodeSchema,
  type AssistanceLogFields,
} from './assistance-log';

const MEMBER = '0197c1a2-0000-7000-8000-000000000001';

const minimal: AssistanceLogFields = {
  serviceId: 'vneid-activate-level2',
  outcome: 'done',
  occurredAt: '2025-07-01T01:30:00.000Z',
};

const citizen = {
  name: 'Nguyễn Thị Hoa',
  phone: '0912 345 678',
  birthYear: 1958,
  gender: 'female',
  consent: true,
  consentEvidence: { method: 'spoken', noticeVersion: '2026-01', recordedAt: '2025-07-01T01:29:00.000Z', recordedBy: MEMBER },
};

const full = {
  ...minimal,
  villageId: '0197c1a2-0000-7000-8000-0000000000aa',
  barriers: ['no_smartphone', 'vneid_not_level2'],
  durationMin: 25,
  note: 'Đã hướng dẫn kích hoạt mức 2.',
  followUpAt: '2025-07-08',
  followUpDone: false,
  assistedOnTeamDevice: true,
  citizen,
};

const meta = {
  id: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f',
  communeId: 'ngok-bay',
  createdBy: MEMBER,
  createdAt: '2025-07-01T01:30:05.000Z',
  updatedAt: '2025-07-01T01:30:05.000Z',
  deleted: false,
};

const firstMessage = (value: unknown): string | undefined => assistanceLogFieldsSchema.safeParse(value).error?.issues[0]?.message;

describe('assistanceLogs fields', () => {
  it('accepts an anonymous minimal log and a full one', () => {
    expect(assistanceLogFieldsSchema.parse(minimal)).toEqual(minimal);
    const parsed = assistanceLogFieldsSchema.parse(full);
    expect(parsed.citizen?.phone).toBe('0912345678'); // normalised
    expect(parsed.note).toBe(full.note);
  });

  it('accepts null for the clearable fields (docs/sync.md §4: followUpAt and citizen may be null)', () => {
    const cleared = { ...minimal, villageId: null, durationMin: null, note: null, followUpAt: null, citizen: null };
    expect(assistanceLogFieldsSchema.parse(cleared)).toEqual(cleared);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an extra field', { ...minimal, citizenIdNumber: '001203012345' }, 'validation.unknownField'],
    ['a missing service', { outcome: 'done', occurredAt: minimal.occurredAt }, 'validation.required'],
    ['an unknown outcome', { ...minimal, outcome: 'completed' }, 'validation.invalidOption'],
    ['a date-time without zone', { ...minimal, occurredAt: '2025-07-01T08:30:00' }, 'validation.dateTime'],
    ['durationMin 601', { ...minimal, durationMin: 601 }, 'validation.tooLarge'],
    ['durationMin -1', { ...minimal, durationMin: -1 }, 'validation.tooSmall'],
    ['durationMin 1.5', { ...minimal, durationMin: 1.5 }, 'validation.integer'],
    ['a note of 2001 characters', { ...minimal, note: 'a'.repeat(2001) }, 'validation.tooLong'],
    ['an unknown barrier', { ...minimal, barriers: ['too_old'] }, 'validation.invalidOption'],
    ['a repeated barrier', { ...minimal, barriers: ['portal_down', 'portal_down'] }, 'validation.duplicate'],
    ['a follow-up that is not a day', { ...minimal, followUpAt: '2025-02-30' }, 'validation.localDate'],
  ])('refuses %s', (_label, value, key) => {
    expect(firstMessage(value)).toBe(key);
  });

  it('accepts a note of exactly 2000 characters and durationMin 600', () => {
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, note: 'a'.repeat(2000), durationMin: 600 }).success).toBe(true);
  });
});

describe('assistanceLogs citizen (docs/privacy.md)', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['citizen without consent', { name: 'Hoa' }, 'validation.consentRequired'],
    ['consent: false', { name: 'Hoa', consent: false, consentEvidence: citizen.consentEvidence }, 'validation.consentRequired'],
    ['consent: true without evidence', { name: 'Hoa', consent: true }, 'validation.consentRequired'],
    [
      'evidence without the method',
      { name: 'Hoa', consent: true, consentEvidence: { ...citizen.consentEvidence, method: undefined } },
      'validation.required',
    ],
    ['an ID number field', { ...citizen, idNumber: '001203012345' }, 'validation.unknownField'],
    ['an ethnicity field', { ...citizen, ethnicity: 'Xơ Đăng' }, 'validation.unknownField'],
    ['a bad phone', { ...citizen, phone: '12345' }, 'validation.phone'],
    ['an unknown gender', { ...citizen, gender: 'f' }, 'validation.invalidOption'],
    ['an unknown consent method', { ...citizen, consentEvidence: { ...citizen.consentEvidence, method: 'sms' } }, 'validation.invalidOption'],
  ])('refuses %s', (_label, value, key) => {
    const messages = citizenSchema.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages).toContain(key);
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, citizen: value }).success).toBe(false);
  });

  it("needs a guardian's consent for a citizen surely under 16 when the consent was recorded", () => {
    const child = { ...citizen, birthYear: 2012 }; // recorded in 2025: 13 at most
    expect(citizenSchema.safeParse(child).error?.issues).toEqual([
      expect.objectContaining({ message: 'validation.guardianRequired', path: ['consentEvidence', 'agreedBy'] }),
    ]);
    expect(citizenSchema.safeParse({ ...child, consentEvidence: { ...citizen.consentEvidence, agreedBy: 'citizen' } }).success).toBe(false);
    expect(citizenSchema.safeParse({ ...child, consentEvidence: { ...citizen.consentEvidence, agreedBy: 'guardian' } }).success).toBe(true);
    // The year they turn 16 may still be 15: the form asks, the schema does not decide.
    expect(citizenSchema.safeParse({ ...citizen, birthYear: 2009 }).success).toBe(true);
  });

  it('records what the consent covers; evidence from before the published notice stays valid', () => {
    const covered = { ...citizen, consentEvidence: { ...citizen.consentEvidence, purposes: ['followUp', 'statistics'], agreedBy: 'citizen' } };
    expect(citizenSchema.parse(covered).consentEvidence).toEqual(covered.consentEvidence);
    expect(citizenSchema.safeParse({ ...citizen, consentEvidence: { ...citizen.consentEvidence, purposes: ['marketing'] } }).success).toBe(false);
    expect(citizenSchema.safeParse(citizen).success).toBe(true);
  });

  it('accepts a signed consent with only a year of birth', () => {
    const onlyYear = { birthYear: 1990, consent: true, consentEvidence: { ...citizen.consentEvidence, method: 'signed' } };
    expect(citizenSchema.parse(onlyYear)).toEqual(onlyYear);
  });

  it('refuses a disability barrier on an identified citizen, allows it on an anonymous log', () => {
    const result = assistanceLogFieldsSchema.safeParse({ ...full, barriers: ['no_smartphone', 'disability'] });
    expect(result.error?.issues).toEqual([expect.objectContaining({ message: 'validation.sensitiveBarrier', path: ['barriers', 1] })]);
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, barriers: ['disability'] }).success).toBe(true);
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, barriers: ['disability'], citizen: null }).success).toBe(true);
  });
});

describe('assistanceLogs patch and record', () => {
  it('a patch may carry any subset and deleted, but no unknown field', () => {
    expect(assistanceLogPatchSchema.parse({ note: 'sửa' })).toEqual({ note: 'sửa' });
    expect(assistanceLogPatchSchema.parse({ deleted: true })).toEqual({ deleted: true });
    expect(assistanceLogPatchSchema.safeParse({ communeId: 'other' }).success).toBe(false);
    expect(assistanceLogPatchSchema.safeParse({ durationMin: 601 }).success).toBe(false);
  });

  it('a record is metadata plus fields, and checks the cross-field rule on the merged state', () => {
    expect(assistanceLogRecordSchema.parse({ ...meta, ...full }).citizen?.consent).toBe(true);
    // Two patches, each valid alone, that merge into a state B.3 forbids.
    expect(assistanceLogPatchSchema.safeParse({ barriers: ['disability'] }).success).toBe(true);
    expect(assistanceLogRecordSchema.safeParse({ ...meta, ...full, barriers: ['disability'] }).success).toBe(false);
    expect(assistanceLogRecordSchema.safeParse({ ...meta, ...full, extra: 1 }).success).toBe(false);
  });
});

describe("the plans' facts of a log", () => {
  it('takes a dossier code in the receipt shape, and refuses digits alone (an ID card or a phone number)', () => {
    expect(dossierCodeSchema.safeParse('000.00.10.H55-250718-0001').success).toBe(true);
    expect(dossierCodeSchema.safeParse('G22-2507180001').success).toBe(true);
    for (const bad of ['079203001234', '0912345678', 'abc-123', 'H55 0001', 'A1', `${'A'.repeat(41)}`]) {
      expect(dossierCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(dossierCodeSchema.safeParse('079203001234').error?.issues[0]?.message).toBe('validation.dossierCode');
  });

  it('keeps old logs valid and checks the new values when given', () => {
    expect(assistanceLogFieldsSchema.safeParse(minimal).success).toBe(true);
    const withFacts = { ...minimal, onlineSubmission: 'partial', dossierCode: '000.00.10.H55-250718-0001', helped: 'household_business' };
    expect(assistanceLogFieldsSchema.safeParse(withFacts).success).toBe(true);
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, onlineSubmission: 'level4' }).success).toBe(false);
    expect(assistanceLogFieldsSchema.safeParse({ ...minimal, helped: 'company' }).success).toBe(false);
    expect(assistanceLogPatchSchema.safeParse({ onlineSubmission: null, dossierCode: null, helped: null }).success).toBe(true);
  });
});
