// The citizens' rights suites' seed (privacy-erasure, rights-requests): records pushed to the server
// as a demo account through the ordinary sync API, before the phones sign in — logs naming a
// consenting citizen (the evidence in the member's name, as the log form records it) and requests
// of the register — so a suite starts from what a commune's phones would have sent.
import { expect } from 'vitest';
import type { SyncTable } from '../../../src/shared/schemas/tables';
import { uuidv7 } from '../../../src/shared/sync/ids';
import { apiLogin, apiPush, type ApiSession } from './api-client';
import { DEMO_PASSWORD } from './sync-world';

/** A citizen who agreed to be recorded, as `member`'s log form records them. */
export function consentingCitizen(member: ApiSession, name: string, phone?: string) {
  return {
    name,
    ...(phone ? { phone } : {}),
    consent: true,
    consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-12', recordedAt: '2026-03-02T08:00:00+07:00', recordedBy: member.user.id },
  };
}

/** An assistance log of today, done, with `extra` fields (a citizen, a note, another outcome). */
export function todaysLog(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { serviceId: 'vneid-install-register', outcome: 'done', occurredAt: new Date().toISOString(), deleted: false, ...extra };
}

/**
 * Signs the demo account in through the API and pushes one new record per entry (`fields` made
 * from its session), a minute in the past; fails the test if the server refused any.
 */
export async function seedAs(serverUrl: string, username: 'demo-member' | 'demo-leader', records: (session: ApiSession) => { table: SyncTable; fields: Record<string, unknown> }[]): Promise<ApiSession> {
  const session = await apiLogin(serverUrl, username, DEMO_PASSWORD);
  const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-0123456789abcdef`;
  const mutations = records(session).map(({ table, fields }) => ({ id: uuidv7(), table, recordId: uuidv7(), hlc, fields }));
  const answer = await apiPush(serverUrl, session, 'e2e-seed', mutations as never);
  expect(answer.rejected, JSON.stringify(answer.rejected)).toEqual([]);
  return session;
}
