// The admin CLI's account commands on a real SQLite file and a real PostgreSQL (docs/accounts.md
// "The CLI acts in someone's name"): disable-user and enable-user go through the console's
// AccountsService in the name of the account given with --as, so the CLI gets the console's scope,
// its refusal to enable an account of a deactivated commune and its audit rows; create-user,
// reset-password and issue-code are audited too, in the --as account's name with the same scope,
// or in the server's operator's without it. A refusal says why on stderr and exits 1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishRoster } from '../../src/server/admin/roster';
import { AuditLog } from '../../src/server/privacy/audit-log';
import { SERVER_OPERATOR_ID } from '../../src/shared/privacy/audit';
import { loadConfig } from '../../src/server/config';
import { openStore } from '../../src/server/storage/open-store';
import type { SyncStore } from '../../src/server/storage/types';
import { describeCliOnBothDatabases, runCli, type CliDatabase, type CliRun } from '../helpers/cli-databases';

const PASSWORD = 'một câu dài dễ nhớ';

function accountsSuite(database: () => Promise<CliDatabase>): void {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let store: SyncStore;
  const admin = (...argv: string[]): Promise<CliRun> => runCli(env, argv);
  const disabled = async (username: string) => (await store.accounts.findUserByUsername(username))?.disabled;
  /** The account events the province admin reads in the audit log, oldest first: [kind, by whom, about whom]. */
  const accountEvents = async () => {
    const reader = (await store.accounts.findUserByUsername('so-khcn'))!;
    const page = await new AuditLog(store.audit).read(reader, undefined);
    return (page?.events ?? [])
      .filter((event) => event.kind === 'account.disabled' || event.kind === 'account.enabled')
      .map((event) => [event.kind, event.actorName, event.subjectName])
      .reverse();
  };

  /** The events of these kinds that `reader` reads in the audit log, oldest first: [kind, by whom, their role, about whom]. */
  const eventsRead = async (reader: string, kinds: readonly string[]) => {
    const page = await new AuditLog(store.audit).read((await store.accounts.findUserByUsername(reader))!, undefined);
    return (page?.events ?? [])
      .filter((event) => kinds.includes(event.kind))
      .map((event) => [event.kind, event.actorName, event.actorRole, event.subjectName])
      .reverse();
  };
  const OPERATOR = [SERVER_OPERATOR_ID, null] as const;

  beforeAll(async () => {
    ({ env, drop } = await database());
    for (const args of [
      ['create-commune', '--id', 'ngok-bay', '--name', 'Xã Ngọk Bay', '--province', 'quang-ngai'],
      ['create-commune', '--id', 'tra-tan', '--name', 'Xã Trà Tân', '--province', 'kon-tum'],
      ['create-user', '--username', 'so-khcn', '--password', PASSWORD, '--role', 'admin', '--province', 'quang-ngai', '--display-name', 'Sở KH&CN'],
      ['create-user', '--username', 'so-khcn-2', '--password', PASSWORD, '--role', 'admin', '--province', 'quang-ngai', '--display-name', 'Phó phòng Sở'],
      ['create-user', '--username', 'so-kontum', '--password', PASSWORD, '--role', 'admin', '--province', 'kon-tum'],
      ['create-user', '--username', 'lan.member', '--password', PASSWORD, '--role', 'member', '--commune', 'ngok-bay', '--display-name', 'Nguyễn Thị Lan'],
      ['create-user', '--username', 'hoa.leader', '--password', PASSWORD, '--role', 'leader', '--commune', 'ngok-bay', '--display-name', 'Trần Thị Hoa'],
      ['create-user', '--username', 'minh.leader', '--password', PASSWORD, '--role', 'leader', '--commune', 'ngok-bay', '--display-name', 'Lê Văn Minh'],
    ]) {
      expect(await admin(...args)).toMatchObject({ code: 0, err: '' });
    }
    store = openStore(loadConfig(env).database);
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('disable-user and enable-user act in the --as account’s name and write the console’s audit rows', async () => {
    const off = await admin('disable-user', '--username', 'lan.member', '--as', 'so-khcn');
    expect(off).toEqual({ code: 0, err: '', out: 'lan.member is now disabled; every session of the account has ended.\n' });
    expect(await disabled('lan.member')).toBe(true);
    // The commune's phones learn it from the roster the service republished: publishing again changes nothing.
    expect(await publishRoster(store, 'ngok-bay')).toBe(0);
    expect(await admin('disable-user', '--username', 'lan.member', '--as', 'so-khcn')).toMatchObject({ code: 0, out: 'lan.member was already disabled; nothing changed.\n' });
    // A leader runs their own commune's members, as in the console.
    expect(await admin('enable-user', '--username', 'lan.member', '--as', 'hoa.leader')).toMatchObject({ code: 0, err: '', out: 'lan.member is now enabled.\n' });
    expect(await disabled('lan.member')).toBe(false);
    expect(await accountEvents()).toEqual([
      ['account.disabled', 'Sở KH&CN', 'Nguyễn Thị Lan'],
      ['account.enabled', 'Trần Thị Hoa', 'Nguyễn Thị Lan'],
    ]);
  });

  it('refuses what the console refuses, with its reason and exit code 1, and changes nothing', async () => {
    const before = await accountEvents();
    const refusals: [string[], string][] = [
      [['disable-user', '--username', 'minh.leader', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['disable-user', '--username', 'hoa.leader', '--as', 'lan.member'], 'Not allowed for your role or for this account.\n'],
      [['disable-user', '--username', 'lan.member', '--as', 'so-kontum'], 'No such account or commune.\n'],
      [['disable-user', '--username', 'so-khcn-2', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['disable-user', '--username', 'so-kontum', '--as', 'so-khcn'], 'No such account or commune.\n'],
      [['disable-user', '--username', 'nobody', '--as', 'so-khcn'], 'There is no account "nobody".\n'],
      [['disable-user', '--username', 'lan.member', '--as', 'nobody'], 'There is no account "nobody".\n'],
    ];
    for (const [args, err] of refusals) expect(await admin(...args), args.join(' ')).toEqual({ code: 1, out: '', err });
    for (const username of ['lan.member', 'hoa.leader', 'minh.leader', 'so-khcn-2', 'so-kontum']) expect(await disabled(username), username).toBe(false);
    expect(await accountEvents()).toEqual(before);
    // Without --as the CLI does not know in whose name to act: wrong usage.
    const usage = await admin('disable-user', '--username', 'lan.member');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--as is required.');
  });

  it('enable-user refuses an account of a deactivated commune until the commune is reactivated', async () => {
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await disabled('lan.member')).toBe(true);
    const refused = await admin('enable-user', '--username', 'lan.member', '--as', 'so-khcn');
    expect(refused).toEqual({ code: 1, out: '', err: 'The commune is deactivated; reactivate it before enabling its accounts.\n' });
    expect(await disabled('lan.member')).toBe(true);
    // A disabled account cannot act, in the CLI as in the console.
    expect(await admin('disable-user', '--username', 'lan.member', '--as', 'hoa.leader')).toEqual({
      code: 1,
      out: '',
      err: 'The account "hoa.leader" is disabled: name an enabled one with --as.\n',
    });
    expect(await admin('reactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await admin('enable-user', '--username', 'lan.member', '--as', 'so-khcn')).toMatchObject({ code: 0, out: 'lan.member is now enabled.\n' });
    expect(await disabled('lan.member')).toBe(false);
    expect((await accountEvents()).slice(-1)).toEqual([['account.enabled', 'Sở KH&CN', 'Nguyễn Thị Lan']]);
  });

  it('a province admin’s account, which the console never changes, is switched by an admin of the same province, audited', async () => {
    expect(await admin('disable-user', '--username', 'so-khcn-2', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await disabled('so-khcn-2')).toBe(true);
    expect(await admin('enable-user', '--username', 'so-khcn-2', '--as', 'so-kontum')).toEqual({ code: 1, out: '', err: 'No such account or commune.\n' });
    expect(await admin('enable-user', '--username', 'so-khcn-2', '--as', 'so-khcn')).toMatchObject({ code: 0, out: 'so-khcn-2 is now enabled.\n' });
    expect((await accountEvents()).slice(-2)).toEqual([
      ['account.disabled', 'Sở KH&CN', 'Phó phòng Sở'],
      ['account.enabled', 'Sở KH&CN', 'Phó phòng Sở'],
    ]);
  });

  it('create-user without --as is the server’s operator’s, in the audit log of the province and of the commune', async () => {
    // The bootstrap: nobody could be named when the province's first admin was made.
    expect(await eventsRead('so-khcn', ['account.created'])).toEqual([
      ['account.created', ...OPERATOR, 'Sở KH&CN'],
      ['account.created', ...OPERATOR, 'Phó phòng Sở'],
      ['account.created', ...OPERATOR, 'Nguyễn Thị Lan'],
      ['account.created', ...OPERATOR, 'Trần Thị Hoa'],
      ['account.created', ...OPERATOR, 'Lê Văn Minh'],
    ]);
    // Another province's admin, made the same way, is in that province's log only.
    expect(await eventsRead('so-kontum', ['account.created'])).toEqual([['account.created', ...OPERATOR, 'so-kontum']]);
    // The commune's leader reads its accounts' creation, not the admins'.
    expect((await eventsRead('hoa.leader', ['account.created'])).map((event) => event[3])).toEqual(['Nguyễn Thị Lan', 'Trần Thị Hoa', 'Lê Văn Minh']);
  });

  it('create-user, reset-password and issue-code with --as write their rows in that account’s name', async () => {
    // The commune's deactivation above left its leader disabled.
    expect(await admin('enable-user', '--username', 'hoa.leader', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await admin('create-user', '--username', 'mai.reviewer', '--password', PASSWORD, '--role', 'reviewer', '--commune', 'ngok-bay', '--display-name', 'Phạm Thị Mai', '--as', 'hoa.leader')).toMatchObject({ code: 0, err: '' });
    expect(await admin('create-user', '--username', 'so-khcn-3', '--password', PASSWORD, '--role', 'admin', '--province', 'quang-ngai', '--display-name', 'Chuyên viên Sở', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await admin('reset-password', '--username', 'mai.reviewer', '--password', 'một mật khẩu khác hẳn', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    expect(await admin('reset-password', '--username', 'so-khcn-2', '--password', 'một mật khẩu khác hẳn')).toMatchObject({ code: 0, err: '' });
    const code = await admin('issue-code', '--username', 'mai.reviewer', '--as', 'hoa.leader');
    expect(code).toMatchObject({ code: 0, err: '' });
    expect(code.out).toMatch(/^One-time sign-in code for mai\.reviewer: [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4} /);
    expect(await admin('issue-code', '--username', 'lan.member')).toMatchObject({ code: 0, err: '' });
    const kinds = ['account.created', 'account.passwordSet', 'account.passwordReset'];
    expect((await eventsRead('so-khcn', kinds)).slice(-6)).toEqual([
      ['account.created', 'Trần Thị Hoa', 'leader', 'Phạm Thị Mai'],
      ['account.created', 'Sở KH&CN', 'admin', 'Chuyên viên Sở'],
      ['account.passwordSet', 'Sở KH&CN', 'admin', 'Phạm Thị Mai'],
      ['account.passwordSet', ...OPERATOR, 'Phó phòng Sở'],
      ['account.passwordReset', 'Trần Thị Hoa', 'leader', 'Phạm Thị Mai'],
      ['account.passwordReset', ...OPERATOR, 'Nguyễn Thị Lan'],
    ]);
  });

  it('refuses, with the console’s scope, what the --as account may not do; nothing changes and each refusal is audited', async () => {
    const accounts = (await store.accounts.listUsers()).map((user) => [user.username, user.passwordChangedAt]);
    const refusals: [string[], string][] = [
      [['create-user', '--username', 'x.leader', '--password', PASSWORD, '--role', 'leader', '--commune', 'ngok-bay', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['create-user', '--username', 'x.admin', '--password', PASSWORD, '--role', 'admin', '--province', 'quang-ngai', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['create-user', '--username', 'x.member', '--password', PASSWORD, '--role', 'member', '--commune', 'tra-tan', '--as', 'so-khcn'], 'No such account or commune.\n'],
      [['create-user', '--username', 'x.member', '--password', PASSWORD, '--role', 'member', '--commune', 'ngok-bay', '--as', 'lan.member'], 'Not allowed for your role or for this account.\n'],
      [['reset-password', '--username', 'so-khcn', '--password', 'một mật khẩu khác hẳn', '--as', 'so-kontum'], 'No such account or commune.\n'],
      [['reset-password', '--username', 'minh.leader', '--password', 'một mật khẩu khác hẳn', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['issue-code', '--username', 'hoa.leader', '--as', 'hoa.leader'], 'Not allowed for your role or for this account.\n'],
      [['issue-code', '--username', 'lan.member', '--as', 'nobody'], 'There is no account "nobody".\n'],
    ];
    const refusedBefore = (await eventsRead('so-khcn', ['access.refused'])).length;
    for (const [args, err] of refusals) expect(await admin(...args), args.join(' ')).toEqual({ code: 1, out: '', err });
    expect((await store.accounts.listUsers()).map((user) => [user.username, user.passwordChangedAt])).toEqual(accounts);
    // so-kontum's refusal is filed in its own province; the unknown --as account cannot be named.
    expect((await eventsRead('so-khcn', ['access.refused'])).length - refusedBefore).toBe(6);
    expect((await eventsRead('so-kontum', ['access.refused'])).slice(-1)).toEqual([['access.refused', 'so-kontum', 'admin', null]]);
  });

  it('create-user refuses a deactivated commune, with or without --as, as the console does', async () => {
    expect(await admin('deactivate-commune', '--id', 'ngok-bay', '--as', 'so-khcn')).toMatchObject({ code: 0, err: '' });
    for (const as of [[], ['--as', 'so-khcn']]) {
      const refused = await admin('create-user', '--username', 'late.member', '--password', PASSWORD, '--role', 'member', '--commune', 'ngok-bay', ...as);
      expect(refused).toEqual({ code: 1, out: '', err: 'The commune is deactivated; reactivate it before adding accounts.\n' });
    }
    expect(await store.accounts.findUserByUsername('late.member')).toBeUndefined();
  });
}

describeCliOnBothDatabases('admin CLI account commands', accountsSuite);
