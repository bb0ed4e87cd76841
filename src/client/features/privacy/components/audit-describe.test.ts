// The audit log's lines in Vietnamese (docs/accounts.md "The CLI acts in someone's name"): the admin
// CLI's operator is said in words, never by its reserved id; an account by name and role; a
// password set with the CLI is told apart from a new sign-in code.
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import auth from '../../../../../locales/vi/auth.json';
import privacy from '../../../../../locales/vi/privacy.json';
import { SERVER_OPERATOR_ID, type AuditEntry } from '../../../../shared/privacy/audit';
import { auditActor, describeAuditEvent } from './audit-describe';

type T = Parameters<typeof auditActor>[0];
let t: T;

beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({ lng: 'vi', resources: { vi: { auth, privacy } }, defaultNS: 'privacy', interpolation: { escapeValue: false } });
  t = i18n.getFixedT('vi', 'privacy');
});

const event = (fields: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  kind: 'account.created',
  actorName: 'Sở KH&CN',
  actorRole: 'admin',
  communeName: null,
  subjectId: null,
  subjectName: 'Nguyễn Thị Lan',
  details: { role: 'member' },
  occurredAt: null,
  recordedAt: 0,
  ...fields,
});

describe('audit lines', () => {
  it('names the admin CLI’s operator in words, an account by name and role', () => {
    expect(auditActor(t, event({ actorName: SERVER_OPERATOR_ID, actorRole: null }))).toBe('Người quản trị máy chủ (lệnh quản trị)');
    expect(auditActor(t, event({}))).toBe('Sở KH&CN (Sở Khoa học và Công nghệ)');
    // An account that happens to bear the name is still an account.
    expect(auditActor(t, event({ actorName: SERVER_OPERATOR_ID, actorRole: 'leader' }))).toBe(`${SERVER_OPERATOR_ID} (Tổ trưởng)`);
  });

  it('tells a password set with the CLI from a new sign-in code', () => {
    expect(describeAuditEvent(t, event({ kind: 'account.passwordSet', details: {} }))).toBe('Đặt mật khẩu mới cho Nguyễn Thị Lan bằng lệnh quản trị trên máy chủ');
    expect(describeAuditEvent(t, event({ kind: 'account.passwordReset', details: {} }))).toBe('Cấp mã đăng nhập mới cho Nguyễn Thị Lan');
  });
});
