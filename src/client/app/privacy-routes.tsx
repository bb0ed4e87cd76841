// The privacy screens' routes under /privacy, inside their lazy chunk: routes.tsx carries one lazy
// element for all of them, which keeps the first screen's JS in its budget (docs/performance.md
// "Budgets"). An unknown /privacy path shows the privacy notice.
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { PrivacyNoticeScreen } from '../features/privacy/components/privacy-notice-screen';
import { AuditLogScreen } from '../features/privacy/components/audit-log-screen';
import { RetentionScreen } from '../features/privacy/components/retention-screen';
import { CitizenHistoryScreen } from '../features/privacy/components/citizen-history-screen';
import { ErasureScreen } from '../features/privacy/components/erasure-screen';
import { RequestsScreen } from '../features/privacy/components/requests-screen';

export function PrivacyRoutes(): ReactElement {
  return (
    <Routes>
      <Route index element={<PrivacyNoticeScreen />} />
      <Route path="erase" element={<ErasureScreen />} />
      <Route path="audit" element={<AuditLogScreen />} />
      <Route path="citizen" element={<CitizenHistoryScreen />} />
      <Route path="retention" element={<RetentionScreen />} />
      <Route path="requests/*" element={<RequestsScreen />} />
      <Route path="*" element={<PrivacyNoticeScreen />} />
    </Routes>
  );
}
