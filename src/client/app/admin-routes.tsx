// The console's routes under /admin, inside the console's lazy chunk: routes.tsx carries one lazy
// element for the whole console instead of one per screen, which keeps the first screen's JS in its
// budget (docs/performance.md "Budgets"). An unknown /admin path shows the console's front page.
import { lazy, type ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { AdminArea } from './admin-area';
import { AccountsScreen } from '../features/console/components/accounts-screen';
import { CommunesScreen } from '../features/console/components/communes-screen';
import { DevicesScreen } from '../features/console/components/devices-screen';
import { DevicePolicyScreen } from '../features/console/components/device-policy-screen';
import { ServicesScreen } from '../features/reference/components/services-screen';
import { ProvinceContactsScreen } from '../features/reference/components/province-contacts-screen';
import { TemplateListScreen } from '../features/reference/components/templates-screen';
import { TemplateEditorScreen } from '../features/reference/components/template-editor-screen';
import { NewTemplateScreen } from '../features/reference/components/new-template-screen';
import { ReportSettingsScreen } from '../features/reference/components/report-settings-screen';
import { withStrings } from '../lib/i18n';

// The guide editor is a chunk of its own, with its strings: only the province admin opens it.
const guideScreens = () => withStrings('guides', () => import('../features/reference/components/guide-screens'));
const GuidesAdminScreen = lazy(async () => ({ default: (await guideScreens()).GuidesAdminScreen }));
const GuideEditorScreen = lazy(async () => ({ default: (await guideScreens()).GuideEditorScreen }));

export function AdminRoutes(): ReactElement {
  return (
    <Routes>
      <Route index element={<AdminArea />} />
      <Route path="accounts" element={<AccountsScreen />} />
      <Route path="communes" element={<CommunesScreen />} />
      <Route path="device-policy" element={<DevicePolicyScreen />} />
      <Route path="services" element={<ServicesScreen />} />
      <Route path="province-contacts" element={<ProvinceContactsScreen />} />
      <Route path="report-settings" element={<ReportSettingsScreen />} />
      <Route path="devices" element={<DevicesScreen />} />
      <Route path="templates" element={<TemplateListScreen />} />
      <Route path="templates/new" element={<NewTemplateScreen />} />
      <Route path="templates/:templateId" element={<TemplateEditorScreen />} />
      <Route path="guides" element={<GuidesAdminScreen />} />
      <Route path="guides/:code" element={<GuideEditorScreen />} />
      <Route path="*" element={<AdminArea />} />
    </Routes>
  );
}
