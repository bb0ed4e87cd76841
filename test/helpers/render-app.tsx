// Renders the app's real routes at a URL, with the real i18next resources. Without the lock
// check (lock-check.tsx), so the routes are told who is signed in as the lock check tells them:
// the stored session read before the render, then the live one (sign-in and sign-out in a test
// change it, as they do in the app).
import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../../src/client/app/routes';
import { SignedInUser } from '../../src/client/app/signed-in';
import { getSession, type SessionUser } from '../../src/client/data/session-repository';
import { useSession } from '../../src/client/hooks/use-session';
import { initI18n, type Language } from '../../src/client/lib/i18n';

function LiveUser({ initial, children }: { initial: SessionUser | null; children: ReactNode }): ReactElement {
  const live = useSession();
  return <SignedInUser value={live === undefined ? initial : (live?.user ?? null)}>{children}</SignedInUser>;
}

export async function renderApp(url = '/', language: Language = 'vi'): Promise<RenderResult> {
  await initI18n(language);
  const user = (await getSession())?.user ?? null;
  return render(
    <LiveUser initial={user}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
      </MemoryRouter>
    </LiveUser>,
  );
}
