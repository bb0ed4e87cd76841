// Many logs stored on a phone, as the benches and the long-list e2e need them: written straight into
// IndexedDB (plaintext citizen details, as an older release left them: the app seals them after the
// first unlock, docs/security.md). Run before the app opens the database's session.
import type { Page } from 'playwright-core';
import { installRawIdb, type RawIdb } from './idb';
import { seedServices } from '../../../src/shared/seed';

export const SEED_MEMBER = { id: '0197c1a2-0000-7000-8000-0000000000a1', username: 'bench-member', displayName: 'Thành viên (bench)', role: 'member', communeId: 'bench-commune' };
const VILLAGE_NAMES = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Đăk Rế', 'Làng Kon Rờ Bàng', 'Làng Đăk Wơk', 'Tổ dân phố 1', 'Tổ dân phố 2', 'Thôn Kon Trang', 'Buôn Ma Lăng', 'Thôn Tân Bình', 'Thôn Ngọk Bay'];

/**
 * A signed-in member's session, the commune's villages and `total` realistic logs (a fifth with a
 * named, consenting citizen and half with a note, unless `shares` says otherwise), written with the
 * raw IndexedDB API in batches; resolves with the villages' ids. The app seals each citizen and note
 * after the first unlock, which takes a while for many: a suite that only needs a few passes smaller shares. The same deterministic generator on every run, so runs measure the same data.
 */
export async function seedLogs(page: Page, member: typeof SEED_MEMBER, total: number, shares: { named: number; noted: number } = { named: 0.2, noted: 0.5 }): Promise<string[]> {
  await installRawIdb(page);
  return page.evaluate(
    async ({ user, total, services, villageNames, shares }) => {
      const raw = (window as unknown as { __idb: RawIdb }).__idb;
      const database = await raw.open();
      const put = (store: string, rows: object[]) => raw.put(database, store, rows);
      // A deterministic generator, so every run measures the same data.
      // A 31-bit LCG in integer arithmetic: `seed * 1_103_515_245` in doubles loses its low bits past
      // 2^53 and the sequence fell into a cycle of a few hundred values — the ids repeated and a
      // "100,000 logs" seeding stored 521 rows.
      let seed = 42;
      const random = () => {
        seed = (Math.imul(seed, 1_103_515_245) + 12_345) & 0x7fff_ffff;
        return seed / 2_147_483_648;
      };
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
      const uuid7 = (ms: number) => {
        const t = ms.toString(16).padStart(12, '0');
        return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
      };
      const node = hex(16);
      const clockOf = (ms: number) => `${new Date(ms).toISOString()}-0000-${node}`;
      const withClocks = (fields: Record<string, unknown>, ms: number) => {
        const clock = clockOf(ms);
        return { ...fields, clocks: Object.fromEntries(Object.keys(fields).filter((k) => k !== 'id').map((k) => [k, clock])) };
      };
      await put('settings', [{ key: 'session', value: { user, signedInAt: new Date().toISOString() } }]);

      const now = Date.now();
      const villageIds = villageNames.map((name, i) => {
        const id = uuid7(now - 400 * 86_400_000 + i);
        return { id, row: withClocks({ id, name, kind: name.startsWith('Tổ') ? 'to_dan_pho' : name.startsWith('Làng') ? 'lang' : name.startsWith('Buôn') ? 'buon' : 'thon', active: true, communeId: user.communeId, createdBy: user.id, createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(), deleted: false }, now) };
      });
      await put('villages', villageIds.map((v) => v.row));

      const authors = [user.id, ...Array.from({ length: 9 }, (_, i) => `0197c1a2-0000-7000-8000-0000000000${(i + 2).toString(16).padStart(2, '0')}`)];
      const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đinh', 'A', 'Y'];
      const middles = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', ''];
      const givens = ['An', 'Bình', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phúc', 'Sương', 'Thảo', 'Rơ', 'Blông', 'Kơi'];
      const notes = ['Bà cụ nhờ cài VNeID, đã xong', 'Cổng dịch vụ công lỗi, hẹn quay lại', 'Chưa có CCCD gắn chip, chuyển công an xã', 'Hướng dẫn thanh toán tiền điện qua app', 'Người dân không có điện thoại, làm trên máy của tổ', 'Mạng yếu, làm lại buổi chiều', 'Đã nộp hồ sơ khai sinh trực tuyến'];
      const outcomes = ['done', 'done', 'done', 'partial', 'referred', 'failed'];
      const barriers = ['no_smartphone', 'no_chip_id', 'vneid_not_level2', 'no_bank_account', 'portal_down', 'weak_network', 'language', 'other'];
      const BATCH = 5_000;
      for (let start = 0; start < total; start += BATCH) {
        const rows: object[] = [];
        for (let i = start; i < Math.min(total, start + BATCH); i++) {
          const occurred = now - Math.floor(random() * 365 * 86_400_000);
          const id = uuid7(occurred);
          const named = random() < shares.named;
          const outcome = pick(outcomes);
          const followUp = outcome !== 'done' && random() < 0.3;
          const fields: Record<string, unknown> = {
            id,
            communeId: user.communeId,
            createdBy: pick(authors),
            createdAt: new Date(occurred).toISOString(),
            updatedAt: new Date(occurred).toISOString(),
            deleted: false,
            serviceId: pick(services),
            outcome,
            occurredAt: new Date(occurred).toISOString(),
            villageId: random() < 0.85 ? pick(villageIds).id : null,
            barriers: outcome === 'done' ? [] : [pick(barriers)],
            durationMin: pick([5, 10, 15, 30, 45]),
            note: random() < shares.noted ? pick(notes) : null,
            assistedOnTeamDevice: random() < 0.2,
            followUpAt: followUp ? new Date(occurred + 7 * 86_400_000).toISOString().slice(0, 10) : null,
            followUpDone: followUp ? occurred < now - 30 * 86_400_000 : false,
            citizen: named
              ? {
                  name: `${pick(families)} ${pick(middles)} ${pick(givens)}`.replace(/\s+/g, ' '),
                  phone: `09${Math.floor(random() * 1e8).toString().padStart(8, '0')}`,
                  birthYear: 1940 + Math.floor(random() * 60),
                  consent: true,
                  consentEvidence: { method: 'spoken', noticeVersion: 'vi-2026-01', recordedAt: new Date(occurred).toISOString(), recordedBy: user.id },
                }
              : null,
          };
          rows.push(withClocks(fields, occurred));
        }
        await put('assistanceLogs', rows);
      }
      // Every id distinct: the store holds as many logs as were written.
      const stored = await new Promise<number>((resolve, reject) => {
        const count = database.transaction('assistanceLogs').objectStore('assistanceLogs').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error ?? new Error('count failed'));
      });
      database.close();
      if (stored !== total) throw new Error(`seeded ${total} logs but the store holds ${stored}`);
      return villageIds.map((v) => v.id);
    },
    { user: member, total, services: seedServices().map((s) => s.code), villageNames: VILLAGE_NAMES, shares },
  );
}
