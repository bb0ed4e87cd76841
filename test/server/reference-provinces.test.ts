// Reference data per province (docs/domain.md "Reference data per province"), on a real SQLite file
// and a real PostgreSQL: a commune's first pull holds its own province's checklist templates and
// the generic ones, never another province's; a server that seeded every template everywhere (an
// older release) deletes another province's untouched template at its next start-up, unless a
// commune already made a checklist from it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommune, createUser } from '../../src/server/accounts';
import type { SyncStore } from '../../src/server/storage/types';
import { seedProvince } from '../../src/server/sync/seed';
import { seedChecklistTemplates } from '../../src/shared/seed';
import { seedRecord } from '../../src/shared/seed/seed-record';
import { uuidv7 } from '../../src/shared/sync/ids';
import { fromWireRecord } from '../../src/shared/sync/protocol';
import { provinceScope } from '../../src/shared/sync/scopes';
import { describePostgres } from '../helpers/pg';
import { postgresFixture, sqliteFixture, type StoreFixture, type StoreFixtureFactory } from './store-fixtures';
import { createMeta, login, makeApp, PASSWORD, populate, pullAll, pushOk, mutation, TEST_COST, type Session } from './sync-fixtures';

const QN_READINESS = 'qng-2025-commune-shared-systems-readiness';
const QN_INDICATORS = 'qng-2022-digital-government-indicators';
const NA_GO_LIVE = 'nga-2025-commune-go-live';
const GENERIC = ['community-digital-team-operations', 'village-digital-readiness'];

const templateIdsIn = (changes: { table: string; record: unknown }[]) =>
  changes
    .filter((change) => change.table === 'checklistTemplates')
    .map((change) => fromWireRecord(change.record as never))
    .filter((record) => record.deleted !== true)
    .map((record) => String(record.templateId))
    .sort();

function referenceProvincesSuite(factory: StoreFixtureFactory): void {
  let fixture: StoreFixture;
  let store: SyncStore;
  let app: FastifyInstance;
  let memberA: Session;
  let memberNA: Session;

  beforeAll(async () => {
    fixture = await factory();
    store = fixture.open();
    await store.migrate();
    await populate(store);
    await createCommune(store, { id: 'xa-nghe-an-test', name: 'Xã Nghệ An (thử)', provinceId: 'nghe-an' });
    await createUser(store, { username: 'memberNA', password: PASSWORD, role: 'member', communeId: 'xa-nghe-an-test' }, { cost: TEST_COST });
    app = await makeApp(store);
    memberA = await login(app, 'memberA');
    memberNA = await login(app, 'memberNA');
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });

  it("a Quảng Ngãi commune pulls its province's templates and the generic ones, never Nghệ An's", async () => {
    const { changes } = await pullAll(app, memberA);
    expect(templateIdsIn(changes)).toEqual([...GENERIC, QN_INDICATORS, QN_READINESS].sort());
  });

  it("a Nghệ An commune pulls Nghệ An's templates and the generic ones, never Quảng Ngãi's", async () => {
    const { changes } = await pullAll(app, memberNA);
    expect(templateIdsIn(changes)).toEqual([...GENERIC, NA_GO_LIVE].sort());
  });

  it("deletes another province's seeded template an older release put there, unless a checklist uses it", async () => {
    const scope = provinceScope('nghe-an');
    const qnTemplates = seedChecklistTemplates().filter((t) => t.provinces.includes('quang-ngai'));
    // What an older release did: every template seeded into every province.
    await store.records.seedRecords(
      scope,
      qnTemplates.map(({ provinces: _p, ...template }) => ({ table: 'checklistTemplates' as const, record: seedRecord(template, 'nghe-an') })),
    );
    expect(templateIdsIn((await pullAll(app, memberNA)).changes)).toContain(QN_READINESS);
    // A Nghệ An commune already started a checklist from one of them.
    const used = qnTemplates.find((t) => t.templateId === QN_INDICATORS)!;
    const leader = await createUser(store, { username: 'leaderNA', password: PASSWORD, role: 'leader', communeId: 'xa-nghe-an-test' }, { cost: TEST_COST });
    const leaderNA = await login(app, leader.username);
    await pushOk(app, leaderNA, [
      mutation('checklists', uuidv7(), { ...createMeta(leaderNA), templateId: used.templateId, templateVersion: 1, title: 'Chỉ tiêu 2022', scope: 'commune', archived: false }),
    ]);

    await seedProvince(store, 'nghe-an'); // the next start-up

    const { changes } = await pullAll(app, memberNA);
    expect(templateIdsIn(changes)).toEqual([...GENERIC, NA_GO_LIVE, QN_INDICATORS].sort());
    // Quảng Ngãi keeps both.
    expect(templateIdsIn((await pullAll(app, memberA)).changes)).toContain(QN_READINESS);
  });
}

describe('reference data per province on SQLite', () => referenceProvincesSuite(sqliteFixture));
describePostgres('reference data per province on PostgreSQL', () => referenceProvincesSuite(postgresFixture));
