// The frame of the signed-in feature areas: a status while the session loads, a way to sign in
// when nobody is, the area with the user otherwise — and back to sign-in when the user signs out.
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { clearSession, saveSession, type SessionUser } from '../../data/session-repository';
import { SessionGate } from './session-gate';

const member: SessionUser = { id: '0197c1a2-0000-7000-8000-000000000001', username: 'binh', displayName: 'Bình', role: 'member', communeId: 'ngok-bay' };
const TEXT = { title: 'Hỗ trợ người dân', loading: 'Đang tải…', signInFirst: 'Hãy đăng nhập để ghi nhận hỗ trợ.', signIn: 'Đăng nhập' };

function renderGate() {
  return render(
    <MemoryRouter>
      <SessionGate text={TEXT}>{(user) => <p>{`Xin chào ${user.displayName}`}</p>}</SessionGate>
    </MemoryRouter>,
  );
}

describe('SessionGate', () => {
  beforeEach(async () => {
    await clearSession();
  });

  it('shows the loading status first, then asks to sign in when nobody is signed in', async () => {
    renderGate();
    expect(screen.getByRole('status').textContent).toBe('Đang tải…');
    expect(await screen.findByText('Hãy đăng nhập để ghi nhận hỗ trợ.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Hỗ trợ người dân' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe('/sign-in');
  });

  it('gives the area the signed-in user, and closes it again on sign-out', async () => {
    await saveSession({ user: member, signedInAt: '2026-07-01T01:00:00.000Z' });
    renderGate();
    expect(await screen.findByText('Xin chào Bình')).toBeTruthy();
    await clearSession();
    expect(await screen.findByRole('link', { name: 'Đăng nhập' })).toBeTruthy();
    expect(screen.queryByText('Xin chào Bình')).toBeNull();
  });
});
