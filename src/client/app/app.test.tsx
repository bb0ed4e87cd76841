import { afterEach, describe, expect, it, beforeEach } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../test/helpers/render-app';
import { loadSavedLanguage } from '../lib/language';
import { db } from '../data/db';
import { clearSession, saveSession, type SessionUser } from '../data/session-repository';
import { ROLES } from '../../shared/permissions';

const screens = [
  { url: '/', vi: 'Trang chủ', en: 'Home' },
  { url: '/assistance', vi: 'Hỗ trợ người dân', en: 'Citizen assistance' },
  { url: '/checklists', vi: 'Danh mục kiểm tra', en: 'Checklists' },
  { url: '/contacts', vi: 'Danh bạ hỗ trợ', en: 'Support contacts' },
  { url: '/reports', vi: 'Báo cáo', en: 'Reports' },
  { url: '/settings', vi: 'Cài đặt', en: 'Settings' },
];

describe('app shell', () => {
  beforeEach(async () => {
    await db.settings.clear();
  });

  it.each(screens)('renders $url with its Vietnamese title', async ({ url, vi }) => {
    await renderApp(url);
    // The first test to open a screen also compiles its lazy chunks (the lock check, the screen):
    // findBy* waits up to the suite's asyncUtilTimeout (test/helpers/setup-unit.ts).
    expect(await screen.findByRole('heading', { level: 1, name: vi })).toBeTruthy();
  });

  it('shows the six destinations in the bottom navigation and marks the current one', async () => {
    await renderApp('/contacts');
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt']);
    expect(within(nav).getByRole('link', { name: 'Danh bạ' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows a visitor the sync badge with the first render, leading to the sign-in screen', async () => {
    await renderApp('/');
    // Synchronously after the first render: the visitor's badge waits for no chunk (docs/first-visit.md).
    const badge = screen.getByTestId('sync-badge');
    expect(badge.textContent).toBe('Trạng thái đồng bộ: Đăng nhập để đồng bộ');
    expect(badge.getAttribute('href')).toBe('/sign-in');
    expect(within(badge).getByRole('status')).toBeTruthy();
  });

  it('navigates between screens from the bottom bar', async () => {
    await renderApp('/');
    await userEvent.click(screen.getByRole('link', { name: 'Báo cáo' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Báo cáo' })).toBeTruthy();
  });

  it('switches the language in Settings, changes the text and remembers the choice', async () => {
    const { unmount } = await renderApp('/settings');
    await screen.findByRole('heading', { level: 1, name: 'Cài đặt' });
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Contacts' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(await loadSavedLanguage()).toBe('en');

    // A restart boots in the remembered language.
    unmount();
    await renderApp('/', await loadSavedLanguage());
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();

    await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Tiếng Việt' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cài đặt' })).toBeTruthy();
    expect(await loadSavedLanguage()).toBe('vi');
  });

  it.each(screens)('has the English title for $url', async ({ url, en }) => {
    await renderApp(url, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: en })).toBeTruthy();
  });
});

describe('each role sees what it can use', () => {
  const user = (role: SessionUser['role']): SessionUser => ({
    id: `0197c1a2-0000-7000-8000-00000000000${ROLES.indexOf(role)}`,
    username: role,
    displayName: role,
    role,
    communeId: role === 'admin' ? null : 'ngok-bay',
  });
  afterEach(async () => {
    await clearSession();
  });

  it.each([
    ['member', ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Cài đặt'], ['Ghi nhận hỗ trợ', 'Danh mục kiểm tra', 'Gọi hỗ trợ']],
    ['leader', ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt'], ['Ghi nhận hỗ trợ', 'Danh mục kiểm tra', 'Gọi hỗ trợ']],
    ['reviewer', ['Trang chủ', 'Hỗ trợ', 'Kiểm tra', 'Danh bạ', 'Báo cáo', 'Cài đặt'], ['Ký xác nhận danh mục', 'Xem báo cáo', 'Gọi hỗ trợ']],
    ['admin', ['Trang chủ', 'Kiểm tra', 'Báo cáo', 'Cài đặt'], ['Ban hành mẫu danh mục', 'Số liệu các xã', 'Tài khoản']],
  ] as const)('%s: the bottom bar and Home quick actions', async (role, tabs, actions) => {
    await saveSession({ user: user(role), signedInAt: '2026-07-01T01:00:00.000Z' });
    await renderApp('/');
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    await waitFor(() => expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(tabs));
    const tiles = () => within(screen.getByRole('heading', { name: 'Việc thường làm' }).nextElementSibling as HTMLElement).getAllByRole('link');
    await waitFor(() => expect(tiles().map((link) => link.textContent)).toEqual(actions));
  });

  it('a deep link to an area the role cannot use says where to go instead, with a link', async () => {
    await saveSession({ user: user('member'), signedInAt: '2026-07-01T01:00:00.000Z' });
    const { unmount } = await renderApp('/reports');
    expect(await screen.findByRole('link', { name: 'Mở Hỗ trợ' })).toHaveProperty('pathname', '/assistance');
    unmount();
    await saveSession({ user: user('admin'), signedInAt: '2026-07-01T01:00:00.000Z' });
    await renderApp('/assistance');
    expect(await screen.findByRole('link', { name: 'Mở Báo cáo' })).toHaveProperty('pathname', '/reports');
  });
});
