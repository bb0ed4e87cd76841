// A log names the notice version its citizen was shown, so a version's text must never change.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION, PRIVACY_NOTICE_VERSIONS } from '../../src/shared/privacy/notice';

const noticeOf = (language: string): unknown =>
  (JSON.parse(readFileSync(path.resolve(__dirname, `../../locales/${language}/privacy.json`), 'utf8')) as { notice: unknown }).notice;

describe('the privacy notice', () => {
  it('has the text its current version was published with (a new text needs a new version in src/shared/privacy/notice.ts)', () => {
    const sha256 = createHash('sha256').update(JSON.stringify(noticeOf('vi'))).digest('hex');
    expect(PRIVACY_NOTICE_VERSIONS.at(-1)).toEqual({ version: PRIVACY_NOTICE_VERSION, sha256 });
  });

  it('never reuses a version name or a text', () => {
    expect(new Set(PRIVACY_NOTICE_VERSIONS.map((v) => v.version)).size).toBe(PRIVACY_NOTICE_VERSIONS.length);
    expect(new Set(PRIVACY_NOTICE_VERSIONS.map((v) => v.sha256)).size).toBe(PRIVACY_NOTICE_VERSIONS.length);
  });

  it('says what, why, how long, who, the rights and whom to contact', () => {
    const text = JSON.stringify(noticeOf('vi'));
    for (const words of ['họ tên', 'số điện thoại', 'gọi lại', '12 tháng', '90 ngày', 'Ai được xem', 'xóa', '2 ngày làm việc', '15 ngày', 'dưới 16 tuổi', 'Liên hệ', 'sổ theo dõi yêu cầu', 'người yêu cầu']) {
      expect(text).toContain(words);
    }
  });
});
