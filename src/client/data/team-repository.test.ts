import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { saveSession, type SessionUser } from './session-repository';
import { getCommuneProfile, listTeamMembers, memberNames } from './team-repository';
import { COMMUNE, teamMemberRow } from '../../../test/helpers/sync-fixtures';
import { communeProfileId } from '../../shared/schemas/commune-profile';

const ME: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member', communeId: COMMUNE };
const A = '0197c1a2-0000-7000-8000-00000000000a';
const B = '0197c1a2-0000-7000-8000-00000000000b';
const ELSEWHERE = '0197c1a2-0000-7000-8000-00000000000c';

describe('team repository', () => {
  beforeEach(async () => {
    await Promise.all([db.records('teamMembers').clear(), db.records('communeProfiles').clear()]);
    await saveSession({ user: ME, signedInAt: '2026-07-01T00:00:00.000Z' });
  });

  it('lists the active roster in Vietnamese order, and names inactive members too; never another commune', async () => {
    await db.syncedTable('teamMembers').bulkPut([
      teamMemberRow(A, 'Đinh Văn Út'),
      teamMemberRow(B, 'An Thị Hà', { active: false }),
      teamMemberRow(ELSEWHERE, 'Người xã khác', { communeId: 'xa-khac' }),
    ]);
    expect((await listTeamMembers()).map((m) => m.displayName)).toEqual(['Đinh Văn Út']);
    expect((await listTeamMembers({ includeInactive: true })).map((m) => m.displayName)).toEqual(['An Thị Hà', 'Đinh Văn Út']);
    const names = await memberNames();
    expect(names.get(A)).toBe('Đinh Văn Út');
    expect(names.get(B)).toBe('An Thị Hà');
    expect(names.has(ELSEWHERE)).toBe(false);
    // Before the first sync the phone still knows its own user.
    expect(names.get(ME.id)).toBe('Bình');
  });

  it("reads the commune's profile once synced", async () => {
    expect(await getCommuneProfile()).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    await db.syncedTable('communeProfiles').put({
      id: communeProfileId(COMMUNE),
      communeId: COMMUNE,
      createdBy: '00000000-0000-5000-8000-000000000000',
      createdAt: at,
      updatedAt: at,
      deleted: false,
      name: 'Xã Ngọk Bay',
      provinceId: 'quang-ngai',
      active: true,
      clocks: {},
    });
    expect((await getCommuneProfile())?.name).toBe('Xã Ngọk Bay');
  });
});
