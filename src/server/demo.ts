// Demo mode (docs/sync.md §5): the first start of the embedded database with no accounts creates one
// demo commune and one account per role, with random passwords printed once. Never in production
// (docs/privacy.md checklist item 12): a production start refuses a database that has enabled demo
// accounts. DEMO_PASSWORD (tests only, refused in production by config.ts) fixes the password so
// end-to-end tests can sign in. The commune and accounts are made like the admin CLI's, audited in
// the server operator's name (docs/accounts.md "Demo mode is audited the same way").
import { randomInt } from 'node:crypto';
import type { Role } from '../shared/permissions';
import { OperatorAccounts } from './admin/operator-accounts';
import { AuditLog } from './privacy/audit-log';
import type { Config } from './config';
import type { SyncStore } from './storage/types';

export const DEMO_COMMUNE = { id: 'demo-xa-ngok-bay', name: 'Xã Ngọk Bay (demo)', provinceId: 'quang-ngai' } as const;

export const DEMO_ACCOUNTS: readonly { username: string; role: Role; displayName: string }[] = [
  { username: 'demo-member', role: 'member', displayName: 'Thành viên tổ (demo)' },
  { username: 'demo-leader', role: 'leader', displayName: 'Tổ trưởng (demo)' },
  { username: 'demo-reviewer', role: 'reviewer', displayName: 'Lãnh đạo xã (demo)' },
  { username: 'demo-admin', role: 'admin', displayName: 'Sở KH&CN (demo)' },
];

export interface DemoCredential {
  username: string;
  role: Role;
  password: string;
}

// No 0/O/1/l/I: the passwords are read off a terminal and typed on a phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 16 characters from a 31-letter alphabet: about 79 bits from the CSPRNG. */
export function randomDemoPassword(): string {
  return Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** Creates the demo commune and accounts when the database has no account at all; returns their credentials, or undefined. */
export async function setUpDemo(store: SyncStore, fixedPassword?: string): Promise<DemoCredential[] | undefined> {
  if ((await store.accounts.listUsers()).length > 0) return undefined;
  const operator = new OperatorAccounts(store, new AuditLog(store.audit));
  if (!(await store.accounts.getCommune(DEMO_COMMUNE.id))) await operator.createCommune(DEMO_COMMUNE);
  const credentials: DemoCredential[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = fixedPassword ?? randomDemoPassword();
    await operator.create(null, {
      username: account.username,
      password,
      role: account.role,
      displayName: account.displayName,
      ...(account.role === 'admin' ? { provinceId: DEMO_COMMUNE.provinceId } : { communeId: DEMO_COMMUNE.id }),
    });
    credentials.push({ username: account.username, role: account.role, password });
  }
  return credentials;
}

/** The enabled demo accounts of a database (a production server refuses to start with any). */
export async function enabledDemoAccounts(store: SyncStore): Promise<string[]> {
  const enabled = new Set((await store.accounts.listUsers()).filter((user) => !user.disabled).map((user) => user.username));
  return DEMO_ACCOUNTS.map((account) => account.username).filter((name) => enabled.has(name));
}

/** Demo mode applies to the embedded database outside production. */
export function demoModeApplies(config: Config): boolean {
  return config.nodeEnv !== 'production' && config.database.kind === 'sqlite';
}
