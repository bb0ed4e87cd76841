// The privacy screens travel as one chunk, for the same reason as console-screens.ts: one dynamic import
// in routes.tsx instead of four keeps the first screen's JS in its budget (docs/performance.md).
export { PrivacyNoticeScreen } from '../features/privacy/components/privacy-notice-screen';
export { AuditLogScreen } from '../features/privacy/components/audit-log-screen';
export { RetentionScreen } from '../features/privacy/components/retention-screen';
export { ErasureScreen } from '../features/privacy/components/erasure-screen';
export { RequestsScreen } from '../features/privacy/components/requests-screen';
