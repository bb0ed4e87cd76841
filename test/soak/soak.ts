// The bounded soak (docs/testing.md): phones of two communes write and sync through a faulty
// network while the real server processes are killed, restarted and paused; then the network
// heals, every phone syncs to a standstill, the servers stop, and checker.ts judges the result.
// On SQLite one server process owns the file; on PostgreSQL two processes share one database and
// the proxy spreads requests over both.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCommune, createUser } from '../../src/server/accounts';
import type { DatabaseConfig } from '../../src/server/config';
import { openStore } from '../../src/server/storage/open-store';
import type { StoredRecord } from '../../src/server/storage/record-types';
import { uuidv7 } from '../../src/shared/sync/ids';
import type { Role } from '../../src/shared/permissions';
import type { SyncTable } from '../../src/shared/schemas/tables';
import { createTestDatabase } from '../helpers/pg';
import { mulberry32 } from '../helpers/seeded-random';
import { checkSoak, type CheckInput } from './checker';
import { CLIENT_TIMEOUT_MS, SOAK_TABLES, SoakPhone, newLedger, type Account } from './phone';
import { startFaultyProxy, type Fault } from './proxy';
import { serverProcess, type ServerProcess } from './server-process';

export type Backend = 'sqlite' | 'postgres';

export interface SoakOptions {
  backend: Backend;
  /** How long the phones work under faults, at least (until a server was killed and one paused); the heal and the check come on top. */
  seconds: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  summary: string;
  problems: string[];
  /** What the checker judged, to judge it again (e.g. after corrupting the database). */
  input: CheckInput;
  database: DatabaseConfig;
  /** Deletes the database. */
  dispose(): Promise<void>;
}

const PROVINCE = 'quang-ngai';
const COMMUNES = ['xa-soak-a', 'xa-soak-b'] as const;
const ROLES: readonly Role[] = ['leader', 'member', 'member'];
const PASSWORD = 'soak horse battery staple';
/** Low scrypt cost: the KDF is a deployment parameter, not what the soak is about. */
const COST = { N: 2 ** 10, r: 8, p: 1 };
/** The phone whose clock is days off: three days behind, so its early writes lose every conflict. */
const SKEWED_PHONE = 1;
const SKEW_MS = -3 * 86_400_000;
/** The client timeout once the network has healed. */
const HEAL_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  const { database, env, dispose: disposeDatabase } = await prepareDatabase(options.backend);
  const accounts = await createAccounts(database);
  const servers: ServerProcess[] = [];
  const phones: SoakPhone[] = [];
  let proxy: Awaited<ReturnType<typeof startFaultyProxy>> | undefined;
  try {
    for (let i = 0; i < (options.backend === 'postgres' ? 2 : 1); i += 1) servers.push(await serverProcess(env));
    // On PostgreSQL the two processes start one after the other (both migrate: the second finds nothing to do).
    for (const server of servers) await server.start();
    proxy = await startFaultyProxy({ upstreams: () => servers.map((server) => server.port), random });
    const ledger = newLedger();
    accounts.forEach((account, index) => phones.push(new SoakPhone(`${account.communeId}/${account.username}`, account, proxy!.url, index === SKEWED_PHONE ? SKEW_MS : 0, ledger)));

    const chaos = { kills: 0, pauses: 0 };
    const deadline = Date.now() + options.seconds * 1000;
    log(`soak ${options.backend}: seed ${options.seed}, ${phones.length} phones, ${options.seconds} s under faults`);
    // The phones work until the time is up and the servers have been both killed and paused.
    const running = { on: true };
    const disturbing = disturb(servers, random, deadline, chaos, log).finally(() => (running.on = false));
    await Promise.all([...phones.map((phone) => work(phone, random, running)), disturbing]);

    // The network heals and every server is up: sync until nothing moves.
    proxy.setFaulty(false);
    // A loaded machine may answer slower than a phone's timeout; healing must not depend on it.
    for (const phone of phones) phone.useTimeout(HEAL_TIMEOUT_MS);
    for (const server of servers) {
      server.resume();
      if (!server.running) await server.start();
    }
    await settle(phones);
    for (const server of servers) await server.stop();

    const input: CheckInput = {
      ledger,
      phones: await Promise.all(phones.map(phoneState)),
      server: await readServerRecords(database),
      tables: SOAK_TABLES,
    };
    const problems = checkSoak(input);
    // A run without both would prove less than it claims.
    if (chaos.kills === 0 || chaos.pauses === 0) problems.push(`the servers were killed ${chaos.kills} and paused ${chaos.pauses} time(s)`);
    if (ledger.acked.size === 0) problems.push('no mutation was acknowledged: the phones never got through');
    const faults = Object.values(proxy.faults).reduce((sum, n) => sum + n, 0);
    const kinds = (Object.entries(proxy.faults) as [Fault, number][]).map(([kind, n]) => `${kind} ${n}`).join(', ');
    const rounds = phones.reduce((sum, phone) => ({ ok: sum.ok + phone.rounds.ok, failed: sum.failed + phone.rounds.failed }), { ok: 0, failed: 0 });
    const summary =
      `soak ${options.backend}: seed ${options.seed}, ${phones.length} phones, ${ledger.acked.size} mutations acknowledged (${ledger.rejected.size} rejected), ` +
      `${faults} faults injected (${kinds}) over ${proxy.requests()} requests, ${chaos.kills} restarts after SIGKILL, ${chaos.pauses} pauses > ${CLIENT_TIMEOUT_MS / 1000} s, ` +
      `${rounds.ok} rounds ok / ${rounds.failed} failed, ${input.server.length} records — ${problems.length === 0 ? 'OK' : `${problems.length} PROBLEM(S)`}`;
    return { summary, problems, input, database, dispose: disposeDatabase };
  } catch (error) {
    await disposeDatabase();
    throw error;
  } finally {
    for (const server of servers) await server.kill();
    await proxy?.close();
    await Promise.all(phones.map((phone) => phone.close()));
  }
}

/** The server's records of the soak's tables in both communes, read through the store facade. */
export async function readServerRecords(database: DatabaseConfig): Promise<StoredRecord[]> {
  const store = openStore(database);
  try {
    const rows: StoredRecord[] = [];
    for (const scope of COMMUNES) rows.push(...(await store.records.listRecords({ scope, tables: SOAK_TABLES })));
    return rows;
  } finally {
    await store.close();
  }
}

async function prepareDatabase(backend: Backend): Promise<{ database: DatabaseConfig; env: Record<string, string>; dispose: () => Promise<void> }> {
  if (backend === 'postgres') {
    const pg = await createTestDatabase();
    return { database: { kind: 'postgres', url: pg.url }, env: { DATABASE_URL: pg.url }, dispose: () => pg.drop() };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'so-tay-so-soak-'));
  return {
    database: { kind: 'sqlite', file: path.join(dir, 'so-tay-so.sqlite') },
    env: { DATA_DIR: dir },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Two communes, a leader and two members each, made with the storage API (as the admin CLI does). */
async function createAccounts(database: DatabaseConfig): Promise<Account[]> {
  const store = openStore(database);
  try {
    await store.migrate();
    const accounts: Account[] = [];
    for (const communeId of COMMUNES) {
      await createCommune(store, { id: communeId, name: `Xã ${communeId}`, provinceId: PROVINCE });
      for (const [index, role] of ROLES.entries()) {
        const username = `${communeId.slice(-1)}-${role}-${index}`;
        const user = await createUser(store, { username, password: PASSWORD, role, communeId }, { cost: COST });
        accounts.push({ username, password: PASSWORD, userId: user.id, role, communeId });
      }
    }
    return accounts;
  } finally {
    await store.close();
  }
}

/** SIGKILL-and-restart, then pause-longer-than-the-client-waits, in turn, on a random server every few seconds. */
async function disturb(servers: readonly ServerProcess[], random: () => number, deadline: number, chaos: { kills: number; pauses: number }, log: (line: string) => void): Promise<void> {
  for (;;) {
    await sleep(500 + random() * 1500);
    if (Date.now() > deadline && chaos.kills > 0 && chaos.pauses > 0) return;
    const server = servers[Math.floor(random() * servers.length)]!;
    // Alternate, so that even a short run has both.
    if (chaos.kills <= chaos.pauses) {
      await server.kill();
      chaos.kills += 1;
      await sleep(200 + random() * 1500);
      await server.start();
    } else {
      server.pause();
      chaos.pauses += 1;
      await sleep(CLIENT_TIMEOUT_MS + 1000 + random() * 1500);
      server.resume();
    }
    log(`  ${chaos.kills} kills, ${chaos.pauses} pauses`);
  }
}

/** One phone's day: local writes and sync rounds, whatever the network does. */
async function work(phone: SoakPhone, random: () => number, running: { on: boolean }): Promise<void> {
  const checklistId = uuidv7(); // each phone ticks items of "its" checklist; others edit them too
  while (running.on) {
    await sleep(20 + random() * 200);
    if (random() < 0.5) await phone.sync();
    else await writeSomething(phone, random, checklistId);
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

async function writeSomething(phone: SoakPhone, random: () => number, checklistId: string): Promise<void> {
  const { account } = phone;
  const table = pick(random, SOAK_TABLES);
  const rows = (await phone.rows(table)).filter((row) => row.deleted !== true);
  const at = new Date(phone.now()).toISOString();
  const n = Math.floor(random() * 1000);
  if (rows.length === 0 || random() < 0.25) {
    const base = { communeId: account.communeId, createdBy: account.userId, createdAt: at, deleted: false };
    const fields: Record<string, Record<string, unknown>> = {
      assistanceLogs: { ...base, serviceId: 'vneid-install-register', outcome: 'done', occurredAt: at, durationMin: n % 90, note: `Hỗ trợ bà con số ${n}` },
      checklistItems: { ...base, checklistId, itemId: `muc-${n}`, status: 'todo' },
      contacts: { ...base, name: `Cán bộ VNPT ${n}`, note: 'Gọi giờ hành chính' },
    };
    await phone.write(table, uuidv7(), fields[table]!);
    return;
  }
  const target = pick(random, rows);
  // Some writes the server must refuse: too long a note; a member deleting an item or editing someone else's log.
  if (random() < 0.04) return phone.write(table, target.id, { note: 'x'.repeat(2001) });
  const edits: Partial<Record<SyncTable, () => Record<string, unknown>>> = {
    assistanceLogs: () => pick(random, [{ outcome: pick(random, ['done', 'partial', 'referred', 'failed']) }, { note: `Hẹn quay lại ${n}` }, { durationMin: n % 120 }]),
    checklistItems: () => pick(random, [{ status: pick(random, ['todo', 'doing', 'done', 'blocked', 'na']) }, { note: `ghi chú ${n}` }, { assignee: pick(random, ['Lan', 'Hùng', 'Mai']) }, { deleted: random() < 0.3 }]),
    contacts: () => pick(random, [{ note: `Đổi số ${n}` }, { favorite: random() < 0.5 }, { area: pick(random, ['Thôn 1', 'Thôn 2', 'Làng Kon']) }]),
  };
  await phone.write(table, target.id, edits[table]!());
}

/** With a clean network, every phone syncs until a whole pass moves nothing. */
async function settle(phones: readonly SoakPhone[]): Promise<void> {
  for (let pass = 0; pass < 40; pass += 1) {
    let moved = false;
    for (const phone of phones) {
      const before = await fingerprint(phone);
      if (!(await phone.sync())) moved = true;
      if ((await fingerprint(phone)) !== before) moved = true;
    }
    if (!moved) return;
  }
  throw new Error('the phones did not settle after 40 passes on a clean network');
}

async function fingerprint(phone: SoakPhone): Promise<string> {
  return `${await phone.repo.countOutbox()}|${await phone.repo.getCursor()}`;
}

async function phoneState(phone: SoakPhone): Promise<CheckInput['phones'][number]> {
  const rows = new Map<SyncTable, Awaited<ReturnType<SoakPhone['rows']>>>();
  for (const table of SOAK_TABLES) rows.set(table, await phone.rows(table));
  return {
    name: phone.name,
    communeId: phone.account.communeId,
    outbox: await phone.repo.countOutbox(),
    rejectedIds: new Set((await phone.db.rejectedChanges.toArray()).map((change) => change.id)),
    rows,
  };
}
