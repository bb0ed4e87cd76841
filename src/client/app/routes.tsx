// The route table. Home is on the first screen and ships in the main chunk; every other
// screen is a lazy chunk (precached by the service worker, so it still opens offline), loaded
// together with its strings.
// Declarative <Routes> rather than a data router: the app loads data from IndexedDB in
// hooks, and the data router would add ~30 KB gzipped to the first screen.
import { lazy, useContext, type ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { withStrings } from '../lib/i18n';
import { AppShell } from './app-shell';
import { HomeScreen } from './home-screen';
import { SignedInUser } from './signed-in';

const AssistanceScreen = lazy(async () => ({ default: (await withStrings(['assistance', 'guides'], () => import('../features/assistance/components/assistance-screen'))).AssistanceScreen }));
const ChecklistsScreen = lazy(async () => ({ default: (await withStrings('checklists', () => import('../features/checklists/components/checklists-screen'))).ChecklistsScreen }));
const ContactsScreen = lazy(async () => ({ default: (await withStrings('contacts', () => import('../features/contacts/components/contacts-screen'))).ContactsScreen }));
const ReportsScreen = lazy(async () => ({ default: (await withStrings('reports', () => import('../features/reports/components/reports-screen'))).ReportsScreen }));
const PeriodReportScreen = lazy(async () => ({ default: (await withStrings('periodReport', () => import('../features/period-report/components/period-report-screen'))).PeriodReportScreen }));
// The requests register shows the export's labels, so the privacy chunk brings the reports' strings.
const PrivacyRoutes = lazy(async () => ({ default: (await withStrings(['privacy', 'reports'], () => import('./privacy-screens'))).PrivacyRoutes }));
// The summary names barriers with the reports' labels: both namespaces load with it.
const SummaryScreen = lazy(async () => ({ default: (await withStrings(['summary', 'reports'], () => import('../features/summary/components/summary-screen'))).SummaryScreen }));
// Settings holds the sync section, whose strings are not in the first chunk.
const SettingsRoute = lazy(async () => ({ default: (await withStrings('sync', () => import('./settings-route'))).SettingsRoute }));
const consoleScreens = () => withStrings(['console', 'reference'], () => import('./console-screens'));
const AdminRoutes = lazy(async () => ({ default: (await consoleScreens()).AdminRoutes }));
const RedeemCodeScreen = lazy(async () => ({ default: (await consoleScreens()).RedeemCodeScreen }));
const PasswordScreen = lazy(async () => ({ default: (await consoleScreens()).PasswordScreen }));
const loadSignInScreen = async () => (await import('../features/auth/components/sign-in-screen')).SignInScreen;
const SignInScreen = lazy(async () => ({ default: await loadSignInScreen() }));
/** Set only by preloadScreen, before React's first render: a route never switches between it and the lazy one. */
let preloadedSignIn: Awaited<ReturnType<typeof loadSignInScreen>> | undefined;

/**
 * A deep link's lazy screen, loaded before React's first render (main.tsx), so that the first
 * render is the screen itself, not "Đang tải…" committed in place of the painted shell and then
 * the screen (docs/first-visit.md "One render on a deep link"). Sign-in only: the screen a first
 * visit is sent to. Never rejects: if the chunk cannot be fetched, the route stays lazy.
 */
export async function preloadScreen(pathname: string): Promise<void> {
  if (pathname !== '/sign-in') return;
  preloadedSignIn = await loadSignInScreen().catch(() => undefined);
}

export function AppRoutes(): ReactElement {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<HomeScreen />} />
        <Route path="assistance/*" element={<AssistanceScreen />} />
        <Route path="checklists/*" element={<ChecklistsScreen />} />
        <Route path="contacts/*" element={<ContactsScreen />} />
        <Route path="reports/*" element={<ReportsScreen />} />
        <Route path="summary" element={<SummaryScreen />} />
        <Route path="period-report/*" element={<PeriodReportScreen />} />
        <Route path="settings/*" element={<SettingsRoute />} />
        <Route path="privacy/*" element={<PrivacyRoutes />} />
        <Route path="sign-in" element={<SignInRoute />} />
        <Route path="sign-in/code" element={<RedeemCodeScreen />} />
        <Route path="password" element={<PasswordScreen />} />
        <Route path="admin/*" element={<AdminRoutes />} />
        <Route path="*" element={<HomeScreen />} />
      </Route>
    </Routes>
  );
}

/** The sign-in screen, told who this phone's session is for by the lock check (no IndexedDB read of its own). */
function SignInRoute(): ReactElement {
  const Screen = preloadedSignIn ?? SignInScreen;
  return <Screen previousUser={useContext(SignedInUser)} />;
}
