import { describe, expect, it } from 'vitest';
import { buildLogCsv, CITIZEN_COLUMNS, CitizenExportNotAllowedError, LOG_COLUMNS, type ExportLog, type LogExportLabels } from './log-export';
import { parseCsv } from '../../../test/helpers/csv-parse';
import { BARRIERS, OUTCOMES } from '../schemas/assistance-log';
import { SERVICE_GROUPS } from '../schemas/service';

const ME = '0197c1a2-0000-7000-8000-00000000000a';
const VILLAGE = '0197c1a2-0000-7000-8000-0000000000c1';
const labels: LogExportLabels = {
  header: Object.fromEntries([...LOG_COLUMNS, ...CITIZEN_COLUMNS].map((c) => [c, `H:${c}`])) as LogExportLabels['header'],
  outcome: Object.fromEntries(OUTCOMES.map((o) => [o, `O:${o}`])) as LogExportLabels['outcome'],
  barrier: Object.fromEntries(BARRIERS.map((b) => [b, `B:${b}`])) as LogExportLabels['barrier'],
  group: Object.fromEntries(SERVICE_GROUPS.map((g) => [g, `G:${g}`])) as LogExportLabels['group'],
  gender: { female: 'Nữ', male: 'Nam', other: 'Khác' },
  consentMethod: { spoken: 'Bằng lời', signed: 'Ký giấy' },
  yes: 'Có',
  no: 'Không',
  serviceName: (code) => (code === 'vneid-install-register' ? 'Cài đặt ứng dụng VNeID' : code),
  serviceGroup: (code) => (code.startsWith('vneid') ? 'vneid' : 'other'),
  villageName: (id) => (id === VILLAGE ? 'Làng Kon Rờ Bàng' : id),
  memberName: (id) => (id === ME ? 'Tổ trưởng Lan' : '…00000b'),
};

const base: ExportLog = {
  id: 'l1',
  occurredAt: '2026-07-14T17:30:00.000Z', // 00:30 on 15/7 in Vietnam
  serviceId: 'vneid-install-register',
  outcome: 'partial',
  barriers: ['portal_down', 'weak_network'],
  villageId: VILLAGE,
  createdBy: ME,
  followUpAt: '2026-07-20',
  followUpDone: false,
  durationMin: 25,
  assistedOnTeamDevice: true,
  onlineSubmission: null,
  helped: null,
  deleted: false,
  note: '=cmd|" /C calc"!A0, rồi\n<img src=x onerror=alert(1)>',
  citizen: {
    name: 'Y Bơ',
    phone: '0912345678',
    birthYear: 1958,
    gender: 'female',
    consent: true,
    consentEvidence: { method: 'spoken', noticeVersion: 'v1', recordedAt: '2026-07-14T17:31:00.000Z', recordedBy: ME },
  },
};
const logs: ExportLog[] = [
  base,
  { ...base, id: 'l0', occurredAt: '2026-07-10T02:00:00.000Z', outcome: 'done', barriers: [], villageId: null, createdBy: '0197c1a2-0000-7000-8000-00000000000b', followUpAt: null, durationMin: null, assistedOnTeamDevice: false, note: null, citizen: null },
  { ...base, id: 'gone', deleted: true, note: 'xóa rồi' },
];

describe('log export', () => {
  it('writes one row per log, oldest first, dd/mm/yyyy in Vietnam, labels in the UI language, no deleted logs', () => {
    const rows = parseCsv(buildLogCsv(logs, { role: 'reviewer', includeCitizen: false, labels }).slice(1));
    expect(rows[0]).toEqual(LOG_COLUMNS.map((c) => `H:${c}`));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['10/07/2026', '09:00', 'Cài đặt ứng dụng VNeID', 'G:vneid', 'O:done', '', '', '…00000b', '', 'Không', '', '', '']);
    expect(rows[2]!.slice(0, 12)).toEqual(['15/07/2026', '00:30', 'Cài đặt ứng dụng VNeID', 'G:vneid', 'O:partial', 'B:portal_down; B:weak_network', 'Làng Kon Rờ Bàng', 'Tổ trưởng Lan', '25', 'Có', '20/07/2026', 'Không']);
    // The note survives its comma, quotes and line break, stays inert text, and cannot run as a formula.
    expect(rows[2]![12]).toBe(`'${base.note!}`);
    expect(rows.flat().join('\n')).not.toContain('xóa rồi');
  });

  it('has no citizen column and no personal data for a reviewer, or for a leader who did not ask', () => {
    for (const role of ['reviewer', 'leader'] as const) {
      const csv = buildLogCsv(logs, { role, includeCitizen: false, labels });
      const rows = parseCsv(csv.slice(1));
      expect(rows[0]).toHaveLength(LOG_COLUMNS.length);
      for (const secret of ['Y Bơ', '0912345678', '0912 345 678', '1958', 'Nữ', 'Bằng lời']) expect(csv).not.toContain(secret);
    }
  });

  it('refuses citizens details to every role without citizen.export', () => {
    for (const role of ['reviewer', 'member', 'admin'] as const) {
      expect(() => buildLogCsv(logs, { role, includeCitizen: true, labels })).toThrow(CitizenExportNotAllowedError);
    }
  });

  it('adds the citizen columns for a leader who asked', () => {
    const rows = parseCsv(buildLogCsv(logs, { role: 'leader', includeCitizen: true, labels }).slice(1));
    expect(rows[0]!.slice(LOG_COLUMNS.length)).toEqual(CITIZEN_COLUMNS.map((c) => `H:${c}`));
    // The phone as text Excel keeps (its leading 0): grouped, never a bare number.
    expect(rows[2]!.slice(LOG_COLUMNS.length)).toEqual(['Y Bơ', '0912 345 678', '1958', 'Nữ', 'Bằng lời', '15/07/2026']);
    expect(rows[1]!.slice(LOG_COLUMNS.length)).toEqual(['', '', '', '', '', '']);
  });
});
