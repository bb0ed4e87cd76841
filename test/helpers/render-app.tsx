// Renders the app's real routes at a URL, with the real i18next resources.
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../../src/client/app/routes';
import { initI18n, type Language } from '../../src/client/lib/i18n';

export async function renderApp(url = '/', language: Language = 'vi'): Promise<RenderResult> {
  await initI18n(language);
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AppRoutes />
    </MemoryRouter>,
  );
}
