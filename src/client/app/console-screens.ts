// The console's screens travel as one chunk: routes.tsx then carries one dynamic import (and one list of
// preloaded dependencies) for them instead of four, which keeps the first screen's JS in its budget
// (docs/performance.md). They are opened together anyway: the admin area links to the others.
export { AdminArea } from './admin-area';
export { AccountsScreen } from '../features/console/components/accounts-screen';
export { DevicesScreen } from '../features/console/components/devices-screen';
export { RedeemCodeScreen } from '../features/console/components/redeem-code-screen';
export { PasswordScreen } from '../features/console/components/password-screen';
export { DevicePolicyScreen } from '../features/console/components/device-policy-screen';
export { ServicesScreen } from '../features/reference/components/services-screen';
export { ProvinceContactsScreen } from '../features/reference/components/province-contacts-screen';
export { TemplateListScreen } from '../features/reference/components/templates-screen';
export { TemplateEditorScreen } from '../features/reference/components/template-editor-screen';
