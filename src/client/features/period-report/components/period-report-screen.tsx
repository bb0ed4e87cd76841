// The period report area (/period-report/*, docs/reports.md "Period reports"): the list of the
// commune's reports with the current and previous periods' drafts, the editor of one report, and
// its A4 print view, for the commune's leaders (permissions.ts periodReport.write), offline; and
// for a province admin (province.view) the compiled view of the communes' reports, online.
import type { ReactElement } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, Screen } from '../../../components/ui/screen';
import { SessionGate } from '../../../components/ui/session-gate';
import { can } from '../../../../shared/permissions';
import { CompiledScreen } from './compiled-screen';
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
          <LeaderRoutes communeId={user.communeId} />
        ) : can(user.role, 'province.view') && user.provinceId ? (
          <CompiledScreen provinceId={user.provinceId} />
        ) : (
          <Screen title={t('title')}>
            <EmptyState>{t('notForRole')}</EmptyState>
          </Screen>
        )
      }
    </SessionGate>
  );
}

function LeaderRoutes({ communeId }: { communeId: string }): ReactElement {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path=":id" element={<WithId render={(id) => <ReportEditor id={id} communeId={communeId} />} />} />
      <Route path=":id/print" element={<WithId render={(id) => <ReportPrint id={id} communeId={communeId} />} />} />
    </Routes>
  );
}

function WithId({ render }: { render: (id: string) => ReactElement }): ReactElement {
  const { id = '' } = useParams();
  return render(id);
}
