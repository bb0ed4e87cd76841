// The assistance area (/assistance/*): logs, follow-ups, group sessions and villages. It needs a
// signed-in user (records carry createdBy and communeId); the forms are lazy chunks, because
// they are not needed to read the list and are the heaviest part of the feature.
import { lazy, type ReactElement } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CommuneGate } from '../../../components/ui/commune-gate';
import type { SessionUser } from '../../../data/session-repository';
import { ToastProvider } from './undo-toast';
import { LogListScreen } from './log-list-screen';
import { LogDetailScreen } from './log-detail-screen';
import { FollowUpsScreen } from './follow-ups-screen';
import { GroupListScreen } from './group-list-screen';
import { GroupDetailScreen } from './group-detail-screen';
import { VillagesScreen } from './villages-screen';
import { GuideScreen, GuidesScreen } from './guides-screen';
import '../assistance.css';

const LogFormScreen = lazy(async () => ({ default: (await import('./log-form-screen')).LogFormScreen }));
const GroupFormScreen = lazy(async () => ({ default: (await import('./group-form-screen')).GroupFormScreen }));

export function AssistanceScreen(): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    // Assistance records belong to a commune; province accounts read aggregates in Reports instead.
    <CommuneGate
      text={{ title: t('title'), loading: t('loading'), signInFirst: t('signInFirst'), signIn: t('signIn'), notForRole: t('notForRole') }}
      elsewhere={<Link className="button" to="/reports">{t('openReports')}</Link>}
    >
      {(user) => <AssistanceRoutes user={user} />}
    </CommuneGate>
  );
}

function AssistanceRoutes({ user }: { user: SessionUser }): ReactElement {
  return (
    <ToastProvider>
      <Routes>
        <Route index element={<LogListScreen user={user} />} />
        <Route path="new" element={<LogFormScreen user={user} />} />
        <Route path="logs/:id" element={<LogDetailScreen user={user} />} />
        <Route path="logs/:id/edit" element={<LogFormScreen user={user} />} />
        <Route path="follow-ups" element={<FollowUpsScreen user={user} />} />
        <Route path="groups" element={<GroupListScreen user={user} />} />
        <Route path="groups/new" element={<GroupFormScreen user={user} />} />
        <Route path="groups/:id" element={<GroupDetailScreen user={user} />} />
        <Route path="groups/:id/edit" element={<GroupFormScreen user={user} />} />
        <Route path="villages" element={<VillagesScreen user={user} />} />
        <Route path="guides" element={<GuidesScreen />} />
        <Route path="guides/:code" element={<GuideScreen />} />
        <Route path="*" element={<LogListScreen user={user} />} />
      </Routes>
    </ToastProvider>
  );
}
