// The access token: memory only, refresh once on 401, signed out when the refresh is refused.
import { describe, expect, it, vi } from 'vitest';
import { AccessToken } from './access-token';
import { HttpError, NetworkError, SignedOutError, WithdrawnError } from './errors';
import type { AuthResponse, Timed } from './transport';

const USER = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan', displayName: 'Lan', role: 'member' as const, communeId: 'ngok-bay' };

function answer(token: string, now = 0, user = USER): Timed<AuthResponse> {
  return { body: { accessToken: token, expiresIn: 900, user }, sentAt: now, receivedAt: now };
}

function setup(refresh: () => Promise<Timed<AuthResponse>>, now = () => 0) {
  const transport = { refresh: vi.fn(refresh) };
  return { transport, token: new AccessToken({ transport, now, expectedUserId: () => Promise.resolve(USER.id) }) };
}

describe('access token', () => {
  it("hands every accepted refresh answer on (it carries the province's lock rules), and not a refused one", async () => {
    const policy = { lockAfterMinutes: 2, offlineDays: 7, maxFailedUnlocks: 4 };
    const stranger = { ...USER, id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c' };
    const answers = [answer('t1'), { ...answer('t2', 0, stranger) }];
    answers[0]!.body.devicePolicy = policy;
    const received: unknown[] = [];
    const transport = { refresh: vi.fn(() => Promise.resolve(answers.shift()!)) };
    const token = new AccessToken({ transport, now: () => 0, expectedUserId: () => Promise.resolve(USER.id), received: (body) => received.push(body.devicePolicy) });
    await token.refresh();
    await expect(token.refresh()).rejects.toBeInstanceOf(SignedOutError);
    expect(received).toEqual([policy]);
  });

  it('refreshes first when it holds no token (after a reload) and reuses it while valid', async () => {
    const { transport, token } = setup(() => Promise.resolve(answer('t1')));
    const seen: string[] = [];
    await token.call((t) => Promise.resolve(seen.push(t)));
    await token.call((t) => Promise.resolve(seen.push(t)));
    expect(seen).toEqual(['t1', 't1']);
    expect(transport.refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes before a token about to expire is used', async () => {
    let now = 0;
    const tokens = ['t1', 't2'];
    const { transport, token } = setup(() => Promise.resolve(answer(tokens.shift()!, now)), () => now);
    await token.call(() => Promise.resolve(undefined));
    now = 900_000 - 10_000;
    const seen: string[] = [];
    await token.call((t) => Promise.resolve(seen.push(t)));
    expect(seen).toEqual(['t2']);
    expect(transport.refresh).toHaveBeenCalledTimes(2);
  });

  it('a withdrawn device (401 device_revoked) is not refreshed and retried: WithdrawnError at once', async () => {
    const { transport, token } = setup(() => Promise.resolve(answer('t1')));
    let calls = 0;
    const error = await token
      .call(() => {
        calls += 1;
        return Promise.reject(new HttpError(401, 'device_revoked', 'revoked'));
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WithdrawnError);
    expect((error as WithdrawnError).code).toBe('device_revoked');
    expect(calls).toBe(1);
    expect(transport.refresh).toHaveBeenCalledTimes(1);
  });

  it('a refresh answered account_disabled is WithdrawnError, not "signed out"', async () => {
    const { token } = setup(() => Promise.reject(new HttpError(401, 'account_disabled', 'disabled')));
    const error = await token.call(() => Promise.resolve('never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WithdrawnError);
    expect((error as WithdrawnError).code).toBe('account_disabled');
  });

  it('on 401 refreshes once and retries once', async () => {
    const tokens = ['old', 'new'];
    const { transport, token } = setup(() => Promise.resolve(answer(tokens.shift()!)));
    const seen: string[] = [];
    const result = await token.call((t) => {
      seen.push(t);
      return t === 'old' ? Promise.reject(new HttpError(401, 'unauthorized', 'Sign in first.')) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(seen).toEqual(['old', 'new']);
    expect(transport.refresh).toHaveBeenCalledTimes(2);
  });

  it('is signed out when the retry is refused again (and does not loop)', async () => {
    const { transport, token } = setup(() => Promise.resolve(answer('t')));
    const work = vi.fn(() => Promise.reject(new HttpError(401, 'unauthorized', 'Sign in first.')));
    await expect(token.call(work)).rejects.toBeInstanceOf(SignedOutError);
    expect(work).toHaveBeenCalledTimes(2);
    expect(transport.refresh).toHaveBeenCalledTimes(2);
    expect(token.current()).toBeUndefined();
  });

  it('is signed out when the refresh cookie is refused', async () => {
    const { token } = setup(() => Promise.reject(new HttpError(401, 'unauthorized', 'expired')));
    await expect(token.call(() => Promise.resolve('x'))).rejects.toBeInstanceOf(SignedOutError);
  });

  it('is NOT signed out when the refresh cannot reach the server', async () => {
    const { token } = setup(() => Promise.reject(new NetworkError('offline')));
    await expect(token.call(() => Promise.resolve('x'))).rejects.toBeInstanceOf(NetworkError);
  });

  it('shares one refresh between concurrent callers (a rotated refresh token is never reused)', async () => {
    let resolve: (value: Timed<AuthResponse>) => void = () => undefined;
    const { transport, token } = setup(() => new Promise((r) => (resolve = r)));
    const calls = [token.call((t) => Promise.resolve(t)), token.call((t) => Promise.resolve(t)), token.call((t) => Promise.resolve(t))];
    resolve(answer('shared'));
    expect(await Promise.all(calls)).toEqual(['shared', 'shared', 'shared']);
    expect(transport.refresh).toHaveBeenCalledTimes(1);
  });

  it('refuses a refresh that answers for another user (their token must not carry this phone\'s changes)', async () => {
    const { token } = setup(() => Promise.resolve(answer('t', 0, { ...USER, id: '0190a1b2-c3d4-7e5f-8a6b-000000000000' })));
    await expect(token.call(() => Promise.resolve('x'))).rejects.toBeInstanceOf(SignedOutError);
  });
});
