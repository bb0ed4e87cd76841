// The admin CLI's commune commands on a real SQLite file and a real PostgreSQL (docs/accounts.md
// "Communes"): rename, deactivate and reactivate go through the console's CommunesService, so the
// CLI gets its checks, its transaction (a deactivation disables the commune's accounts) and its
// audit rows, written in the name of the province admin given with --as; create-commune is audited
// in the server operator's name.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditLog } from '../../src/server/privacy/audit-log';
import { SERVER_OPERATOR_ID } from '../../src/shared/privacy/audit';
import { loadConfig } from '../../src/server/config';
import { openStore } from '../../src/server/storage/open-store';
import type { SyncStore } from '../../src/server/storage/types';
import { describeCliOnBothDatabases, runCli, type CliDatabase, type CliRun } from '../helpers/cli-databases';

function commandsSuite(database: () => Promise<CliDatabase>): void {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let store: SyncStore;
  const admin = (...argv: string[]): Promise<CliRun> => runCli(env, argv);
  const users = async () => Object.fromEntries((await store.accounts.listCommuneUsers('ngok-bay')).map((user) => [user.username, user.disabled]));

  beforeAll(async () => {
    ({ env, drop } = await database());
    for (const args of [
      ['create-commune', '--id', 'ngok-bay', '--name', 'Xã Ngọk Bay', '--province', 'quang-ngai'],
      ['create-commune', '--id', 'tra-tan', '--name', 'Xã Trà Tân', '--province', 'kon-tum'],
      ['create-user', '--username', 'so-khcn', '--password', 'một câu dài dễ nhớ', '--role', 'admin', '--province', 'quang-ngai', '--display-name', 'Sở KH&CN'],
      ['create-user', '--username', 'so-kontum', '--password', 'một câu dài dễ nhớ', '--role', 'admin', '--province', 'kon-tum'],
      ['create-user', '--username', 'lan.member', '--password', 'một câu dài dễ nhớ', '--role', 'member', '--commune', 'ngok-bay'],
      ['create-user', '--username', 'hoa.leader', '--password', 'một câu dài dễ nhớ', '--role', 'leader', '--commune', 'ngok-bay'],
    ]) {
      expect(await admin(...args)).toMatchObject({ code: 0, err: '' });
    }
    store = openStore(loadConfig(env).database);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('rename-commune renames it in the admin’s name; the same name or a bad one is refused with a reason', async () => {
    const renamed = await admin('rename-commune', '--id', 'ngok-bay', '--name', 'Xã Ngọk Bay Mới', '--as', 'so-khcn');
    expect(renamed).toMatchObject({ code: 0, err: '' });
    expect(renamed.out).toContain('Renamed commune ngok-bay from "Xã Ngọk Bay" to "Xã Ngọk Bay Mới"');
    expect((await store.accounts.getCommune('ngok-bay'))?.name).toBe('Xã Ngọk Bay Mới');
    const same = await admin('rename-commune', '--id', 'ngok-bay', '--name', 'Xã Ngọk Bay Mới', '--as', 'so-khcn');
    expect(same).toMatchObject({ code: 1, err: 'The name is unchanged.\n' });
    const long = await admin('rename-commune', '--id', 'ngok-bay', '--name', 'x'.repeat(101), '--as', 'so-khcn');
    expect(long).toMatchObject({ code: 1, err: 'The commune name must have 1 to 100 characters.\n' });
    expect((await store.accounts.getCommune('ngok-bay'))?.name).toBe('Xã Ngọk Bay Mới');
  });

  it('only a province admin of the commune’s own province may: others are refused and the refusal audited', async () => {
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'hoa.leader')).toMatchObject({ code: 1, err: 'Only the province admin runs communes.\n' });
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'so-kontum')).toMatchObject({ code: 1, err: 'No such commune.\n' });
    expect(await admin('deactivate-commune', '--id', 'nowhere', '--as', 'so-khcn')).toMatchObject({ code: 1, err: 'No such commune.\n' });
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'nobody')).toMatchObject({ code: 1, err: 'There is no account "nobody".\n' });
    expect((await store.accounts.getCommune('ngok-bay'))?.active).toBe(true);
    expect(await users()).toEqual({ 'lan.member': false, 'hoa.leader': false });
    const refused = await new AuditLog(store.audit).read(await adminActor('so-kontum'), undefined);
    expect(refused?.events.map((event) => [event.kind, event.details.action])).toContainEqual(['access.refused', 'commune.update']);
  });

  it('deactivate-commune disables its accounts in the same change; reactivate-commune leaves them disabled', async () => {
    const off = await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn');
    expect(off).toMatchObject({ code: 0, err: '' });
    expect(off.out).toContain('Deactivated commune ngok-bay "Xã Ngọk Bay Mới": 2 account(s) disabled');
    expect((await store.accounts.getCommune('ngok-bay'))?.active).toBe(false);
    expect(await users()).toEqual({ 'lan.member': true, 'hoa.leader': true });
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn')).toMatchObject({ code: 1, err: 'The commune is already deactivated.\n' });

    const on = await admin('reactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn');
    expect(on).toMatchObject({ code: 0, err: '' });
    expect(on.out).toContain('Reactivated commune ngok-bay "Xã Ngọk Bay Mới"');
    expect((await store.accounts.getCommune('ngok-bay'))?.active).toBe(true);
    expect(await users()).toEqual({ 'lan.member': true, 'hoa.leader': true });
    expect(await admin('reactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn')).toMatchObject({ code: 1, err: 'The commune is already active.\n' });
  });

  it('writes the console’s audit rows, by the admin’s name; create-commune, with no --as, by the server’s operator', async () => {
    const page = await new AuditLog(store.audit).read(await adminActor('so-khcn'), undefined);
    const rows = (page?.events ?? []).filter((event) => event.kind.startsWith('commune.') || event.kind === 'account.disabled');
    expect(rows.map((event) => [event.kind, event.actorName]).reverse()).toEqual([
      ['commune.created', SERVER_OPERATOR_ID],
      ['commune.renamed', 'Sở KH&CN'],
      ['commune.deactivated', 'Sở KH&CN'],
      ['account.disabled', 'Sở KH&CN'],
      ['account.disabled', 'Sở KH&CN'],
      ['commune.reactivated', 'Sở KH&CN'],
    ]);
    expect(rows.find((event) => event.kind === 'commune.renamed')?.details).toEqual({ from: 'Xã Ngọk Bay', to: 'Xã Ngọk Bay Mới' });
  });

  async function adminActor(username: string) {
    return (await store.accounts.findUserByUsername(username))!;
  }
}

describeCliOnBothDatabases('admin CLI commune commands', commandsSuite);
