// /settings: the settings feature's screen with the account and sync sections inside it. Composed
// here because features never import each other (ARCHITECTURE.md).
import type { ReactElement } from 'react';
import { SettingsScreen } from '../features/settings/components/settings-screen';
import { AccountSection } from '../features/auth/components/account-section';
import { SyncSection } from '../features/sync/components/sync-section';

export function SettingsRoute(): ReactElement {
  return (
    <SettingsScreen>
      <AccountSection />
      <SyncSection />
    </SettingsScreen>
  );
}
