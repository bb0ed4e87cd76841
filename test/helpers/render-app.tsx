// Renders the app's real routes at a URL, with the real i18next resources. Without the lock
// check (lock-check.tsx), so the routes are told who is signed in as the lock check tells them:
// from the stored session at the time of the render.
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../../src/client/app/routes';
import { SignedInContext } from '../../src/client/app/signed-in';
import { getSession } from '../../src/client/data/session-repository';
import { initI18n, type Language } from '../../src/client/lib/i18n';

export async function renderApp(url = '/', language: Language = 'vi'): Promise<RenderResult> {
  await initI18n(language);
  const signedIn = (await getSession()) != null;
  return render(
    <SignedInContext value={signedIn}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
      </MemoryRouter>
    </SignedInContext>,
  );
}
