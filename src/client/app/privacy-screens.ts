// The privacy screens travel as one chunk, for the same reason as console-screens.ts: routes.tsx
// carries one dynamic import for them (docs/performance.md "Budgets").
export { PrivacyRoutes } from './privacy-routes';
