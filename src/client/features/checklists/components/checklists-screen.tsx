// Readiness checklists (docs/product.md job 3, issue #5), at /checklists/*. Everything reads and writes
// IndexedDB only, so it works offline for days; it needs a signed-in user for the commune, the role
// and the author of each change.
import { useEffect, type ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SessionGate } from '../../../components/ui/session-gate';
import { ensureTemplateSeed } from '../../../data/checklist-template-repository';
import { log } from '../../../lib/log';
import { ChecklistScreen } from './checklist-screen';
import { NewChecklistScreen } from './new-checklist-screen';
import { OverviewScreen } from './overview-screen';
import '../checklists.css';

export function ChecklistsScreen(): ReactElement {
  const { t } = useTranslation('checklists');
  // The five seeded templates are on the phone before the first sync (no outbox: not local changes).
  useEffect(() => {
    ensureTemplateSeed().catch((error: unknown) => log.error('template seed failed', error));
  }, []);
  return (
    <SessionGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signIn.message'), signIn: t('signIn.action') }}>
      {(user) => (
        <Routes>
          <Route index element={<OverviewScreen user={user} />} />
          <Route path="new" element={<NewChecklistScreen user={user} />} />
          <Route path=":checklistId" element={<ChecklistScreen user={user} />} />
          <Route path="*" element={<OverviewScreen user={user} />} />
        </Routes>
      )}
    </SessionGate>
  );
}
