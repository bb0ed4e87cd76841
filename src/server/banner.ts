// What `npm start` prints once the server listens: plain lines a newcomer can read (where to open
// the app, which database, how to sign in), printed last so nothing scrolls it away. Passwords go
// to stdout only, never to the log (the log may be shipped elsewhere).
import { DEMO_COMMUNE, type DemoCredential } from './demo';

export interface BannerFacts {
  url: string;
  /** describeDatabase(): never a password. */
  database: string;
  /** Demo accounts created by this start, with their passwords (shown only now). */
  created?: readonly DemoCredential[] | undefined;
  /** Demo accounts that already existed (a later start): their names and how to reset one. */
  existing?: readonly string[];
}

export function formatBanner({ url, database, created, existing = [] }: BannerFacts): string {
  const lines = ['', 'Sổ tay số is running.', `  Open:      ${url}`, `  Database:  ${database}`];
  if (created && created.length > 0) {
    const width = Math.max(...created.map((c) => c.username.length));
    lines.push(
      `  Demo commune "${DEMO_COMMUNE.name}", one account per role. These passwords are shown only now:`,
      ...created.map((c) => `    ${c.username.padEnd(width)}  ${c.password}  (${c.role})`),
    );
  } else if (existing.length > 0) {
    lines.push(
      `  Demo accounts: ${existing.join(', ')} (their passwords were shown at the first start).`,
      '  New password: npm run admin -- reset-password --username demo-member --password <new>',
    );
  }
  lines.push('  Which role sees what: README.md, "Who sees what". Stop with Ctrl+C.', '');
  return lines.join('\n');
}
