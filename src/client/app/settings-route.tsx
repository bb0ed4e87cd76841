// /settings: the settings feature's screen with the account and sync sections inside it, and
// /settings/hand-over, the hand-over between phones (a lazy chunk of its own, with its strings).
// Composed here because features never import each other (ARCHITECTURE.md).
import { lazy, type ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { withStrings } from '../lib/i18n';
import { SettingsScreen } from '../features/settings/components/settings-screen';
import { AccountSection } from '../features/auth/components/account-section';
import { SyncSection } from '../features/sync/components/sync-section';
import { HandOverLink } from '../features/handover/components/hand-over-link';

const HandOverScreen = lazy(async () => ({ default: (await withStrings('handover', () => import('../features/handover/components/hand-over-screen'))).HandOverScreen }));

export function SettingsRoute(): ReactElement {
  return (
    <Routes>
      <Route
        index
        element={
          <SettingsScreen fieldTools={<HandOverLink />}>
            <AccountSection />
            <SyncSection />
          </SettingsScreen>
        }
      />
      <Route path="hand-over" element={<HandOverScreen />} />
    </Routes>
  );
}
