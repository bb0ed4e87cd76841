// The support-contact directory (docs/product.md job 4), at /contacts/*. Everything here reads and
// writes IndexedDB only, so it works offline; it needs a signed-in user for the commune and the
// author of each change.
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SessionGate } from '../../../components/ui/session-gate';
import { ContactDetailScreen } from './contact-detail-screen';
import { ContactFormScreen } from './contact-form-screen';
import { DirectoryScreen } from './directory-screen';
import { TeamScreen } from './team-screen';
import './contacts.css';

export function ContactsScreen(): ReactElement {
  const { t } = useTranslation('contacts');
  return (
    <div className="contacts-feature">
      <SessionGate text={{ title: t('title'), loading: t('loading'), signInFirst: t('signIn.required'), signIn: t('signIn.link') }}>
        {(user) => (
          <Routes>
            <Route index element={<DirectoryScreen user={user} />} />
            <Route path="new" element={<ContactFormScreen user={user} />} />
            <Route path="team" element={<TeamScreen />} />
            <Route path=":contactId" element={<ContactDetailScreen user={user} />} />
            <Route path=":contactId/edit" element={<ContactFormScreen user={user} />} />
            <Route path="*" element={<DirectoryScreen user={user} />} />
          </Routes>
        )}
      </SessionGate>
    </div>
  );
}
