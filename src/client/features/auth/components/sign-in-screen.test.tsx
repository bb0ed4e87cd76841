// /sign-in: clear Vietnamese errors, and a working session after success.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../../../test/helpers/render-app';
import { COMMUNE } from '../../../../../test/helpers/sync-fixtures';
import { db } from '../../../data/db';
import { getSession } from '../../../data/session-repository';
import { formatTime } from '../../../../shared/text/dates';

const LAN = { id: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'member', communeId: COMMUNE };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));

let answer: () => Promise<Response>;
const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : input.toString());
const network = vi.fn((input: RequestInfo | URL) =>
  urlOf(input).startsWith('/api/auth/login') ? answer() : json(200, { changes: [], cursor: 'c', hasMore: false, serverTime: new Date().toISOString() }),
);

beforeEach(async () => {
  network.mockClear();
  vi.stubGlobal('fetch', network);
  await Promise.all(db.tables.map((table) => table.clear()));
});
afterEach(() => vi.unstubAllGlobals());

async function submit(username: string, password: string): Promise<void> {
  await renderApp('/sign-in');
  await userEvent.type(await screen.findByLabelText('Tên đăng nhập', {}, { timeout: 5_000 }), username);
  await userEvent.type(screen.getByLabelText('Mật khẩu'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('sign-in screen', () => {
  it('asks for both fields before calling the server', async () => {
    answer = () => json(500, {});
    await renderApp('/sign-in');
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng nhập' }, { timeout: 5_000 }));
    expect(screen.getByRole('alert').textContent).toBe('Nhập tên đăng nhập và mật khẩu.');
    expect(network).not.toHaveBeenCalled();
  });

  it.each([
    ['wrong password', () => json(401, { error: { code: 'unauthorized', message: 'x' } }), 'Sai tên đăng nhập hoặc mật khẩu.'],
    ['a wrong password with many tries left', () => json(401, { error: { code: 'unauthorized', message: 'x', remainingAttempts: 7 } }), 'Sai tên đăng nhập hoặc mật khẩu.'],
    [
      'a wrong password two tries before the lock',
      () => json(401, { error: { code: 'unauthorized', message: 'x', remainingAttempts: 2 } }),
      'Sai tên đăng nhập hoặc mật khẩu. Còn 2 lần thử, sau đó tài khoản bị tạm khóa 15 phút.',
    ],
    [
      'the wrong password that locks the account',
      () => json(401, { error: { code: 'unauthorized', message: 'x', remainingAttempts: 0 } }, { 'retry-after': '900' }),
      /^Sai tên đăng nhập hoặc mật khẩu\. Tài khoản bị tạm khóa đến (\d\d:\d\d) \(khoảng 15 phút nữa\)\.$/,
    ],
    [
      'a locked account',
      () => json(429, { error: { code: 'too_many_requests', message: 'x' } }, { 'retry-after': '300' }),
      /^Tài khoản đang bị tạm khóa vì đăng nhập sai nhiều lần\. Hãy thử lại lúc (\d\d:\d\d) \(khoảng 5 phút nữa\)\.$/,
    ],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch')), 'Không có mạng. Lần đăng nhập đầu tiên cần kết nối mạng; hãy thử lại khi có sóng.'],
    ['a server failure', () => json(500, { error: { code: 'internal', message: 'x' } }), 'Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.'],
  ])('says so on %s and stores nothing', async (_name, reply, message) => {
    answer = reply;
    await submit('lan.nguyen', 'mat-khau');
    // The alert is always in the page (empty until there is something to say); the sign-in code
    // is loaded on submit, so the answer may take a moment.
    const alert = await screen.findByTestId('sign-in-error');
    await waitFor(() => expect(alert.textContent).not.toBe(''), { timeout: 5_000 });
    const text = alert.textContent ?? '';
    if (typeof message === 'string') {
      expect(text).toBe(message);
    } else {
      // The clock time the lock lifts: Retry-After from now, 24-hour, Vietnam's zone.
      const time = message.exec(text)?.[1];
      const minutes = Number(/khoảng (\d+) phút/.exec(text)?.[1]);
      const expected = [0, 1].map((late) => formatTime(new Date(Date.now() + (minutes * 60 - late * 60) * 1000)));
      expect(expected, text).toContain(time);
    }
    expect(await getSession()).toBeUndefined();
  });

  it('signs in, goes Home and the top bar shows the sync status', async () => {
    answer = () => json(200, { accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: LAN });
    await submit('lan.nguyen', 'mat-khau');
    expect(await screen.findByRole('heading', { level: 1, name: 'Trang chủ' }, { timeout: 5_000 })).toBeTruthy();
    expect((await getSession())?.user.username).toBe('lan.nguyen');
    expect(screen.queryByTestId('sign-in-card')).toBeNull();
    // The member's live badge replaces the visitor's once its chunk has loaded.
    await waitFor(() => expect(screen.getByTestId('sync-badge').getAttribute('href')).toBe('/settings#sync'), { timeout: 5_000 });
    expect(screen.getByTestId('sync-badge').textContent).not.toContain('Đăng nhập để đồng bộ');
  });
});
