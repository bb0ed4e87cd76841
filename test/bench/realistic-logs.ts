// Realistic assistance logs for the sync benches (sync-client.bench.ts, profile-first-sync.ts):
// each as the app writes it on creation, 350–700 bytes of JSON, from a seeded generator so a run
// can be repeated; and seeding them on the server through the real push API.
import { seedServices } from '../../src/shared/seed';
import { hlcSchema, newNodeId, tick, initialClock, type HlcState } from '../../src/shared/sync/hlc';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { Mutation } from '../../src/shared/sync/protocol';
import { localDateOf } from '../../src/shared/text/dates';
import { apiPush, type ApiSession } from '../e2e/support/api-client';
import { mulberry32 } from '../helpers/seeded-random';

const NOTES = [
  'Hướng dẫn bà con cài đặt ứng dụng VNeID trên điện thoại, đăng ký tài khoản định danh điện tử mức 1.',
  'Người dân chưa có căn cước gắn chip, đã hẹn ra công an xã làm thủ tục vào thứ Năm.',
  'Hỗ trợ nộp hồ sơ đăng ký khai sinh trực tuyến trên Cổng dịch vụ công quốc gia, đã có mã hồ sơ.',
  'Cổng thanh toán báo lỗi khi nộp lệ phí, hướng dẫn người dân thử lại vào buổi chiều.',
  'Mạng 3G ở thôn yếu, phải ra nhà văn hóa thôn mới tải được ứng dụng.',
  'Ông cụ không nhớ mật khẩu email, đã hướng dẫn khôi phục qua số điện thoại của con trai.',
  'Chị làm hồ sơ cấp đổi giấy phép lái xe trên VNeID, đã chụp ảnh chân dung đạt yêu cầu.',
  'Hướng dẫn mở tài khoản ngân hàng trên điện thoại để nhận trợ cấp an sinh xã hội không dùng tiền mặt.',
  'Kích hoạt tài khoản định danh mức 2 cho hai vợ chồng, đã tích hợp bảo hiểm y tế vào VNeID.',
  'Người dân dùng điện thoại cũ, không cài được ứng dụng; chuyển bộ phận một cửa hỗ trợ trực tiếp.',
  'Hướng dẫn tra cứu kết quả giải quyết hồ sơ đất đai trên Cổng dịch vụ công của tỉnh.',
  'Đã nhắc bà con không chia sẻ mã OTP cho bất kỳ ai, kể cả người xưng là cán bộ.',
];
const VILLAGES = Array.from({ length: 8 }, () => uuidv7());
const OUTCOMES = ['done', 'done', 'done', 'partial', 'referred', 'failed'];
const BARRIERS = ['no_smartphone', 'no_chip_id', 'vneid_not_level2', 'no_bank_account', 'portal_down', 'weak_network', 'language'];
const NAMES = ['Nguyễn Thị Hoa', 'Trần Văn Bình', 'Lê Thị Mai', 'Phạm Văn Đức', 'Hồ Thị Lan', 'Đinh Văn Hùng'];

/** One assistance log's fields as the app writes them on creation: 350–700 bytes of JSON. */
export function realisticLog(rng: () => number, user: { id: string; communeId: string }, now: number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const services = seedServices();
  const occurredAt = new Date(now - Math.floor(rng() * 90 * 86_400_000)).toISOString();
  const fields: Record<string, unknown> = {
    serviceId: pick(services).code,
    outcome: pick(OUTCOMES),
    occurredAt,
    villageId: pick(VILLAGES),
    durationMin: 5 + Math.floor(rng() * 55),
    note: rng() < 0.5 ? pick(NOTES) : `${pick(NOTES)} ${pick(NOTES)}`,
    communeId: user.communeId,
    createdBy: user.id,
    createdAt: occurredAt,
    deleted: false,
  };
  if (rng() < 0.4) fields.barriers = [pick(BARRIERS)];
  if (rng() < 0.2) fields.followUpAt = localDateOf(occurredAt);
  if (rng() < 0.2) {
    fields.citizen = {
      name: pick(NAMES),
      phone: `09${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`,
      birthYear: 1940 + Math.floor(rng() * 60),
      gender: pick(['female', 'male']),
      consent: true,
      consentEvidence: { method: 'spoken', noticeVersion: '2025-07', recordedAt: occurredAt, recordedBy: user.id },
    };
  }
  // A log that names a citizen keeps its note short, so that every log stays within 700 bytes.
  const size = () => utf8({ id: VILLAGES[0], ...fields });
  if (size() > 700) fields.note = pick(NOTES);
  if (size() > 700) delete fields.followUpAt;
  if (size() > 700) fields.note = 'Đã hướng dẫn xong, người dân tự làm được.';
  if (size() > 700) delete fields.barriers;
  return fields;
}

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Pushes `count` logs as `session` through the real push API; returns their raw JSON size. */
export async function seedLogs(url: string, session: ApiSession, count: number, seed: number): Promise<number> {
  const rng = mulberry32(seed);
  const user = { id: session.user.id, communeId: session.user.communeId! };
  let clock: HlcState = initialClock(newNodeId());
  let rawBytes = 0;
  for (let start = 0; start < count; start += 500) {
    const mutations: Mutation[] = [];
    for (let index = start; index < Math.min(count, start + 500); index += 1) {
      const id = uuidv7();
      const fields = realisticLog(rng, user, Date.now());
      const size = utf8({ id, ...fields });
      if (size < 350 || size > 700) throw new Error(`generated log of ${size} bytes, outside 350–700`);
      rawBytes += size;
      const stamped = tick(clock, Date.now());
      clock = stamped.state;
      mutations.push({ id: uuidv7(), table: 'assistanceLogs', recordId: id, hlc: hlcSchema.parse(stamped.hlc), fields });
    }
    const answer = await apiPush(url, session, clock.node, mutations);
    if (answer.rejected.length > 0) throw new Error(`seeding rejected: ${JSON.stringify(answer.rejected[0])}`);
  }
  return rawBytes;
}

/** For profiling scripts: seeds `count` logs. */
export const seedForProfile = (url: string, session: ApiSession, count: number) => seedLogs(url, session, count, 7);
