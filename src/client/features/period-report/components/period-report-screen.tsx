// The period report area (/period-report/*, docs/reports.md "Period reports"): the list of the
// commune's reports with the current and previous periods' drafts, the editor of one report, and
// its A4 print view. Leaders only (permissions.ts periodReport.write); everything works offline.
import { useEffect, type ReactElement } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { saveCommuneInfo } from '../../../data/reports-repository';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { fetchCommuneInfo } from '../../../sync/reports-api';
import { can } from '../../../../shared/permissions';
import { ReportEditor } from './report-editor';
import { ReportList } from './report-list';
import { ReportPrint } from './report-print';
import '../period-report.css';

export function PeriodReportScreen(): ReactElement {
  const { t } = useTranslation('periodReport');
  return (
    <SessionGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signInFirst'), signIn: t('signIn') }}>
      {(user) =>
        can(user.role, 'periodReport.write') && user.communeId !== null ? (
          <LeaderRoutes user={user} communeId={user.communeId} />
        ) : (
          <Screen title={t('title')}>
            <EmptyState>{t('notForRole')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function LeaderRoutes({ user, communeId }: { user: SessionUser; communeId: string }): ReactElement {
  // The document names the commune as the server does; asked once per visit, kept for offline use.
  useEffect(() => {
    if (!navigator.onLine) return;
    fetchCommuneInfo()
      .then((info) => (info.id === communeId ? saveCommuneInfo(info) : undefined))
      .catch((error: unknown) => log.info('commune name not refreshed', error instanceof Error ? error.message : error));
  }, [communeId]);
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path=":id" element={<WithId render={(id) => <ReportEditor id={id} user={user} communeId={communeId} />} />} />
      <Route path=":id/print" element={<WithId render={(id) => <ReportPrint id={id} communeId={communeId} />} />} />
    </Routes>
  );
}

function WithId({ render }: { render: (id: string) => ReactElement }): ReactElement {
  const { id = '' } = useParams();
  return render(id);
}
