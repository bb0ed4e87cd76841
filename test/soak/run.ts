// `npm run soak [-- --seconds 600] [--backend sqlite|postgres] [--seed N]`: the bounded soak of
// soak.ts on SQLite, then on two server processes sharing one PostgreSQL (TEST_DATABASE_URL).
// --seconds is the time under faults, split between the backends (default 60: 30 s each).
// Prints the seed and one summary line per backend; exit code 1 when the checker finds anything.
import { testDatabaseUrl } from '../helpers/pg';
import { runSoak, type Backend } from './soak';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

const seconds = Number(option('seconds') ?? 60);
const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
const only = option('backend');
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed) || (only !== undefined && only !== 'sqlite' && only !== 'postgres')) {
  process.stderr.write('usage: npm run soak -- [--seconds 60] [--backend sqlite|postgres] [--seed N]\n');
  process.exit(2);
}

let backends: Backend[] = only ? [only] : ['sqlite', 'postgres'];
if (backends.includes('postgres') && !testDatabaseUrl()) {
  // As the PostgreSQL test suites do: skipped with a warning locally, an error in CI.
  if (process.env.CI) {
    process.stderr.write('CI is set but TEST_DATABASE_URL is not: the PostgreSQL soak must run in CI.\n');
    process.exit(1);
  }
  process.stderr.write('⚠  TEST_DATABASE_URL is not set: skipping the PostgreSQL soak.\n');
  backends = backends.filter((backend) => backend !== 'postgres');
}

process.stdout.write(`soak seed ${seed} (replay: npm run soak -- --seed ${seed} --seconds ${seconds})\n`);
let failed = false;
for (const backend of backends) {
  const result = await runSoak({ backend, seconds: seconds / backends.length, seed, log: (line) => process.stdout.write(`${line}\n`) });
  try {
    process.stdout.write(`${result.summary}\n`);
    for (const problem of result.problems.slice(0, 50)) process.stdout.write(`  ✗ ${problem}\n`);
    if (result.problems.length > 50) process.stdout.write(`  … and ${result.problems.length - 50} more\n`);
    failed ||= result.problems.length > 0;
  } finally {
    await result.dispose();
  }
}
// Exit explicitly: the in-process phones leave a MessagePort open after the run (seen since the
// phones seal their notes), and a soak that never exits would hang CI rather than report.
process.stdout.write('', () => process.exit(failed ? 1 : 0));
