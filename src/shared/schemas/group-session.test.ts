import { describe, expect, it } from 'vitest';
import { groupSessionFieldsSchema, groupSessionPatchSchema, groupSessionRecordSchema } from './group-session';

const session = {
  topic: 'Bình dân học vụ số: cài VNeID',
  place: 'Nhà văn hóa thôn 3',
  occurredAt: '2025-07-05T01:00:00.000Z',
  participants: 30,
  women: 18,
  elderly: 30,
  ethnicMinority: 12,
  durationMin: 90,
};

const meta = {
  id: '0197c1a2-7b3e-7c4d-8e5f-0a1b2c3d4e5f',
  communeId: 'dak-mar',
  createdBy: '0197c1a2-0000-7000-8000-000000000001',
  createdAt: '2025-07-05T03:00:00.000Z',
  updatedAt: '2025-07-05T03:00:00.000Z',
  deleted: false,
};

describe('groupSessions', () => {
  it('accepts a session whose sub-counts are at most the participants', () => {
    expect(groupSessionFieldsSchema.parse(session)).toEqual(session);
    expect(groupSessionRecordSchema.parse({ ...meta, ...session }).participants).toBe(30);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['women > participants', { women: 31 }, 'women', 'validation.exceedsParticipants'],
    ['elderly > participants', { elderly: 31 }, 'elderly', 'validation.exceedsParticipants'],
    ['ethnicMinority > participants', { ethnicMinority: 31 }, 'ethnicMinority', 'validation.exceedsParticipants'],
    ['a fractional count', { women: 2.5 }, 'women', 'validation.integer'],
    ['a blank topic', { topic: '  ' }, 'topic', 'validation.required'],
    ['a list of names', { names: ['A', 'B'] }, '', 'validation.unknownField'],
  ])('refuses %s', (_label, change, path, key) => {
    const issues = groupSessionFieldsSchema.safeParse({ ...session, ...change }).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, key]]);
  });

  it('refuses a session without participants', () => {
    const issues = groupSessionFieldsSchema.safeParse({ ...session, participants: 0 }).error?.issues ?? [];
    expect(issues).toContainEqual(expect.objectContaining({ path: ['participants'], message: 'validation.tooSmall' }));
  });

  it('checks the counts on the merged record too', () => {
    expect(groupSessionPatchSchema.safeParse({ participants: 10 }).success).toBe(true);
    expect(groupSessionRecordSchema.safeParse({ ...meta, ...session, participants: 10 }).success).toBe(false);
  });

  it('null clears a sub-count', () => {
    expect(groupSessionFieldsSchema.safeParse({ ...session, women: null }).success).toBe(true);
  });

  it('reports every problem at once: a negative count and a count above the participants together', () => {
    const issues = groupSessionFieldsSchema.safeParse({ ...session, participants: 20, elderly: -1, women: 25 }).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['elderly', 'validation.tooSmall'],
      ['women', 'validation.exceedsParticipants'],
    ]);
  });
});
