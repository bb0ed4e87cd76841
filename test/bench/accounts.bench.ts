// The province console's accounts list (issue 14, docs/accounts.md "Accounts") with 2,000 accounts
// in one province (100 communes × 20), on a real SQLite file, and on PostgreSQL when
// TEST_DATABASE_URL is set. Each measured figure is a whole `GET /api/admin/accounts` through the
// app (sign-in check, rate limit, filters, Vietnamese sort, the page's JSON), as the console asks:
// - the first page (50 accounts, every filter off);
// - a filtered search: "nguyen van" (no diacritics) among one role, the province's most common name;
// - a deep page (offset 1,000), what "Xem thêm" reaches after twenty pages.
// Each ≤ BUDGET × the baseline: one plain SELECT of every account row of the province on a raw
// connection (the columns the list shows), nothing checked, folded, sorted or sent — the least a
// server must read, since neither the Vietnamese order nor a search without diacritics can be left
// to SQL's collation. The store's own read of those rows (listScopeUsers) is printed beside it.
// Medians of RUNS, taking turns. The absolute times are printed beside the issue's 300 ms.
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { createCommune, createUser } from '../../src/server/accounts';
import type { SyncStore } from '../../src/server/storage/types';
import { testDatabaseUrl } from '../helpers/pg';
import { login, makeApp, type Session } from '../server/sync-fixtures';
import { postgresBenchStore, sqliteBenchStore } from './bench-stores';
import { context, median, ratioAtMost, type Measurement } from './measurement';

const PROVINCE = 'bench-province';
const COMMUNES = 100;
const PER_COMMUNE = 20;
const RUNS = 15;
const BUDGET = 8;
const PASSWORD = 'bench accounts password';
const COST = { N: 2 ** 10, r: 8, p: 1 };
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức', 'Thu', 'Quốc', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vy', 'Xuân', 'Yến', 'Ánh', 'Đạt', 'Ê-ban'];
const ROLES = ['member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'member', 'leader', 'reviewer', 'reviewer', 'member'] as const;
const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 4) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;

const REQUESTS = {
  'first page': '/api/admin/accounts',
  'filtered search': `/api/admin/accounts?q=${encodeURIComponent('nguyen van')}&role=member`,
  'deep page': '/api/admin/accounts?offset=1000',
} as const;
type Kind = keyof typeof REQUESTS;

/** The province's communes and 2,000 accounts (codes, no passwords), and one admin per measured request. */
async function fill(store: SyncStore): Promise<void> {
  for (let c = 0; c < COMMUNES; c++) {
    const communeId = `bench-xa-${String(c).padStart(3, '0')}`;
    await createCommune(store, { id: communeId, name: `Xã ${GIVEN[c % GIVEN.length]} ${c}`, provinceId: PROVINCE });
    for (let m = 0; m < PER_COMMUNE; m++) {
      const i = c * PER_COMMUNE + m;
      await createUser(store, { username: `tv-${String(i).padStart(4, '0')}`, password: null, role: ROLES[m]!, communeId, displayName: nameOf(i) }, { cost: COST });
    }
  }
  for (const kind of Object.keys(REQUESTS)) {
    await createUser(store, { username: `so-${kind.replace(' ', '-')}`, password: PASSWORD, role: 'admin', provinceId: PROVINCE, displayName: 'Sở KH&CN' }, { cost: COST });
  }
}

interface Target {
  name: string;
  store: SyncStore;
  /** The baseline: every account row of the province, by one plain SELECT on a raw connection. */
  raw: () => Promise<number>;
  close: () => Promise<void>;
}

const RAW_PAGE = `SELECT u.id, u.username, u.display_name, u.role, u.commune_id, u.phone, u.disabled, u.created_at, u.last_sync_at
  FROM users u LEFT JOIN communes c ON c.id = u.commune_id WHERE COALESCE(c.province_id, u.province_id) = $province`;

async function sqliteTarget(): Promise<Target> {
  const bench = await sqliteBenchStore('accounts');
  await fill(bench.store);
  const db = new Database(bench.file, { readonly: true });
  const page = db.prepare(RAW_PAGE.replace('$province', '?'));
  return {
    name: 'SQLite',
    store: bench.store,
    raw: () => Promise.resolve(page.all(PROVINCE).length),
    close: async () => {
      db.close();
      await bench.close();
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const bench = await postgresBenchStore(fill);
  const client: pg.Client = bench.client;
  const text = RAW_PAGE.replace('$province', '$1');
  return {
    name: 'PostgreSQL',
    store: bench.store,
    raw: async () => (await client.query(text, [PROVINCE])).rowCount ?? 0,
    close: () => bench.close(),
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function get(app: FastifyInstance, session: Session, url: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${session.accessToken}` } });
  if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
  return res.json<{ accounts: unknown[]; total: number }>().total;
}

async function measureOn(target: Target): Promise<Measurement[]> {
  const app = await makeApp(target.store);
  try {
    const kinds = Object.keys(REQUESTS) as Kind[];
    const sessions = Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, await login(app, `so-${kind.replace(' ', '-')}`, PASSWORD)] as const))) as Record<Kind, Session>;
    const totals = Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, await get(app, sessions[kind], REQUESTS[kind])] as const)));
    // The province's list holds its admins too (the three signed in here).
    const expected = COMMUNES * PER_COMMUNE + kinds.length;
    if (totals['first page'] !== expected) throw new Error(`expected ${expected} accounts, the list has ${totals['first page']}`);
    await target.raw();
    const samples: Record<Kind | 'raw' | 'store', number[]> = { 'first page': [], 'filtered search': [], 'deep page': [], raw: [], store: [] };
    for (let run = 0; run < RUNS; run++) {
      samples.raw.push(await timed(target.raw));
      samples.store.push(await timed(() => target.store.accounts.listScopeUsers({ provinceId: PROVINCE })));
      for (const kind of kinds) samples[kind].push(await timed(() => get(app, sessions[kind], REQUESTS[kind])));
    }
    const raw = median(samples.raw);
    const rows = [context(`accounts ${target.name}: one raw SELECT of the province's ${expected} accounts`, raw, 'ms'), context(`accounts ${target.name}: the store's read of them (listScopeUsers)`, median(samples.store), 'ms')];
    return rows.concat(kinds.flatMap((kind) => [
      ratioAtMost(`accounts ${target.name}: ${kind} of 2,000 (GET /api/admin/accounts) vs one raw SELECT of them all`, median(samples[kind]), raw, 'ms', BUDGET),
      context(`accounts ${target.name}: ${kind}, absolute (issue: < 300 ms)${kind === 'filtered search' ? `, ${totals[kind]} found` : ''}`, median(samples[kind]), 'ms'),
    ]));
  } finally {
    await app.close();
  }
}

export async function runAccountsBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const open of testDatabaseUrl() ? [sqliteTarget, postgresTarget] : [sqliteTarget]) {
    const target = await open();
    try {
      results.push(...(await measureOn(target)));
    } finally {
      await target.close();
    }
  }
  return results;
}
