import { describe, expect, it } from 'vitest';
import { validateMutation } from '../sync/registry';
import type { SyncUser } from '../sync/scopes';
import { rightsRequestRecordSchema } from '../schemas/rights-request';
import { countRequest, emptyCounts, requestStepsOf } from './rights-requests';

const LEADER: SyncUser = { id: '01900000-0000-7000-8000-000000000001', role: 'leader', communeId: 'ngok-bay', provinceId: 'kon-tum' };
const MEMBER: SyncUser = { ...LEADER, id: '01900000-0000-7000-8000-000000000002', role: 'member' };
const REVIEWER: SyncUser = { ...LEADER, id: '01900000-0000-7000-8000-000000000003', role: 'reviewer' };
const ID = '01900000-0000-7000-8000-0000000000aa';
const AT = '2026-12-03T02:00:00.000Z';
const NEW = { kind: 'access', requester: { name: 'Nguyễn Thị Hoa' }, receivedOn: '2026-12-01', status: 'received' };
const stored = (fields: Record<string, unknown>) => ({ id: ID, communeId: 'ngok-bay', createdBy: MEMBER.id, createdAt: AT, updatedAt: AT, deleted: false, clocks: {}, ...NEW, ...fields });
const verdict = (user: SyncUser, fields: Record<string, unknown>, existing?: Record<string, unknown>) => {
  const result = validateMutation(user, { table: 'rightsRequests', recordId: ID, fields }, existing === undefined ? undefined : stored(existing));
  return result.ok ? 'ok' : result.code;
};

describe('who takes which step of a request', () => {
  it('members and leaders record and acknowledge; reviewers do not', () => {
    expect(verdict(MEMBER, NEW)).toBe('ok');
    expect(verdict(REVIEWER, NEW)).toBe('forbidden');
    expect(verdict(MEMBER, { status: 'acknowledged', acknowledgedAt: AT, acknowledgedBy: MEMBER.id }, {})).toBe('ok');
  });

  it('a step names the person pushing it', () => {
    expect(verdict(MEMBER, { status: 'acknowledged', acknowledgedAt: AT, acknowledgedBy: LEADER.id }, {})).toBe('forbidden');
  });

  it('only the leader extends, answers or refuses', () => {
    const acknowledged = { status: 'acknowledged', acknowledgedAt: AT, acknowledgedBy: MEMBER.id };
    const close = { status: 'refused', closedAt: AT, closedBy: MEMBER.id, closeReason: 'Không thuộc phạm vi của xã' };
    expect(verdict(MEMBER, close, acknowledged)).toBe('forbidden');
    expect(verdict(MEMBER, { extendedAt: AT, extendedBy: MEMBER.id, extensionReason: 'Cần thêm thời gian' }, acknowledged)).toBe('forbidden');
    expect(verdict(LEADER, { ...close, closedBy: LEADER.id }, acknowledged)).toBe('ok');
    expect(verdict(MEMBER, { deleted: true }, acknowledged)).toBe('forbidden');
  });

  it('the status never goes back, a closed request is final, the extension happens once', () => {
    const acknowledged = { status: 'acknowledged', acknowledgedAt: AT, acknowledgedBy: MEMBER.id };
    expect(verdict(LEADER, { status: 'received' }, acknowledged)).toBe('immutable_field');
    const done = { ...acknowledged, status: 'done', closedAt: AT, closedBy: LEADER.id };
    expect(verdict(LEADER, { status: 'refused', closeReason: 'Đổi ý' }, done)).toBe('immutable_field');
    const extended = { ...acknowledged, extendedAt: AT, extendedBy: LEADER.id, extensionReason: 'Cần thêm thời gian' };
    expect(verdict(LEADER, { extendedAt: '2026-12-04T02:00:00.000Z', extensionReason: 'Lần hai' }, extended)).toBe('immutable_field');
    expect(verdict(LEADER, { kind: 'erasure' }, {})).toBe('immutable_field');
  });

  it('a refusal needs its reason, an extension its reason, who and when', () => {
    const base = stored({ status: 'refused', acknowledgedAt: AT, acknowledgedBy: MEMBER.id, closedAt: AT, closedBy: LEADER.id });
    const { clocks: _clocks, ...record } = base;
    expect(rightsRequestRecordSchema.safeParse(record).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['closeReason']);
    expect(rightsRequestRecordSchema.safeParse({ ...record, closeReason: 'Không thuộc phạm vi', extendedAt: AT }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['extendedBy', 'extensionReason']);
    expect(rightsRequestRecordSchema.safeParse({ ...record, closeReason: 'Không thuộc phạm vi' }).success).toBe(true);
    expect(rightsRequestRecordSchema.safeParse({ ...record, closeReason: 'CCCD 001234567890' }).success).toBe(false);
  });
});

describe('the steps the audit log names', () => {
  it('from nothing to closed, one step each', () => {
    expect(requestStepsOf(undefined, NEW)).toEqual(['received']);
    expect(requestStepsOf(NEW, { ...NEW, status: 'acknowledged', acknowledgedAt: AT })).toEqual(['acknowledged']);
    expect(requestStepsOf({ ...NEW, acknowledgedAt: AT }, { ...NEW, acknowledgedAt: AT, extendedAt: AT })).toEqual(['extended']);
    expect(requestStepsOf(undefined, { ...NEW, status: 'done', acknowledgedAt: AT, closedAt: AT })).toEqual(['received', 'acknowledged', 'done']);
    expect(requestStepsOf(NEW, { ...NEW, requester: { name: 'Nguyễn Thị Hòa' } })).toEqual(['edited']);
    expect(requestStepsOf(NEW, { ...NEW, updatedAt: AT })).toEqual([]);
    expect(requestStepsOf(NEW, { ...NEW, deleted: true })).toEqual(['deleted']);
  });
});

describe("the province's counts", () => {
  it('count open requests by urgency and closed ones by outcome', () => {
    const counts = emptyCounts();
    countRequest(counts, { kind: 'access', receivedOn: '2026-12-01', status: 'received' }, '2026-12-10');
    countRequest(counts, { kind: 'erasure', receivedOn: '2026-12-01', status: 'acknowledged' }, '2026-12-15');
    countRequest(counts, { kind: 'erasure', receivedOn: '2026-12-09', status: 'acknowledged' }, '2026-12-10');
    countRequest(counts, { kind: 'correction', receivedOn: '2026-12-01', status: 'refused' }, '2026-12-10');
    expect(counts).toMatchObject({ open: 3, overdue: 1, dueSoon: 1, done: 0, refused: 1, byKind: { access: 1, erasure: 2, correction: 1, objection: 0 } });
  });
});
