// The admin CLI (docs/sync.md §5; the forms below are fixed, scripts rely on them):
//   npm run admin -- create-commune --id <id> --name <name> [--province <id>]
//   npm run admin -- create-user --username <u> --password <p> --role <member|leader|reviewer|admin> --commune <id>
//                    (an admin takes --province <id> instead of --commune; optional --display-name <name>)
//   npm run admin -- reset-password --username <u> --password <p>      (also ends the user's sessions)
//   npm run admin -- list-users
// (create-user, reset-password and issue-code also take --as <u>: the audit log then names that
// account instead of the server's operator, docs/accounts.md) and, beyond the fixed forms:
//   issue-code --username <u> | disable-user --username <u> --as <u> | enable-user --username <u> --as <u> | rotate-epoch | help
//   rename-commune --id <id> --name <name> --as <admin> | deactivate-commune --id <id> --as <admin> | reactivate-commune …
// DATA_DIR / DATABASE_URL select the database exactly as for the server; migrations run first.
// Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatSignInCode } from '../shared/admin/accounts';
import { AccountError } from './accounts';
import { updateCommuneSchema, type UpdateCommuneInput } from '../shared/admin/communes';
import { AccountsRefusal, AccountsService } from './admin/accounts';
import { OperatorAccounts } from './admin/operator-accounts';
import { CommunesService } from './admin/communes';
import { AuditLog } from './privacy/audit-log';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { openStore } from './storage/open-store';
import type { UserRow } from './storage/account-types';
import { META_KEYS, type SyncStore } from './storage/types';

export const USAGE = `Usage: npm run admin -- <command> [options]

  create-commune --id <id> --name <name> [--province <id>]
  create-user --username <u> --password <p> --role <member|leader|reviewer|admin> --commune <id> [--display-name <name>] [--as <u>]
  create-user --username <u> --password <p> --role admin --province <id> [--display-name <name>] [--as <u>]
  reset-password --username <u> --password <p> [--as <u>]   (ends the account's sessions)
  list-users
  issue-code --username <u> [--as <u>]             (a one-time sign-in code: the member chooses a password)
  disable-user --username <u> --as <admin or leader username>   (ends the account's sessions)
  enable-user --username <u> --as <admin or leader username>
  rotate-epoch                                     (after restoring a backup: every phone re-syncs fully)
  rename-commune --id <id> --name <name> --as <admin username>
  deactivate-commune --id <id> --as <admin username>   (disables its accounts; their phones send, then wipe)
  reactivate-commune --id <id> --as <admin username>   (its accounts stay disabled until enabled)

Every change is written to the audit log: in the name of the account given with --as (an enabled
admin or leader, with the console's scope), or, without --as, of the server's operator.
DATA_DIR or DATABASE_URL select the database, as for the server.
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  province: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  commune: { type: 'string' },
  'display-name': { type: 'string' },
  as: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string>>;

const REQUIRED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  'create-commune': ['id', 'name'],
  'create-user': ['username', 'password', 'role'],
  'reset-password': ['username', 'password'],
  'issue-code': ['username'],
  'disable-user': ['username', 'as'],
  'enable-user': ['username', 'as'],
  'rename-commune': ['id', 'name', 'as'],
  'deactivate-commune': ['id', 'as'],
  'reactivate-commune': ['id', 'as'],
};

const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  'create-commune': ['id', 'name', 'province'],
  'create-user': ['username', 'password', 'role', 'commune', 'province', 'display-name', 'as'],
  'reset-password': ['username', 'password', 'as'],
  'list-users': [],
  'issue-code': ['username', 'as'],
  'disable-user': ['username', 'as'],
  'enable-user': ['username', 'as'],
  'rotate-epoch': [],
  'rename-commune': ['id', 'name', 'as'],
  'deactivate-commune': ['id', 'as'],
  'reactivate-commune': ['id', 'as'],
};

function required(values: Values, name: keyof typeof OPTIONS): string {
  const value = values[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

/** Parses argv (without node and the script); throws UsageError. */
export function parseCommand(argv: readonly string[]): { command: string; values: Values } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...extra] = parsed.positionals;
  if (command === undefined || command === 'help') throw new UsageError('');
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`Unknown command "${command}".`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const values = parsed.values as Values;
  const unexpected = Object.keys(values).find((key) => !allowed.includes(key as keyof typeof OPTIONS));
  if (unexpected) throw new UsageError(`--${unexpected} does not apply to ${command}.`);
  for (const name of REQUIRED[command] ?? []) required(values, name);
  return { command, values };
}

/** The account named with --as, in whose name the console's services act (and the audit log shows). */
async function actorNamed(store: SyncStore, values: Values): Promise<UserRow> {
  const username = required(values, 'as');
  const actor = await store.accounts.findUserByUsername(username);
  if (!actor) throw new AccountError(`There is no account "${username}".`);
  // A disabled account has no session in the console either.
  if (actor.disabled) throw new AccountError(`The account "${username}" is disabled: name an enabled one with --as.`);
  return actor;
}

/** The --as account when given; null: the server's operator acts (the fixed forms, a province's first admin). */
async function optionalActor(store: SyncStore, values: Values): Promise<UserRow | null> {
  return values.as === undefined ? null : actorNamed(store, values);
}

const operator = (store: SyncStore) => new OperatorAccounts(store, new AuditLog(store.audit));

/**
 * An account's disabling or enabling, through the console's AccountsService (docs/accounts.md
 * "Accounts"): the same scope (an admin their province's commune accounts, a leader their commune's
 * members and reviewers), the same refusal to enable an account of a deactivated commune, the same
 * audit row and roster. A province admin's account, which the console never changes, goes through
 * the service's admin-only path.
 */
async function switchUser(store: SyncStore, command: string, values: Values, io: Output): Promise<void> {
  const actor = await actorNamed(store, values);
  const username = required(values, 'username');
  const user = await store.accounts.findUserByUsername(username);
  if (!user) throw new AccountError(`There is no account "${username}".`);
  const disabled = command === 'disable-user';
  const accounts = new AccountsService({ store, audit: new AuditLog(store.audit) });
  const changed = user.role === 'admin' ? await accounts.setAdminDisabled(actor, user.id, disabled) : (await accounts.update(actor, user.id, { disabled })).disabled !== user.disabled;
  if (!changed) io.out(`${user.username} was already ${disabled ? 'disabled' : 'enabled'}; nothing changed.\n`);
  else io.out(`${user.username} is now ${disabled ? 'disabled; every session of the account has ended' : 'enabled'}.\n`);
}

/**
 * A commune's rename, deactivation or reactivation, through the console's own service
 * (docs/accounts.md "Communes"): the same checks, the same transaction that disables its accounts,
 * the same audit rows, written in the name of the province admin given with --as.
 */
async function changeCommune(store: SyncStore, command: string, values: Values, io: Output): Promise<void> {
  const actor = await actorNamed(store, values);
  const id = required(values, 'id');
  // The name it has now is the one the operator changes: a console rename meanwhile is still refused by the store.
  const before = await store.accounts.getCommune(id);
  const change = command === 'rename-commune' ? { name: required(values, 'name') } : { active: command === 'reactivate-commune' };
  const patch = updateCommuneSchema.safeParse({ ...change, basedOn: before?.name ?? id });
  if (!patch.success) throw new AccountError('The commune name must have 1 to 100 characters.');
  const { commune, disabledAccounts } = await new CommunesService(store, new AuditLog(store.audit)).update(actor, id, patch.data satisfies UpdateCommuneInput);
  if (command === 'rename-commune') io.out(`Renamed commune ${commune.id} from "${before?.name}" to "${commune.name}"; its phones show the new name after their next sync.\n`);
  else if (commune.active) io.out(`Reactivated commune ${commune.id} "${commune.name}". Its accounts stay disabled: enable those who carry on with enable-user.\n`);
  else io.out(`Deactivated commune ${commune.id} "${commune.name}": ${disabledAccounts} account(s) disabled; their phones send what they hold, then wipe. Nothing is deleted on the server.\n`);
}

async function execute(store: SyncStore, command: string, values: Values, io: Output): Promise<void> {
  switch (command) {
    case 'create-commune': {
      const commune = await operator(store).createCommune({ id: required(values, 'id'), name: required(values, 'name'), provinceId: values.province });
      io.out(`Created commune ${commune.id} "${commune.name}" in province ${commune.provinceId}.\n`);
      return;
    }
    case 'create-user': {
      const user = await operator(store).create(await optionalActor(store, values), {
        username: required(values, 'username'),
        password: required(values, 'password'),
        role: required(values, 'role'),
        communeId: values.commune,
        provinceId: values.province,
        displayName: values['display-name'],
      });
      io.out(`Created ${user.role} ${user.username} (${user.communeId ? `commune ${user.communeId}` : `province ${user.provinceId}`}).\n`);
      return;
    }
    case 'reset-password': {
      const user = await operator(store).setPassword(await optionalActor(store, values), required(values, 'username'), required(values, 'password'));
      io.out(`Password of ${user.username} changed; every session of the account has ended.\n`);
      return;
    }
    case 'issue-code': {
      // The same code as the console's reset (docs/accounts.md): shown once, stored only hashed.
      const issued = await operator(store).issueCode(await optionalActor(store, values), required(values, 'username'));
      io.out(`One-time sign-in code for ${issued.username}: ${formatSignInCode(issued.code)} (valid until ${new Date(issued.expiresAt).toISOString()}).\n`);
      return;
    }
    case 'list-users': {
      const users = await store.accounts.listUsers();
      if (users.length === 0) {
        io.out('No accounts yet. Create one with create-user.\n');
        return;
      }
      const rows = users.map((u) => [u.username, u.role, u.communeId ?? `province:${u.provinceId}`, u.disabled ? 'disabled' : 'active', u.displayName]);
      const header = ['USERNAME', 'ROLE', 'COMMUNE', 'STATE', 'DISPLAY NAME'];
      const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
      const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
      io.out(`${[line(header), ...rows.map(line)].join('\n')}\n`);
      return;
    }
    case 'disable-user':
    case 'enable-user':
      return switchUser(store, command, values, io);
    case 'rename-commune':
    case 'deactivate-commune':
    case 'reactivate-commune':
      return changeCommune(store, command, values, io);
    case 'rotate-epoch': {
      await store.setMeta(META_KEYS.epoch, randomBytes(16).toString('hex'));
      io.out('New sync epoch set: every phone will pull everything again on its next sync.\n');
      return;
    }
  }
}

/** Runs the CLI and returns its exit code (the process wrapper below exits with it). */
export async function runAdminCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.err(`${error.message}\n\n`);
    io.err(USAGE);
    return error.message ? 2 : argv.includes('help') ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const store = openStore(config.database);
  try {
    await store.migrate();
    await execute(store, parsed.command, parsed.values, io);
    return 0;
  } catch (error) {
    if (error instanceof AccountError || error instanceof AccountsRefusal) {
      io.err(`${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`Failed on ${describeDatabase(config.database)}: ${message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  const io: Output = { out: (text) => void process.stdout.write(text), err: (text) => void process.stderr.write(text) };
  void runAdminCli(process.argv.slice(2), process.env, io).then((code) => {
    process.exitCode = code;
  });
}
