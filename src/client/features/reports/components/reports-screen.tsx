// The reports area (/reports/*): the commune's activity dashboard, readiness and printable report
// for leaders and reviewers; the province view for admins. Members log, they do not report
// (permissions.ts reports.view).
import type { ReactElement } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import type { SessionUser } from '../../../data/session-repository';
import { can } from '../../../../shared/permissions';
import { usePrepareReports, useRefreshCommuneName } from '../hooks/use-report-data';
import { ActivityScreen } from './activity-screen';
import { PrintScreen } from './print-screen';
import { ProvinceScreen } from './province-screen';
import { ReadinessScreen } from './readiness-screen';
import '../reports.css';

export function ReportsScreen(): ReactElement {
  const { t } = useTranslation('reports');
  return (
    <SessionGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signInFirst'), signIn: t('signIn') }}>
      {(user) => {
        if (can(user.role, 'province.view')) return <ProvinceRoutes />;
        if (!can(user.role, 'reports.view') || user.communeId === null) {
          return (
            <Screen title={t('title')}>
              <EmptyState>{t('notForRole')}</EmptyState>
              <Link className="button" to="/assistance">{t('openAssistance')}</Link>
            </Screen>
          );
        }
        return <CommuneRoutes user={user} communeId={user.communeId} />;
      }}
    </SessionGate>
  );
}

function CommuneRoutes({ user, communeId }: { user: SessionUser; communeId: string }): ReactElement {
  usePrepareReports();
  useRefreshCommuneName(communeId);
  return (
    <Routes>
      <Route index element={<ActivityScreen user={user} />} />
      <Route path="readiness" element={<ReadinessScreen />} />
      <Route path="print" element={<PrintScreen communeId={communeId} />} />
      <Route path="*" element={<ActivityScreen user={user} />} />
    </Routes>
  );
}

function ProvinceRoutes(): ReactElement {
  return (
    <Routes>
      <Route path="*" element={<ProvinceScreen />} />
    </Routes>
  );
}
