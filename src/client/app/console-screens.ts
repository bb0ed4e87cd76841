// The console travels as one chunk: routes.tsx carries one dynamic import (and one list of preloaded
// dependencies) for it, which keeps the first screen's JS in its budget (docs/performance.md
// "Budgets"). Its screens are opened together anyway: the admin area links to the others.
export { AdminRoutes } from './admin-routes';
export { RedeemCodeScreen } from '../features/console/components/redeem-code-screen';
export { PasswordScreen } from '../features/console/components/password-screen';
