// Demo mode (docs/sync.md §5): the first start of the embedded database with no accounts creates one
// demo commune and one account per role, with random passwords printed once. Never in production
// (docs/privacy.md checklist item 12): a production start refuses a database that has enabled demo
// accounts. DEMO_PASSWORD (tests only, refused in production by config.ts) fixes the password so
// end-to-end tests can sign in.
import { randomInt } from 'node:crypto';
import type { Role } from '../shared/permissions';
import { createCommune, createUser } from './accounts';
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
  if (!(await store.accounts.getCommune(DEMO_COMMUNE.id))) await createCommune(store, DEMO_COMMUNE);
  const credentials: DemoCredential[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = fixedPassword ?? randomDemoPassword();
    await createUser(store, {
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
  const names = new Set(DEMO_ACCOUNTS.map((account) => account.username));
  return (await store.accounts.listUsers()).filter((user) => names.has(user.username) && !user.disabled).map((user) => user.username);
}

/** Demo mode applies to the embedded database outside production. */
export function demoModeApplies(config: Config): boolean {
  return config.nodeEnv !== 'production' && config.database.kind === 'sqlite';
}

/** The text printed once to stdout (never to the log: the log may be shipped elsewhere). */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string {
  const width = Math.max(...credentials.map((c) => c.username.length));
  const lines = credentials.map((c) => `  ${c.username.padEnd(width)}  ${c.password}  (${c.role})`);
  return [
    `Demo mode: created the commune "${DEMO_COMMUNE.name}" (${DEMO_COMMUNE.id}) with one account per role.`,
    'These passwords are shown only now:',
    ...lines,
    'Demo mode is off when NODE_ENV=production; create real accounts with `npm run admin`.',
    '',
  ].join('\n');
}
