// Renders the app's real routes at a URL, with the real i18next resources. Without the lock
// check (lock-check.tsx), so the routes are told who is signed in as the lock check tells them:
// the stored session read before the render, then the live one (sign-in and sign-out in a test
// change it, as they do in the app).
import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../../src/client/app/routes';
import { SignedInRole } from '../../src/client/app/signed-in';
import { getSession } from '../../src/client/data/session-repository';
import { useSession } from '../../src/client/hooks/use-session';
import { initI18n, type Language } from '../../src/client/lib/i18n';
import type { Role } from '../../src/shared/roles';

function LiveRole({ initial, children }: { initial: Role | null; children: ReactNode }): ReactElement {
  const live = useSession();
  return <SignedInRole value={live === undefined ? initial : (live?.user.role ?? null)}>{children}</SignedInRole>;
}

export async function renderApp(url = '/', language: Language = 'vi'): Promise<RenderResult> {
  await initI18n(language);
  const role = (await getSession())?.user.role ?? null;
  return render(
    <LiveRole initial={role}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
      </MemoryRouter>
    </LiveRole>,
  );
}
