// Sign-in limits (docs/sign-in-and-sessions.md), on a real SQLite file and a real PostgreSQL
// database: strict per account (counted before the password check, so parallel guesses cannot
// slip past it), loose per address (offices and villages share one address behind NAT: a right
// password is never refused for its address), a capped line of password checks (503 beyond it),
// and the tries left in every failure so the phone can warn before the lock.
import { expect, it } from 'vitest';
import { createUser } from '../../src/server/accounts';
import { ADDRESS_SLOW_AFTER_FAILURES, AuthService, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../src/server/auth/auth-service';
import { verifyPassword } from '../../src/server/auth/password';
import type { ErrorBody } from '../../src/server/errors';
import { SECRET, authWorld, onBothDatabases } from './auth-world';
import { COMMUNE_A, PASSWORD, TEST_COST, freshAddress, makeApp } from './sync-fixtures';

onBothDatabases('sign-in limits', (factory) => {
  const world = authWorld(factory, { addressDelayMs: 50 });
  let accounts = 0;

  /** A fresh account, so no test's failures count against another's. */
  async function newAccount(): Promise<string> {
    accounts += 1;
    const username = `limit-${accounts}`;
    await createUser(world.store, { username, password: PASSWORD, role: 'member', communeId: COMMUNE_A.id }, { cost: TEST_COST });
    return username;
  }

  const login = (username: string, password: string, remoteAddress = freshAddress()) =>
    world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('[A10] each failure says how many tries are left; the 10th says when the lock lifts; the 11th is refused (429) even with the right password', async () => {
    const logged = world.logFrom();
    const username = await newAccount();
    for (let i = 1; i <= LOGIN_MAX_FAILURES; i++) {
      // A new address every time: the account limit alone must stop it.
      const res = await login(username, `guess-${i}-wrong`);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorBody>().error.remainingAttempts).toBe(LOGIN_MAX_FAILURES - i);
      if (i < LOGIN_MAX_FAILURES) expect(res.headers['retry-after']).toBeUndefined();
      else expect(Number(res.headers['retry-after'])).toBeGreaterThan(LOGIN_WINDOW_MS / 1000 - 60);
    }
    const blocked = await login(username, PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<ErrorBody>().error.code).toBe('too_many_requests');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    // Other accounts are not affected.
    expect((await login('leaderA', PASSWORD)).statusCode).toBe(200);
    expect(logged()).toContain('login_rate_limited');
  });

  it('[A10] a right password before the lock starts the count again', async () => {
    const username = await newAccount();
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) expect((await login(username, 'wrong-password')).statusCode).toBe(401);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
    expect((await login(username, 'wrong-password')).json<ErrorBody>().error.remainingAttempts).toBe(LOGIN_MAX_FAILURES - 1);
  });

  it('[A10] one shared address (commune Wi-Fi behind NAT): many failures never lock out a colleague with the right password', async () => {
    const logged = world.logFrom();
    const office = freshAddress();
    const guessed = await Promise.all(Array.from({ length: 15 }, () => newAccount()));
    // Well past the old per-address limit of 10, and past the point where the address is slowed.
    for (let i = 0; i < ADDRESS_SLOW_AFTER_FAILURES + 1; i++) {
      expect((await login(guessed[i % guessed.length]!, 'wrong-password', office)).statusCode).toBe(401);
    }
    const colleague = await login('reviewerA', PASSWORD, office);
    expect(colleague.statusCode).toBe(200);
    expect(logged()).toContain('login_address_slowed');
    // …while an account that is itself locked stays locked from that address too.
    const locked = await newAccount();
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await login(locked, 'wrong-password', office);
    expect((await login(locked, PASSWORD, office)).statusCode).toBe(429);
  });

  it('[A10] 50 parallel wrong logins on one account: no more than the limit get a password check, and the account ends up locked', async () => {
    const username = await newAccount();
    let checks = 0;
    const counting: typeof verifyPassword = (password, stored) => {
      checks += 1;
      return verifyPassword(password, stored);
    };
    const auth = new AuthService({ store: world.store, secret: SECRET, verify: counting, hashing: { concurrency: 2, queue: 64 } });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => auth.login(username, `parallel-guess-${i}`, freshAddress())));
    // Every attempt counts before its check, so a burst may leave fewer checks than the limit
    // (each saw the others' records) — never more.
    expect(checks).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
    expect(results.filter((result) => result.kind === 'invalid')).toHaveLength(checks);
    expect(results.filter((result) => result.kind === 'rate_limited')).toHaveLength(50 - checks);
    expect((await auth.login(username, PASSWORD, freshAddress())).kind).toBe('rate_limited');
    expect(checks).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
  });

  it('[A10] password checks wait in a short line; beyond it → 503 with Retry-After, and nothing is counted against the account', async () => {
    const names = await Promise.all(Array.from({ length: 6 }, () => newAccount()));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow: typeof verifyPassword = async (password, stored) => {
      await gate;
      return verifyPassword(password, stored);
    };
    const busyApp = await makeApp(world.store, { AUTH_SECRET: SECRET }, undefined, undefined, { verify: slow, hashing: { concurrency: 1, queue: 2 } });
    try {
      let answered = 0;
      let threeAnswered!: () => void;
      const three = new Promise<void>((resolve) => (threeAnswered = resolve));
      const pending = names.map(async (name) => {
        const res = await busyApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: 'wrong-password' }, remoteAddress: freshAddress() });
        answered += 1;
        if (answered === 3) threeAnswered();
        return res;
      });
      // Three fit (one checking, two waiting); the other three are answered at once, while the
      // password checks are still held.
      const early = await Promise.race([three.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout'))]);
      expect(early).toBe('answered');
      open();
      const answers = await Promise.all(pending);
      expect(answers.map((res) => res.statusCode).sort()).toEqual([401, 401, 401, 503, 503, 503]);
      for (const res of answers.filter((r) => r.statusCode === 503)) {
        expect(res.json<ErrorBody>().error.code).toBe('unavailable');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      // A refused-while-busy attempt spent none of that member's tries.
      const refused = names.filter((_, i) => answers[i]!.statusCode === 503);
      const counts = await world.store.sessions.recentLoginFailures(refused.map((name) => `account:${name}`), Date.now() - LOGIN_WINDOW_MS);
      expect([...counts.values()].map((count) => count.count)).toEqual([0, 0, 0]);
    } finally {
      await busyApp.close();
    }
  });
});
