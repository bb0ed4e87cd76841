import { describe, expect, it, beforeEach } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../test/helpers/render-app';
import { loadSavedLanguage } from '../lib/language';
import { db } from '../data/db';

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
