import { describe, expect, it } from 'vitest';
import { buildSessionCsv, SESSION_COLUMNS, type ExportSession, type SessionExportLabels } from './session-export';
import { parseCsv } from '../../../test/helpers/csv-parse';
import { AUDIENCES } from '../schemas/group-session';

const ME = '0197c1a2-0000-7000-8000-00000000000a';
const VILLAGE = '0197c1a2-0000-7000-8000-0000000000c1';
const labels: SessionExportLabels = {
  header: Object.fromEntries(SESSION_COLUMNS.map((c) => [c, `H:${c}`])) as SessionExportLabels['header'],
  audience: Object.fromEntries(AUDIENCES.map((a) => [a, `A:${a}`])) as SessionExportLabels['audience'],
  villageName: (id) => (id === VILLAGE ? 'Làng Kon Rờ Bàng' : id),
  memberName: (id) => (id === ME ? 'Tổ trưởng Lan' : 'Một thành viên của xã'),
};

const base: ExportSession = {
  id: 's1',
  occurredAt: '2026-07-14T17:30:00.000Z', // 00:30 on 15/7 in Vietnam
  topic: 'Bình dân học vụ số: cài VNeID',
  place: 'Nhà văn hóa thôn',
  villageId: VILLAGE,
  audience: 'citizens',
  participants: 18,
  women: 9,
  elderly: 4,
  ethnicMinority: 7,
  durationMin: 90,
  createdBy: ME,
  note: '@SUM(A1), "mang CCCD"',
  deleted: false,
};
const sessions: ExportSession[] = [
  base,
  { ...base, id: 's0', occurredAt: '2026-07-10T02:00:00.000Z', villageId: null, audience: null, women: null, elderly: null, ethnicMinority: null, durationMin: null, createdBy: 'someone-else', note: null },
  { ...base, id: 'gone', deleted: true, topic: 'đã xóa' },
];

describe('group session export', () => {
  it('writes one row per session, oldest first, dd/mm/yyyy in Vietnam, names not ids, no deleted sessions', () => {
    const rows = parseCsv(buildSessionCsv(sessions, labels).slice(1));
    expect(rows[0]).toEqual(SESSION_COLUMNS.map((c) => `H:${c}`));
    expect(rows).toHaveLength(3);
    // Sub-counts not recorded stay blank, never a 0 that would read as "nobody".
    expect(rows[1]).toEqual(['10/07/2026', '09:00', 'Bình dân học vụ số: cài VNeID', 'Nhà văn hóa thôn', '', '', '18', '', '', '', '', 'Một thành viên của xã', '']);
    expect(rows[2]!.slice(0, 12)).toEqual(['15/07/2026', '00:30', 'Bình dân học vụ số: cài VNeID', 'Nhà văn hóa thôn', 'Làng Kon Rờ Bàng', 'A:citizens', '18', '9', '4', '7', '90', 'Tổ trưởng Lan']);
    // The note keeps its comma and quotes and cannot run as a formula.
    expect(rows[2]![12]).toBe(`'${base.note!}`);
    expect(rows.flat()).not.toContain('đã xóa');
  });

  it('writes a header alone for a period without sessions, with the BOM and CRLF Excel expects', () => {
    const csv = buildSessionCsv([], labels);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([SESSION_COLUMNS.map((c) => `H:${c}`)]);
  });
});
