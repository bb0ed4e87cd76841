// A deep link's lazy screen loaded before React's first render (routes.tsx preloadScreen, main.tsx):
// the first commit is the screen itself, never "Đang tải…" in place of the painted shell
// (docs/first-visit.md "One render on a deep link").
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderApp } from '../../../test/helpers/render-app';
import { preloadScreen } from './routes';

describe('a deep link to sign-in', () => {
  it('is not preloaded for other screens: their first commit is still the loading line', async () => {
    await preloadScreen('/contacts');
    await renderApp('/contacts');
    expect(screen.queryByText('Đang tải…')).not.toBeNull();
  });

  it('commits the sign-in form in the first render once preloaded', async () => {
    await preloadScreen('/sign-in');
    await renderApp('/sign-in');
    // No wait: the first commit already holds the form.
    expect(screen.getByRole('heading', { level: 1, name: 'Đăng nhập' })).not.toBeNull();
    expect(screen.getByLabelText('Tên đăng nhập')).not.toBeNull();
    expect(screen.queryByText('Đang tải…')).toBeNull();
  });
});
