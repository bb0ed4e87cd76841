import type { ReactElement } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';

export function App(): ReactElement {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
